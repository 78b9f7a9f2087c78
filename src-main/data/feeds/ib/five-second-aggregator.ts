/**
 * Folds IB 5-second real-time bars (stamped at their start, epoch seconds) into 1-minute
 * bars stamped at the minute start: open = first, high = max, low = min, close = last,
 * volume = sum.
 *
 * A minute is emitted when a bar of a later minute arrives, or by `flush` once the minute
 * has ended plus a grace period (the last 5-second bar of a minute may never come when the
 * market goes quiet or halts). Missing 5-second bars are tolerated: the minute is built from
 * the bars that came. Bars are tracked per 5-second slot, so a duplicate is ignored and a bar
 * arriving out of order inside the current minute still lands in the right place (an earlier
 * slot takes over the open, a later one the close). A bar for a minute already emitted, or
 * older than the current minute, is late and ignored: its minute has been published.
 *
 * Each emitted minute says whether all twelve 5-second slots were seen. TWS sends a real-time
 * bar for each 5 seconds of an open market, trades or not (volume 0), so a minute with fewer
 * slots lost bars: the first minute of a subscription, a stall, an outage. The feed replaces
 * such a minute from history rather than publish it.
 *
 * `push` takes primitives and keeps the state in fields, so the per-bar path allocates
 * nothing; only an emitted minute and a requested `forming()` snapshot allocate.
 */
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { utcMs } from '@shared/domain/brand';

const SLOT_MS = 5_000;
/** All twelve 5-second slots of a minute. */
const FULL_MINUTE = 0xfff;

/** What `push` did with a 5-second bar. */
export type PushOutcome = 'folded' | 'duplicate' | 'late' | 'invalid';

/** Streaming 5-second → 1-minute aggregation (see the file header). */
export class FiveSecondAggregator {
  /** Start of the minute being built (ms), NaN when none. */
  private minute = Number.NaN;
  /** Minutes before this instant have been emitted or skipped; their bars are late. */
  private closedThrough = Number.NEGATIVE_INFINITY;
  /** One bit per 5-second slot of the current minute that has been folded. */
  private slots = 0;
  private firstSlot = 0;
  private lastSlot = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;

  /**
   * @param onMinute receives each closed minute, in increasing time order, and whether all
   *   twelve of its 5-second bars arrived.
   * @param graceMs how long after a minute's end `flush` waits for its last bars.
   */
  constructor(
    private readonly onMinute: (bar: Bar, complete: boolean) => void,
    readonly graceMs = 2_000,
  ) {
    if (!(graceMs >= 0)) throw new RangeError(`graceMs must be ≥ 0, got ${graceMs}`);
  }

  /** Start of the minute being built (UTC ms), or undefined when none is open. */
  get currentMinute(): number | undefined {
    return Number.isNaN(this.minute) ? undefined : this.minute;
  }

  /** When `flush` will emit the current minute, or undefined when none is open. */
  get flushDueAt(): number | undefined {
    return Number.isNaN(this.minute) ? undefined : this.minute + MINUTE_MS + this.graceMs;
  }

  /** Folds one 5-second bar starting at `timeSec` (epoch seconds). */
  push(
    timeSec: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): PushOutcome {
    if (
      !Number.isInteger(timeSec) ||
      !Number.isFinite(open) ||
      !Number.isFinite(high) ||
      !Number.isFinite(low) ||
      !Number.isFinite(close) ||
      !(volume >= 0) ||
      !Number.isFinite(volume)
    ) {
      return 'invalid';
    }
    const t = timeSec * 1000;
    const minute = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    if (minute < this.closedThrough) return 'late';
    if (minute !== this.minute) {
      if (!Number.isNaN(this.minute)) this.emit();
      // Everything before the new minute is now closed, including minutes that got no bar.
      this.closedThrough = minute;
      this.minute = minute;
      this.slots = 0;
    }
    const slot = Math.floor((t - minute) / SLOT_MS);
    const bit = 1 << slot;
    if ((this.slots & bit) !== 0) return 'duplicate';
    if (this.slots === 0) {
      this.firstSlot = slot;
      this.lastSlot = slot;
      this.open = open;
      this.high = high;
      this.low = low;
      this.close = close;
      this.volume = volume;
    } else {
      if (slot < this.firstSlot) {
        this.firstSlot = slot;
        this.open = open;
      }
      if (slot > this.lastSlot) {
        this.lastSlot = slot;
        this.close = close;
      }
      if (high > this.high) this.high = high;
      if (low < this.low) this.low = low;
      this.volume += volume;
    }
    this.slots |= bit;
    return 'folded';
  }

  /** Emits the current minute once `nowMs` has reached its end plus the grace period. */
  flush(nowMs: number): boolean {
    const due = this.flushDueAt;
    if (due === undefined || nowMs < due) return false;
    this.emit();
    return true;
  }

  /** The minute being built, as a bar (a snapshot), or undefined. */
  forming(): Bar | undefined {
    if (Number.isNaN(this.minute)) return undefined;
    return this.snapshot();
  }

  /**
   * Drops the minute being built and forgets what was closed: used when the subscription is
   * replaced, since the new one starts a fresh stream whose first minute may be partial.
   */
  reset(): void {
    this.minute = Number.NaN;
    this.closedThrough = Number.NEGATIVE_INFINITY;
    this.slots = 0;
  }

  private emit(): void {
    const bar = this.snapshot();
    const complete = this.slots === FULL_MINUTE;
    this.closedThrough = this.minute + MINUTE_MS;
    this.minute = Number.NaN;
    this.slots = 0;
    this.onMinute(bar, complete);
  }

  private snapshot(): Bar {
    return {
      time: utcMs(this.minute),
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
    };
  }
}
