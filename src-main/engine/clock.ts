/**
 * Clocks. The engine never reads `Date.now()` directly: live trading uses `RealClock`,
 * the synthetic market and replays a `ScaledClock` (×speed, can jump over closed
 * periods), tests and backtests a `ManualClock` advanced by hand. One engine, three clocks.
 */
import type { UtcMs } from '@shared/domain/brand';

export type Dispose = () => void;

export interface Clock {
  /** Current instant on this clock, UTC ms. */
  now(): UtcMs;
  /** Simulated milliseconds per real millisecond (1 for real time). */
  readonly speed: number;
  /** True for any clock that is not the wall clock. */
  readonly simulated: boolean;
  /** Calls `fn` once this clock reaches `at`; returns the function that cancels it. */
  at(at: number, fn: () => void): Dispose;
}

/** The wall clock. */
export class RealClock implements Clock {
  readonly speed = 1;
  readonly simulated = false;
  now(): UtcMs {
    return Date.now() as UtcMs;
  }
  at(at: number, fn: () => void): Dispose {
    const h = setTimeout(fn, Math.max(0, at - Date.now()));
    return () => clearTimeout(h);
  }
}

/**
 * Simulated time running `speed` times faster than the wall clock from `start`.
 * `jumpTo` moves the clock forward instantly (a replay skipping a weekend).
 */
export class ScaledClock implements Clock {
  readonly simulated = true;
  private originSim: number;
  private originReal: number;
  private readonly timers = new Set<{ at: number; fn: () => void; handle?: NodeJS.Timeout }>();

  constructor(
    start: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new RangeError(`speed must be > 0, got ${speed}`);
    this.originSim = start;
    this.originReal = realNow();
  }

  now(): UtcMs {
    return Math.floor(this.originSim + (this.realNow() - this.originReal) * this.speed) as UtcMs;
  }

  /** Moves the clock forward to `t` (never backwards) and re-arms pending timers. */
  jumpTo(t: number): void {
    const current = this.now();
    if (t <= current) return;
    this.originSim = t;
    this.originReal = this.realNow();
    for (const timer of [...this.timers]) this.arm(timer);
  }

  at(at: number, fn: () => void): Dispose {
    const timer: { at: number; fn: () => void; handle?: NodeJS.Timeout } = { at, fn };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  private arm(timer: { at: number; fn: () => void; handle?: NodeJS.Timeout }): void {
    clearTimeout(timer.handle);
    const delay = Math.max(0, (timer.at - this.now()) / this.speed);
    timer.handle = setTimeout(() => {
      this.timers.delete(timer);
      timer.fn();
    }, delay);
  }
}

/** A clock advanced by hand: timers fire, in time order, inside `advanceTo`. */
export class ManualClock implements Clock {
  readonly speed = 1;
  readonly simulated = true;
  private t: number;
  private readonly timers: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;

  constructor(start: number) {
    this.t = start;
  }

  now(): UtcMs {
    return this.t as UtcMs;
  }

  at(at: number, fn: () => void): Dispose {
    const timer = { at, fn, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Advances to `t`, firing due timers in order of due time (ties: order scheduled). */
  advanceTo(t: number): void {
    for (;;) {
      let next: { at: number; fn: () => void; seq: number } | undefined;
      for (const timer of this.timers) {
        if (
          timer.at <= t &&
          (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))
        ) {
          next = timer;
        }
      }
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = Math.max(this.t, t);
  }
}
