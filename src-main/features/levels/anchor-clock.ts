/**
 * Anchor keys of a 1-minute bar (DOMAIN.md, "Time and sessions" and "Price levels"):
 * - hour: the New York clock hour. New York's offset is always a whole number of hours, so
 *   NY hours start on UTC hour boundaries and the key is the UTC hour — the same buckets as
 *   the 1h bars of `aggregate.ts`. On the fall-back night 01:00 happens twice: two hours,
 *   two anchors, as on the hourly chart.
 * - day: the Globex trade date (days since 1970-01-01), from `tradeDateOf` (18:00 ET opens
 *   the next date; holidays come from the calendar table).
 * - week: the Monday-based week of the trade date: the Sunday 18:00 ET session trades for
 *   Monday, so it opens the week; when Monday is closed the first session of the week does.
 * - month: year·12 + month of the trade date: the month starts with the first session whose
 *   trade date falls in it (Sunday 31 March 18:00 ET opens April when 1 April is a Monday).
 * Also whether the bar is in RTH and its TPO period (30-minute periods from 09:30 ET).
 *
 * Cost per bar: a comparison. The session calendar is asked only when the bar leaves the
 * segment over which the session state and trade date are constant (a few times a day);
 * the trade-date string is parsed only when it changes, the zone offset once per date.
 */
import { sessionSegmentEnd, sessionState, tradeDateOf } from '@shared/calendar/session';
import { NY_ZONE } from '../time/ny-zone';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RTH_OPEN_MINUTES = 9 * 60 + 30;
/** 18:00 ET belongs to the next trade date: shifting the NY clock by 6 h gives that date. */
const SESSION_SHIFT_MS = 6 * HOUR_MS;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (the calendar's own format). */
function dayIndexOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Anchor keys, RTH period and 09:30 ET of each pushed bar (see the header). */
export class AnchorClock {
  hourKey = Number.NaN;
  dayKey = Number.NaN;
  weekKey = Number.NaN;
  monthKey = Number.NaN;
  /** TPO period of the bar (0 = A) when it lies in RTH, else -1. */
  tpoPeriod = -1;
  /** 09:30 ET of the current trade date's calendar day (UTC ms). */
  rthOpen = Number.NaN;
  private readonly zone = NY_ZONE;
  private lastDate: string | null = null;
  /** Session state and trade date hold for bars in [segmentStart, segmentEnd). */
  private segmentStart = Infinity;
  private segmentEnd = -Infinity;
  private rth = false;
  private readonly periodMs: number;

  constructor(tpoPeriodMinutes: number) {
    this.periodMs = tpoPeriodMinutes * MINUTE_MS;
  }

  /** Sets every key for the bar starting at UTC ms `t`. */
  update(t: number): void {
    this.hourKey = Math.floor(t / HOUR_MS);
    if (!(t >= this.segmentStart && t < this.segmentEnd)) this.enterSegment(t);
    this.tpoPeriod =
      this.rth && t >= this.rthOpen ? Math.floor((t - this.rthOpen) / this.periodMs) : -1;
  }

  /** Reads the calendar for t: trade date, day keys and RTH, valid until the segment's end. */
  private enterSegment(t: number): void {
    this.segmentStart = t;
    this.segmentEnd = sessionSegmentEnd(t);
    this.rth = sessionState(t) === 'RTH';
    const date = tradeDateOf(t);
    if (date === null) {
      // Outside every session (the importer quarantines such bars; synthetic or foreign
      // data may still hold them): use the 18:00 rule on the NY clock so nothing is lost.
      // The zone offset can change inside such a segment, so ask again at the next bar.
      this.lastDate = null;
      this.segmentEnd = t;
      const local = t + this.zone.offsetAtUtc(t);
      this.setDay(Math.floor((local + SESSION_SHIFT_MS) / DAY_MS));
    } else if (date !== this.lastDate) {
      this.lastDate = date;
      this.setDay(dayIndexOf(date));
    }
  }

  private setDay(dayKey: number): void {
    if (dayKey === this.dayKey) return;
    this.dayKey = dayKey;
    this.weekKey = Math.floor((dayKey + 3) / 7);
    const d = new Date(dayKey * DAY_MS);
    this.monthKey = d.getUTCFullYear() * 12 + d.getUTCMonth();
    // RTH of trade date D is on NY calendar day D; DST changes at 02:00 on a Sunday, so the
    // offset at 09:30 on D is the one in force from D's 03:00 onwards.
    const probe = dayKey * DAY_MS + 12 * HOUR_MS;
    const offset = this.zone.offsetAtUtc(probe);
    this.rthOpen = dayKey * DAY_MS + RTH_OPEN_MINUTES * MINUTE_MS - offset;
  }
}
