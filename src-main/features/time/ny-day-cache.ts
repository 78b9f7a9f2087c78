/**
 * Per New York calendar day: the UTC instants of the RTH open and close and of the session
 * close, resolved once per day and cached, so time features over years of bars build no
 * luxon object per bar. Holidays and early closes come from the calendar (`sessionBounds`);
 * the zone offset from `ZoneClock` (IANA `America/New_York`, DST exact).
 */
import { sessionBounds } from '@shared/calendar/session';
import { NY_ZONE } from './ny-zone';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RTH_OPEN_MINUTE = 9 * 60 + 30;
const RTH_CLOSE_MINUTE = 16 * 60;
/** Bound on cached days (about 137 years); cleared wholesale when exceeded. */
const MAX_CACHED_DAYS = 50_000;

/** One New York calendar day's boundaries (UTC ms; NaN where the day has none). */
export interface NyDay {
  /** Days since 1970-01-01 of the New York date. */
  readonly index: number;
  /** 09:30 ET, when the day has RTH. */
  readonly rthOpen: number;
  /** min(16:00 ET, session close), when the day has RTH. */
  readonly rthClose: number;
  /** Close of the session whose trade date is this day (17:00 ET or an early close). */
  readonly sessionClose: number;
}

function isoDate(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** New York clock and per-day session boundaries. */
export class NyDays {
  private readonly clock = NY_ZONE;
  private readonly days = new Map<number, NyDay>();
  private last: NyDay | undefined;

  /** New York wall-clock ms at UTC instant t (the local time written as if it were UTC). */
  local(t: number): number {
    return t + this.clock.offsetAtUtc(t);
  }

  /** The record of the New York date with index `index` (days since 1970-01-01). */
  day(index: number): NyDay {
    const last = this.last;
    if (last !== undefined && last.index === index) return last;
    let day = this.days.get(index);
    if (day === undefined) {
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      day = this.build(index);
      this.days.set(index, day);
    }
    this.last = day;
    return day;
  }

  private build(index: number): NyDay {
    // 16:00 UTC is 11:00 or 12:00 in New York, after any 02:00 DST change of the date, so
    // its offset holds for every boundary below (all after 03:00 local).
    const offset = this.clock.offsetAtUtc(index * DAY_MS + 16 * HOUR_MS);
    const wall = (minute: number): number => index * DAY_MS + minute * MINUTE_MS - offset;
    const sessionClose = sessionBounds(isoDate(index))?.close ?? Number.NaN;
    const open = wall(RTH_OPEN_MINUTE);
    const hasRth = sessionClose > open;
    return {
      index,
      rthOpen: hasRth ? open : Number.NaN,
      rthClose: hasRth ? Math.min(wall(RTH_CLOSE_MINUTE), sessionClose) : Number.NaN,
      sessionClose,
    };
  }
}
