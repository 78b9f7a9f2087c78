/**
 * Ground truth for the TWS simulator: a deterministic NQ price path in 5-second bars.
 *
 * Every bar is a pure function of (seed, bar start), so the simulator can answer any
 * historical window and stream any real-time bar without keeping state, and tests can ask
 * for the exact minute series a correct feed must end up publishing. Minute bars are the
 * aggregation of their twelve 5-second bars, which is what IB's own data satisfies closely
 * enough: the feed's live path and its backfill path must agree bar for bar.
 *
 * Bars exist only in minutes where the CME calendar says the market trades.
 */
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { utcMs } from '@shared/domain/brand';
import { roundToTick, TICK_SIZE } from '@shared/domain/instrument';
import { isTradingMinute } from '@shared/calendar/session';

/** Length of one real-time bar. */
export const FIVE_SECONDS_MS = 5_000;

/** A 5-second bar as IB sends it: WAP and trade count besides OHLCV. */
export interface SimBar extends Bar {
  readonly wap: number;
  readonly count: number;
}

/** 32-bit integer hash of (seed, n, salt): a stateless stand-in for a random draw. */
function hash(seed: number, n: number, salt: number): number {
  let z =
    (seed ^ Math.imul(n | 0, 0x9e3779b1) ^ Math.imul((n / 4_294_967_296) | 0, 0x85ebca6b)) | 0;
  z = (z + Math.imul(salt, 0x27d4eb2d)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeded, stateless NQ market in 5-second bars, with minute aggregation. */
export class SimMarket {
  private readonly seed: number;
  private readonly phases: readonly [number, number, number];

  constructor(
    seed: number,
    private readonly basePrice = 18_000,
  ) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
    this.seed = Math.trunc(seed) | 0;
    const phase = (salt: number): number =>
      (hash(this.seed, 0, salt) / 4_294_967_296) * 2 * Math.PI;
    this.phases = [phase(11), phase(12), phase(13)];
  }

  /** The traded price at the start of 5-second step `k` (bar start / 5000), on the tick grid. */
  priceAt(k: number): number {
    const [a, b, c] = this.phases;
    const wave =
      60 * Math.sin(k / 2_000 + a) + 20 * Math.sin(k / 317 + b) + 6 * Math.sin(k / 41 + c);
    const jitter = ((hash(this.seed, k, 1) % 9) - 4) * TICK_SIZE;
    return roundToTick(this.basePrice + wave + jitter);
  }

  /** The 5-second bar starting at `t` (UTC ms, a multiple of 5 s), or undefined if none. */
  fiveSecondBar(t: number): SimBar | undefined {
    if (t % FIVE_SECONDS_MS !== 0 || !isTradingMinute(t)) return undefined;
    const k = t / FIVE_SECONDS_MS;
    const open = this.priceAt(k);
    const close = this.priceAt(k + 1);
    const high = Math.max(open, close) + (hash(this.seed, k, 2) % 3) * TICK_SIZE;
    const low = Math.min(open, close) - (hash(this.seed, k, 3) % 3) * TICK_SIZE;
    const volume = 1 + (hash(this.seed, k, 4) % 30);
    const wap = Math.round(((high + low + close) / 3) * 100) / 100;
    return { time: utcMs(t), open, high, low, close, volume, wap, count: 1 + (volume >> 1) };
  }

  /**
   * The 1-minute bar starting at `minute`, folded from its 5-second bars that have ended by
   * `asOf` (a minute still in progress comes out partial, as IB returns it); undefined when
   * the minute has no bar yet.
   */
  minuteBar(minute: number, asOf = Number.POSITIVE_INFINITY): SimBar | undefined {
    let bar: { -readonly [K in keyof SimBar]: SimBar[K] } | undefined;
    let notional = 0;
    for (
      let t = minute;
      t < minute + MINUTE_MS && t + FIVE_SECONDS_MS <= asOf;
      t += FIVE_SECONDS_MS
    ) {
      const b = this.fiveSecondBar(t);
      if (!b) continue;
      notional += b.wap * b.volume;
      if (!bar) {
        bar = { ...b, time: utcMs(minute) };
        continue;
      }
      bar.high = Math.max(bar.high, b.high);
      bar.low = Math.min(bar.low, b.low);
      bar.close = b.close;
      bar.volume += b.volume;
      bar.count += b.count;
    }
    if (bar) bar.wap = Math.round((notional / bar.volume) * 100) / 100;
    return bar;
  }

  /** Minute bars starting in [from, to) as of `asOf`, oldest first. */
  minuteBars(from: number, to: number, asOf = Number.POSITIVE_INFINITY): SimBar[] {
    const out: SimBar[] = [];
    const first = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
    for (let m = first; m < to; m += MINUTE_MS) {
      const bar = this.minuteBar(m, asOf);
      if (bar) out.push(bar);
    }
    return out;
  }

  /** The ground-truth closed minutes in [from, to) as plain bars (what a feed must publish). */
  groundTruth(from: number, to: number): Bar[] {
    return this.minuteBars(from, to).map(({ time, open, high, low, close, volume }) => ({
      time,
      open,
      high,
      low,
      close,
      volume,
    }));
  }
}
