/**
 * Calendar and clock features at decision instants (struct of arrays, Float32 columns).
 *
 * Pass the DECISION instant of each row: for a bar stamped at its start, that is start + bar
 * length (its close), when the decision is taken and an entry would be sent. The Asia flag
 * and session columns then agree with the entry rules (a 22:55 bar closes at 23:00: Asia).
 * The features depend on the clock alone, so they carry no lookahead.
 *
 * Choices:
 * - Time of day as sin/cos over 24 h (23:59 is next to 00:00) and minute of hour as sin/cos
 *   over 60 min (order flow clusters at :00 and :30).
 * - Day of week one-hot over Mon–Fri of the Globex trade date (the New York date of t + 6 h:
 *   Sunday 18:00 belongs to Monday). Cyclical encoding would put Friday next to Monday as if
 *   the weekend did not exist and force a smooth weekly shape; one-hot lets each day differ
 *   (Monday gaps, Friday position squaring) at the cost of three more columns. Saturday and
 *   Sunday before 18:00 have no session and get all zeros.
 * - Session one-hot Asia / ETH / RTH from the calendar's `sessionState`; during the halt or a
 *   closure (e.g. a decision at the 17:00 close) all three are 0.
 * - Minutes until the next RTH open, RTH close (16:00 or an early close) and session close
 *   (the daily halt, or the weekend or holiday close), counted from t to the first such
 *   instant at or after t, capped and divided by the cap: 0 = now, 1 = at least the cap away
 *   (the value wherever the event is far, e.g. outside RTH for the RTH close). Caps ≤ 1 day.
 * - `time.asiaClock`: the New York clock in [23:00, 08:00), open market or not (entry ban).
 */
import { sessionState } from '@shared/calendar/session';
import { featureTable, type FeatureTable } from '../normalize/feature-table';
import { NyDays, type NyDay } from './ny-day-cache';

/** Column names, in column order. */
export const TIME_FEATURE_NAMES = [
  'time.hourSin',
  'time.hourCos',
  'time.minuteSin',
  'time.minuteCos',
  'time.dowMon',
  'time.dowTue',
  'time.dowWed',
  'time.dowThu',
  'time.dowFri',
  'time.sessionAsia',
  'time.sessionEth',
  'time.sessionRth',
  'time.toRthOpen',
  'time.toRthClose',
  'time.toHalt',
  'time.asiaClock',
] as const;

/** A time feature name. */
export type TimeFeatureName = (typeof TIME_FEATURE_NAMES)[number];

/** Caps of the "minutes until" features, in minutes (each in (0, 1440]). */
export interface TimeFeatureOptions {
  /** Default 240: the run-up from 05:30 ET, European hours and the 08:30 data included. */
  readonly rthOpenCapMinutes?: number;
  /** Default 390 = the RTH length, so inside RTH the value is the fraction of RTH left. */
  readonly rthCloseCapMinutes?: number;
  /** Default 120: the last two hours before the halt, the 15-minute entry ban included. */
  readonly haltCapMinutes?: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SIX_HOURS_MS = 6 * 3_600_000;
const TWO_PI = 2 * Math.PI;
const ASIA_START_MINUTE = 23 * 60;
const ASIA_END_MINUTE = 8 * 60;
/** 1970-01-01 was a Thursday; with Sunday = 0 that is weekday 4. */
const EPOCH_WEEKDAY = 4;

const enum Col {
  HourSin,
  HourCos,
  MinuteSin,
  MinuteCos,
  Mon,
  Tue,
  Wed,
  Thu,
  Fri,
  Asia,
  Eth,
  Rth,
  ToRthOpen,
  ToRthClose,
  ToHalt,
  AsiaClock,
}

/** Module-level writer: a closure inside `encode` would be allocated on every call. */
function put(columns: readonly Float32Array[], i: number, col: number, v: number): void {
  (columns[col] as Float32Array)[i] = v;
}

function cap(value: number | undefined, fallback: number, what: string): number {
  const v = value ?? fallback;
  if (!(v > 0 && v <= 1440)) throw new RangeError(`${what} must be in (0, 1440], got ${v}`);
  return v;
}

/** Writes the time features of one instant into row i of Float32 columns (streaming = batch). */
export class TimeFeatureEncoder {
  private readonly days = new NyDays();
  private readonly rthOpenCap: number;
  private readonly rthCloseCap: number;
  private readonly haltCap: number;

  constructor(options: TimeFeatureOptions = {}) {
    this.rthOpenCap = cap(options.rthOpenCapMinutes, 240, 'rthOpenCapMinutes');
    this.rthCloseCap = cap(options.rthCloseCapMinutes, 390, 'rthCloseCapMinutes');
    this.haltCap = cap(options.haltCapMinutes, 120, 'haltCapMinutes');
  }

  /** Encodes instant t (UTC ms) into `columns[j][i]`, columns in `TIME_FEATURE_NAMES` order. */
  encode(t: number, columns: readonly Float32Array[], i: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`instant must be finite, got ${t}`);
    const local = this.days.local(t);
    const dayIndex = Math.floor(local / DAY_MS);
    const minuteOfDay = (local - dayIndex * DAY_MS) / MINUTE_MS;
    const minuteOfHour = minuteOfDay % 60;
    put(columns, i, Col.HourSin, Math.sin((TWO_PI * minuteOfDay) / 1440));
    put(columns, i, Col.HourCos, Math.cos((TWO_PI * minuteOfDay) / 1440));
    put(columns, i, Col.MinuteSin, Math.sin((TWO_PI * minuteOfHour) / 60));
    put(columns, i, Col.MinuteCos, Math.cos((TWO_PI * minuteOfHour) / 60));

    const weekday = (((Math.floor((local + SIX_HOURS_MS) / DAY_MS) + EPOCH_WEEKDAY) % 7) + 7) % 7;
    for (let d = 1; d <= 5; d++) put(columns, i, Col.Mon + d - 1, weekday === d ? 1 : 0);

    const state = sessionState(t);
    put(columns, i, Col.Asia, state === 'ASIA' ? 1 : 0);
    put(columns, i, Col.Eth, state === 'ETH' ? 1 : 0);
    put(columns, i, Col.Rth, state === 'RTH' ? 1 : 0);

    const today = this.days.day(dayIndex);
    put(columns, i, Col.ToRthOpen, this.until(t, today, 0, this.rthOpenCap));
    put(columns, i, Col.ToRthClose, this.until(t, today, 1, this.rthCloseCap));
    put(columns, i, Col.ToHalt, this.until(t, today, 2, this.haltCap));
    put(
      columns,
      i,
      Col.AsiaClock,
      minuteOfDay >= ASIA_START_MINUTE || minuteOfDay < ASIA_END_MINUTE ? 1 : 0,
    );
  }

  /**
   * min(minutes from t to the first event at or after t, cap) / cap. Events lie after 09:30
   * local, so one on the day after tomorrow is over a day away: two days suffice.
   */
  private until(t: number, today: NyDay, kind: 0 | 1 | 2, capMinutes: number): number {
    let at = eventOf(today, kind);
    if (!(at >= t)) at = eventOf(this.days.day(today.index + 1), kind);
    if (!(at >= t)) return 1;
    return Math.min((at - t) / MINUTE_MS, capMinutes) / capMinutes;
  }
}

function eventOf(day: NyDay, kind: 0 | 1 | 2): number {
  return kind === 0 ? day.rthOpen : kind === 1 ? day.rthClose : day.sessionClose;
}

/** Time features at each instant of `times` (decision instants, UTC ms). */
export function computeTimeFeatures(
  times: ArrayLike<number>,
  options: TimeFeatureOptions = {},
): FeatureTable {
  const n = times.length;
  const columns = TIME_FEATURE_NAMES.map(() => new Float32Array(n));
  const encoder = new TimeFeatureEncoder(options);
  for (let i = 0; i < n; i++) encoder.encode(times[i] as number, columns, i);
  return featureTable(TIME_FEATURE_NAMES, columns);
}
