/**
 * Local wall-clock time → UTC for an IANA zone, fast: the zone's offset is looked up with
 * luxon once per local hour and cached, so converting millions of rows does not build a
 * luxon object per row. DST is handled exactly: a local time that does not exist (the
 * spring-forward hour) is reported; one that exists twice (the fall-back hour) resolves to
 * the earlier instant unless `after` says that instant is already behind the file's
 * previous row, in which case the later instant is taken (sorted vendor files repeat the
 * hour in order).
 */
import { DateTime, IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Result code of a conversion; the instant itself is in `ZoneClock.utc`. */
export const enum LocalTime {
  Ok = 0,
  Nonexistent = 1,
}

export class ZoneClock {
  /** The UTC instant of the last successful conversion. */
  utc = 0;
  private readonly cache = new Map<number, number>();
  private readonly dayCache = new Map<number, number>();
  /** The last day asked whose offset holds all day, and that offset. */
  private lastDay = Number.NaN;
  private lastDayOffset = 0;
  readonly zone: string;

  constructor(zone: string) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
    this.zone = zone;
  }

  /**
   * Offset in ms (local − UTC) in force at UTC instant `t`. Cached per UTC day when the
   * offset is the same at both ends of the day (all but a few days a year), else per hour:
   * two luxon look-ups per day instead of 24.
   */
  offsetAtUtc(t: number): number {
    const day = Math.floor(t / DAY_MS);
    // Callers go through time in order: the day asked last is usually asked again.
    if (day === this.lastDay) return this.lastDayOffset;
    let off = this.dayCache.get(day);
    if (off === undefined) {
      const a = this.lookup(day * DAY_MS);
      const b = this.lookup(day * DAY_MS + DAY_MS - HOUR_MS);
      off = a === b ? a : Number.NaN;
      this.dayCache.set(day, off);
    }
    if (!Number.isNaN(off)) {
      this.lastDay = day;
      this.lastDayOffset = off;
      return off;
    }
    const hour = Math.floor(t / HOUR_MS);
    let h = this.cache.get(hour);
    if (h === undefined) {
      h = this.lookup(hour * HOUR_MS);
      this.cache.set(hour, h);
    }
    return h;
  }

  private lookup(t: number): number {
    return DateTime.fromMillis(t, { zone: this.zone }).offset * 60_000;
  }

  /**
   * Converts local wall-clock milliseconds (the wall time written as if it were UTC, e.g.
   * `Date.UTC(y, m - 1, d, h, mi, s)`) to UTC, storing it in `utc`.
   * @param after UTC ms of the previous row, used to resolve a repeated hour.
   */
  fromLocal(localMs: number, after = -Infinity): LocalTime {
    // Candidate offsets: those in force a few hours either side of the local time.
    const a = this.offsetAtUtc(localMs - 14 * HOUR_MS);
    const b = this.offsetAtUtc(localMs + 14 * HOUR_MS);
    const c1 = localMs - a;
    const ok1 = this.offsetAtUtc(c1) === a;
    if (a === b) {
      if (!ok1) return LocalTime.Nonexistent;
      this.utc = c1;
      return LocalTime.Ok;
    }
    const c2 = localMs - b;
    const ok2 = this.offsetAtUtc(c2) === b;
    if (ok1 && ok2) {
      const early = Math.min(c1, c2);
      const late = Math.max(c1, c2);
      this.utc = early > after ? early : late;
      return LocalTime.Ok;
    }
    if (ok1) this.utc = c1;
    else if (ok2) this.utc = c2;
    else return LocalTime.Nonexistent;
    return LocalTime.Ok;
  }
}
