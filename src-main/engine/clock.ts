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
    // setTimeout fires at once for delays over 2^31-1 ms (~24.8 days): wait in hops.
    let h: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const delay = at - Date.now();
      h =
        delay > MAX_TIMEOUT_MS
          ? setTimeout(arm, MAX_TIMEOUT_MS)
          : setTimeout(fn, Math.max(0, delay));
    };
    arm();
    return () => clearTimeout(h);
  }
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Simulated time running `speed` times faster than the wall clock from `start`.
 * `jumpTo` moves the clock forward instantly (a replay skipping a weekend).
 */
export class ScaledClock implements Clock {
  readonly simulated = true;
  private originSim: number;
  private originReal: number;
  private rate: number;
  private paused = false;
  private readonly timers = new Set<{ at: number; fn: () => void; handle?: NodeJS.Timeout }>();

  constructor(
    start: number,
    speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    ScaledClock.check(speed);
    this.rate = speed;
    this.originSim = start;
    this.originReal = realNow();
  }

  private static check(speed: number): void {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new RangeError(`speed must be > 0, got ${speed}`);
  }

  get speed(): number {
    return this.rate;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  now(): UtcMs {
    if (this.paused) return Math.floor(this.originSim) as UtcMs;
    return Math.floor(this.originSim + (this.realNow() - this.originReal) * this.rate) as UtcMs;
  }

  /** Moves the clock forward to `t` (never backwards) and re-arms pending timers. */
  jumpTo(t: number): void {
    if (t <= this.now()) return;
    this.rebase(t);
  }

  /** Sets the clock to `t`, forwards or backwards (a replay seeking). */
  setTime(t: number): void {
    this.rebase(t);
  }

  /** Freezes the clock; timers wait until `resume`. */
  pause(): void {
    if (this.paused) return;
    this.rebase(this.now());
    this.paused = true;
    for (const timer of this.timers) clearTimeout(timer.handle);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.rebase(this.originSim);
  }

  /** Changes the speed from now on, keeping the current instant. */
  setSpeed(speed: number): void {
    ScaledClock.check(speed);
    const t = this.now();
    this.rate = speed;
    this.rebase(t);
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

  private rebase(t: number): void {
    this.originSim = t;
    this.originReal = this.realNow();
    for (const timer of [...this.timers]) this.arm(timer);
  }

  private arm(timer: { at: number; fn: () => void; handle?: NodeJS.Timeout }): void {
    clearTimeout(timer.handle);
    if (this.paused) return;
    const delay = Math.max(0, (timer.at - this.now()) / this.rate);
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
