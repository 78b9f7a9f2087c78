/**
 * New York wall-clock arithmetic for per-minute loops. Creating a luxon DateTime per bar
 * would dominate the generator's cost, so the UTC offset is looked up once and cached for
 * the span over which it is known to hold: a day, or up to the exact minute of a DST change
 * (found by bisection, twice a year). Within that span the wall clock is plain arithmetic.
 */
import { IANAZone } from 'luxon';
import { MINUTE_MS } from '@shared/domain/bar';

const NEW_YORK = IANAZone.create('America/New_York');
const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday; with Sunday = 0 that is weekday 4. */
const EPOCH_WEEKDAY = 4;

/** UTC offset of New York at `t`, in milliseconds (negative: −5 h or −4 h). */
function offsetMsAt(t: number): number {
  return NEW_YORK.offset(t) * MINUTE_MS;
}

/** Cached UTC → New York wall-clock conversion; cheap while times move forward. */
export class NyClock {
  private from = 0;
  private until = 0;
  private offsetMs = 0;

  /** New York's UTC offset at `t`, in ms; refreshes the cache only outside its span. */
  offsetAt(t: number): number {
    if (t < this.from || t >= this.until) this.refresh(t);
    return this.offsetMs;
  }

  /** Minutes since New York midnight (0..1439) of the minute containing `t`. */
  minuteOfDay(t: number): number {
    const local = t + this.offsetAt(t);
    return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
  }

  /** New York weekday of `t`: 0 = Sunday … 6 = Saturday. */
  weekday(t: number): number {
    const day = Math.floor((t + this.offsetAt(t)) / DAY_MS);
    return (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
  }

  /**
   * A number identifying the Globex trade date of `t`: the New York calendar day after
   * shifting by 6 h, since the trade date D starts at 18:00 ET on D−1. Consecutive trade
   * dates give increasing keys; weekends and holidays are not removed.
   */
  tradeDayKey(t: number): number {
    return Math.floor((t + this.offsetAt(t) + 6 * 3_600_000) / DAY_MS);
  }

  private refresh(t: number): void {
    const offset = offsetMsAt(t);
    // Bisect on whole minutes so the span ends exactly at a change, whatever t's seconds.
    let lo = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    let hi = lo + DAY_MS;
    if (offsetMsAt(hi) !== offset) {
      // DST changes are months apart, so exactly one lies in (lo, hi].
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetMsAt(mid) === offset) lo = mid;
        else hi = mid;
      }
    }
    this.from = t;
    this.until = hi;
    this.offsetMs = offset;
  }
}
