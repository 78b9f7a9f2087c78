/**
 * CME Globex equity-index futures (NQ, MNQ) holiday closures and early closes, 2015–2030.
 *
 * Holidays are data, not code: this table is the single source of truth for which Globex
 * trade dates are shortened or have no session. It was generated once by a throwaway script
 * (not kept in the repo) from the US exchange holiday rules (Easter by the anonymous Gregorian
 * algorithm, nth-weekday rules, Saturday → Friday / Sunday → Monday observance), then the
 * one-off dates were entered by hand. Correct a wrong date here; do not add rules to code.
 *
 * `date` is the trade date affected. A 'closed' trade date has no session. An 'early-close'
 * trade date opens as usual (18:00 ET the previous calendar day) and halts at `closeEt`.
 * Times are New York wall-clock times (CME announces them in Central time, one hour less).
 *
 * CME practice encoded here (sources: CME holiday calendars and notices as recalled and
 * cross-checked against public calendar libraries; see the notes for the uncertain ones):
 * - New Year's Day and Christmas Day: closed. A Sunday holiday is observed on Monday, a
 *   Saturday Christmas on Friday Dec 24; a Saturday New Year's Day is not observed.
 * - MLK Day, Presidents' Day, Memorial Day, Juneteenth (from 2022), Independence Day, Labor
 *   Day and Thanksgiving: the equity session halts at 12:00 CT = 13:00 ET and reopens at
 *   18:00 ET for the next trade date. (CME itself clears these holiday trades with the next
 *   trade date; this table models the holiday as its own short trade date. Before 2014/2015
 *   the holiday halt was 10:30 CT; that is outside this table's range.)
 * - July 3 when July 4 falls Tuesday–Friday, the day after Thanksgiving and Christmas Eve on
 *   Monday–Thursday: early close 12:15 CT = 13:15 ET. New Year's Eve trades normal hours.
 * - Good Friday: closed, except in years when the BLS employment report was released that
 *   day (2015, 2021, 2023, 2026): an abbreviated session halting at 08:15 CT = 09:15 ET.
 * - National days of mourning (2018-12-05 George H. W. Bush, 2025-01-09 Jimmy Carter): CME
 *   closed equity products after the overnight session at 08:30 CT = 09:30 ET and reopened
 *   at 18:00 ET for the next trade date (CME notices of 2018-12-02 and 2024-12-30).
 *
 * Known uncertainty: 2026-04-03 (Good Friday session) follows the jobs-report pattern and
 * later public calendars; 2027–2030 are projections of the rules, so CME may still announce
 * one-off changes (notably a Good Friday session if the jobs report moves onto that day).
 * Dec 24 2021 and 2027 (Saturday Christmas observed on Friday) are recorded as closed.
 */

/** The effect of a holiday on one Globex trade date. */
export type CmeScheduleKind = 'closed' | 'early-close';

/** One calendar exception for CME Globex equity-index futures. */
export interface CmeScheduleEntry {
  /** The Globex trade date affected, 'YYYY-MM-DD'. Never a Saturday or Sunday. */
  readonly date: string;
  /** 'closed': no session for this trade date; 'early-close': the session halts at `closeEt`. */
  readonly kind: CmeScheduleKind;
  /** New York close time 'HH:mm' of an early close; absent for 'closed'. */
  readonly closeEt?: string;
  /** Human-readable holiday name. */
  readonly name: string;
}

/** First calendar year covered by {@link CME_SCHEDULE}. */
export const CME_SCHEDULE_FIRST_YEAR = 2015;
/** Last calendar year covered by {@link CME_SCHEDULE}. */
export const CME_SCHEDULE_LAST_YEAR = 2030;

/** Holiday closures and early closes, sorted by date. */
export const CME_SCHEDULE: readonly CmeScheduleEntry[] = [
  // 2015
  { date: '2015-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2015-01-19', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2015-02-16', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2015-04-03', kind: 'early-close', closeEt: '09:15', name: 'Good Friday (jobs report)' },
  { date: '2015-05-25', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2015-07-03', kind: 'early-close', closeEt: '13:00', name: 'Independence Day observed' },
  { date: '2015-09-07', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2015-11-26', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2015-11-27', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2015-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2015-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2016
  { date: '2016-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2016-01-18', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2016-02-15', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2016-03-25', kind: 'closed', name: 'Good Friday' },
  { date: '2016-05-30', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2016-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2016-09-05', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2016-11-24', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2016-11-25', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2016-12-26', kind: 'closed', name: 'Christmas Day observed' },
  // 2017
  { date: '2017-01-02', kind: 'closed', name: "New Year's Day observed" },
  { date: '2017-01-16', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2017-02-20', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2017-04-14', kind: 'closed', name: 'Good Friday' },
  { date: '2017-05-29', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2017-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2017-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2017-09-04', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2017-11-23', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2017-11-24', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2017-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2018
  { date: '2018-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2018-01-15', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2018-02-19', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2018-03-30', kind: 'closed', name: 'Good Friday' },
  { date: '2018-05-28', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2018-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2018-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2018-09-03', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2018-11-22', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2018-11-23', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  // CME notice 2018-12-02: equity closed after the overnight session at 08:30 CT.
  { date: '2018-12-05', kind: 'early-close', closeEt: '09:30', name: 'Mourning: G. H. W. Bush' },
  { date: '2018-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2018-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2019
  { date: '2019-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2019-01-21', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2019-02-18', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2019-04-19', kind: 'closed', name: 'Good Friday' },
  { date: '2019-05-27', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2019-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2019-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2019-09-02', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2019-11-28', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2019-11-29', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2019-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2019-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2020
  { date: '2020-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2020-01-20', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2020-02-17', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2020-04-10', kind: 'closed', name: 'Good Friday' },
  { date: '2020-05-25', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2020-07-03', kind: 'early-close', closeEt: '13:00', name: 'Independence Day observed' },
  { date: '2020-09-07', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2020-11-26', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2020-11-27', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2020-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2020-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2021
  { date: '2021-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2021-01-18', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2021-02-15', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2021-04-02', kind: 'early-close', closeEt: '09:15', name: 'Good Friday (jobs report)' },
  { date: '2021-05-31', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2021-07-05', kind: 'early-close', closeEt: '13:00', name: 'Independence Day observed' },
  { date: '2021-09-06', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2021-11-25', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2021-11-26', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  // Saturday Christmas observed on Friday: a full closure, not a Christmas Eve early close.
  { date: '2021-12-24', kind: 'closed', name: 'Christmas Day observed' },
  // 2022
  { date: '2022-01-17', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2022-02-21', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2022-04-15', kind: 'closed', name: 'Good Friday' },
  { date: '2022-05-30', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2022-06-20', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth observed' },
  { date: '2022-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2022-09-05', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2022-11-24', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2022-11-25', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2022-12-26', kind: 'closed', name: 'Christmas Day observed' },
  // 2023
  { date: '2023-01-02', kind: 'closed', name: "New Year's Day observed" },
  { date: '2023-01-16', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2023-02-20', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  // Jobs report on Good Friday: equity futures traded until 09:15 ET (as in 2015, 2021).
  { date: '2023-04-07', kind: 'early-close', closeEt: '09:15', name: 'Good Friday (jobs report)' },
  { date: '2023-05-29', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2023-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2023-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2023-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2023-09-04', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2023-11-23', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2023-11-24', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2023-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2024
  { date: '2024-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2024-01-15', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2024-02-19', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2024-03-29', kind: 'closed', name: 'Good Friday' },
  { date: '2024-05-27', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2024-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2024-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2024-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2024-09-02', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2024-11-28', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2024-11-29', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2024-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2024-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2025
  { date: '2025-01-01', kind: 'closed', name: "New Year's Day" },
  // CME notice 2024-12-30: equity open until 08:30 CT.
  { date: '2025-01-09', kind: 'early-close', closeEt: '09:30', name: 'Mourning: Jimmy Carter' },
  { date: '2025-01-20', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2025-02-17', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2025-04-18', kind: 'closed', name: 'Good Friday' },
  { date: '2025-05-26', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2025-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2025-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2025-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2025-09-01', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2025-11-27', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2025-11-28', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2025-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2025-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2026
  { date: '2026-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2026-01-19', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2026-02-16', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  // Jobs report on Good Friday; CME's abbreviated 08:15 CT session (least certain entry).
  { date: '2026-04-03', kind: 'early-close', closeEt: '09:15', name: 'Good Friday (jobs report)' },
  { date: '2026-05-25', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2026-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2026-07-03', kind: 'early-close', closeEt: '13:00', name: 'Independence Day observed' },
  { date: '2026-09-07', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2026-11-26', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2026-11-27', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2026-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2026-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2027
  { date: '2027-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2027-01-18', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2027-02-15', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2027-03-26', kind: 'closed', name: 'Good Friday' },
  { date: '2027-05-31', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2027-06-18', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth observed' },
  { date: '2027-07-05', kind: 'early-close', closeEt: '13:00', name: 'Independence Day observed' },
  { date: '2027-09-06', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2027-11-25', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2027-11-26', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2027-12-24', kind: 'closed', name: 'Christmas Day observed' },
  // 2028
  { date: '2028-01-17', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2028-02-21', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2028-04-14', kind: 'closed', name: 'Good Friday' },
  { date: '2028-05-29', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2028-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2028-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2028-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2028-09-04', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2028-11-23', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2028-11-24', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2028-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2029
  { date: '2029-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2029-01-15', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2029-02-19', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2029-03-30', kind: 'closed', name: 'Good Friday' },
  { date: '2029-05-28', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2029-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2029-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2029-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2029-09-03', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2029-11-22', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2029-11-23', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2029-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2029-12-25', kind: 'closed', name: 'Christmas Day' },
  // 2030
  { date: '2030-01-01', kind: 'closed', name: "New Year's Day" },
  { date: '2030-01-21', kind: 'early-close', closeEt: '13:00', name: 'Martin Luther King Jr. Day' },
  { date: '2030-02-18', kind: 'early-close', closeEt: '13:00', name: "Presidents' Day" },
  { date: '2030-04-19', kind: 'closed', name: 'Good Friday' },
  { date: '2030-05-27', kind: 'early-close', closeEt: '13:00', name: 'Memorial Day' },
  { date: '2030-06-19', kind: 'early-close', closeEt: '13:00', name: 'Juneteenth' },
  { date: '2030-07-03', kind: 'early-close', closeEt: '13:15', name: 'Independence Day eve' },
  { date: '2030-07-04', kind: 'early-close', closeEt: '13:00', name: 'Independence Day' },
  { date: '2030-09-02', kind: 'early-close', closeEt: '13:00', name: 'Labor Day' },
  { date: '2030-11-28', kind: 'early-close', closeEt: '13:00', name: 'Thanksgiving Day' },
  { date: '2030-11-29', kind: 'early-close', closeEt: '13:15', name: 'Day after Thanksgiving' },
  { date: '2030-12-24', kind: 'early-close', closeEt: '13:15', name: 'Christmas Eve' },
  { date: '2030-12-25', kind: 'closed', name: 'Christmas Day' },
];
