/**
 * Synthetic NQ 1-minute bars: the app's embedded default market, so every screen, feature
 * and backtest has plausible data before a vendor file is imported.
 *
 * Model, per trading minute (times from the Globex calendar, so halts, weekends and
 * holidays have no bars):
 * - close − open = drift + σ·z with σ = price · BASE_SIGMA_FRAC · intraday multiplier (New
 *   York minute of day) · day multiplier · √g, where g is a GARCH(1,1) variance ratio
 *   (mean 1) that clusters volatility.
 * - Each trade date draws a day type: trend up/down spreads a 0.4–1.1% drift over RTH;
 *   a range day pulls price back to its RTH open; a rotation day is nearly a random walk.
 * - High and low are sampled as the extremes of a Brownian bridge from open to close, which
 *   gives realistic wicks at no cost; all four prices sit on the 0.25 tick grid.
 * - Volume follows the intraday U (bursts at 09:30 and 15:45–16:00, quiet Asia), scaled by
 *   the day, by g and by the bar's own range, with lognormal noise; a positive integer.
 * - A bar's open is the previous close, except after a halt or weekend: a small gap.
 *
 * Deterministic: the same seed and start give the same bars on every platform.
 */
import { isTradingMinute, nextSessionOpen } from '@shared/calendar/session';
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { utcMs } from '@shared/domain/brand';
import { TICK_SIZE, roundToTick } from '@shared/domain/instrument';
import type { BarColumns } from '@shared/market/bar-columns';
import {
  TREND_WEIGHT_BY_MINUTE,
  VOLATILITY_BY_MINUTE,
  VOLUME_BY_MINUTE,
  isRthMinute,
} from './intraday-profile';
import { NyClock } from './ny-clock';
import { Prng } from './prng';

/** Options of a synthetic market. */
export interface SyntheticMarketOptions {
  /** Seed of the random stream; equal seeds and starts give identical bars. */
  readonly seed: number;
  /** UTC ms; the first bar is the first trading minute at or after it (minute-aligned). */
  readonly start: number;
  /** Price the series starts from (default 21,000); rounded to the tick. */
  readonly startPrice?: number;
}

/** How a trade date's drift is shaped. */
export type DayType = 'trendUp' | 'trendDown' | 'range' | 'rotation';

const DEFAULT_START_PRICE = 21_000;
/** 1-minute σ as a fraction of price at multiplier 1: ≈ 7 points at 21,000. */
const BASE_SIGMA_FRAC = 0.00035;
const GARCH_ALPHA = 0.06;
const GARCH_BETA = 0.92;
const GARCH_OMEGA = 1 - GARCH_ALPHA - GARCH_BETA;
/** Caps g so a run of large shocks cannot explode the variance. */
const GARCH_MAX = 9;
/** Gap σ after a pause, as a fraction of price per √hour: ≈ 5 points after the halt. */
const GAP_SIGMA_FRAC = 0.00025;
/** Longest pause that still widens the gap (a long weekend ≈ 3 days). */
const GAP_MAX_HOURS = 72;
/** Range days: fraction of the distance to the RTH open recovered per minute. */
const RANGE_REVERSION = 0.008;
/** Rotation days: a faint pull, so they wander but rarely run. */
const ROTATION_REVERSION = 0.002;
/** The expected range of one minute of Brownian motion is √(8/π)·σ. */
const EXPECTED_RANGE_PER_SIGMA = Math.sqrt(8 / Math.PI);
/** No exchange calendar closes for a month; searching longer means a broken calendar. */
const MAX_CLOSED_MS = 31 * 86_400_000;

/** Seeded, deterministic generator of synthetic NQ 1-minute bars. */
export class SyntheticMarket {
  private readonly rng: Prng;
  private readonly clock = new NyClock();
  private nextTime: number;
  private lastTime = Number.NaN;
  private lastClose: number;
  /** GARCH variance ratio for the coming minute. */
  private g = 1;

  private dayKey = Number.NaN;
  private type: DayType = 'rotation';
  /** Trend day: total RTH drift in points (signed); 0 on other days. */
  private trendPoints = 0;
  private reversion = 0;
  /** The RTH open of the current trade date; NaN until RTH starts. */
  private anchor = Number.NaN;
  private dayVolatility = 1;
  private dayVolume = 1;

  // The bar just generated; fields rather than an object keep fill() allocation-free.
  private barTime = 0;
  private barOpen = 0;
  private barHigh = 0;
  private barLow = 0;
  private barClose = 0;
  private barVolume = 0;

  constructor(opts: SyntheticMarketOptions) {
    const startPrice = opts.startPrice ?? DEFAULT_START_PRICE;
    if (!Number.isFinite(opts.start)) throw new RangeError(`start must be finite: ${opts.start}`);
    if (!Number.isFinite(startPrice) || startPrice < 100) {
      throw new RangeError(`startPrice must be a finite price ≥ 100, got ${startPrice}`);
    }
    this.rng = new Prng(opts.seed);
    this.lastClose = roundToTick(startPrice);
    this.nextTime = this.tradingMinuteFrom(Math.ceil(opts.start / MINUTE_MS) * MINUTE_MS);
  }

  /** Time (UTC ms) of the bar that `nextBar()` will return. */
  peekNextTime(): number {
    return this.nextTime;
  }

  /** Day type of the trade date of the last bar generated. */
  get dayType(): DayType {
    return this.type;
  }

  /** The next trading minute's bar; times strictly increase. */
  nextBar(): Bar {
    this.step();
    return {
      time: utcMs(this.barTime),
      open: this.barOpen,
      high: this.barHigh,
      low: this.barLow,
      close: this.barClose,
      volume: this.barVolume,
    };
  }

  /**
   * Appends every bar with time < `until` to `out`; returns how many were appended. Writes
   * numbers straight into the columns: no object per bar (the bulk path for history).
   */
  fill(out: BarColumns, until: number): number {
    let count = 0;
    while (this.nextTime < until) {
      this.step();
      out.push(
        this.barTime,
        this.barOpen,
        this.barHigh,
        this.barLow,
        this.barClose,
        this.barVolume,
      );
      count++;
    }
    return count;
  }

  /** Generates the bar at `nextTime` into the bar fields and advances `nextTime`. */
  private step(): void {
    const rng = this.rng;
    const t = this.nextTime;
    const minute = this.clock.minuteOfDay(t);
    const dayKey = this.clock.tradeDayKey(t);
    if (dayKey !== this.dayKey) this.startTradeDate(dayKey);

    let open = this.lastClose;
    const pausedMs = t - this.lastTime;
    if (pausedMs > MINUTE_MS) {
      const hours = Math.min(pausedMs / 3_600_000, GAP_MAX_HOURS);
      open = roundToTick(open + open * GAP_SIGMA_FRAC * Math.sqrt(hours) * rng.normal());
    }

    const g = this.g;
    const sigma =
      open *
      BASE_SIGMA_FRAC *
      (VOLATILITY_BY_MINUTE[minute] as number) *
      this.dayVolatility *
      Math.sqrt(g);
    let drift = 0;
    if (isRthMinute(minute)) {
      if (Number.isNaN(this.anchor)) this.anchor = open;
      drift =
        this.trendPoints * (TREND_WEIGHT_BY_MINUTE[minute] as number) -
        this.reversion * (open - this.anchor);
    }
    const z = rng.normal();
    const close = roundToTick(open + drift + sigma * z);

    // Extremes of a Brownian bridge from open to close: max = (a + b + √((b−a)² − 2σ²·ln U)) / 2.
    const move = close - open;
    const twoVar = 2 * sigma * sigma;
    const up = 0.5 * (open + close + Math.sqrt(move * move - twoVar * Math.log(rng.nextOpen())));
    const down = 0.5 * (open + close - Math.sqrt(move * move - twoVar * Math.log(rng.nextOpen())));
    // The small epsilon stops float noise at an exact tick from adding a spurious tick.
    const high = Math.max(Math.ceil(up / TICK_SIZE - 1e-9) * TICK_SIZE, open, close);
    const low = Math.min(Math.floor(down / TICK_SIZE + 1e-9) * TICK_SIZE, open, close);

    const rangeRatio = (high - low) / (EXPECTED_RANGE_PER_SIGMA * sigma + TICK_SIZE);
    const noise = Math.exp(0.3 * rng.normal() - 0.045);
    const volume = Math.max(
      1,
      Math.round(
        (VOLUME_BY_MINUTE[minute] as number) *
          this.dayVolume *
          Math.pow(g, 0.35) *
          (0.4 + 0.6 * rangeRatio) *
          noise,
      ),
    );

    this.g = Math.min(GARCH_MAX, GARCH_OMEGA + GARCH_ALPHA * g * z * z + GARCH_BETA * g);
    this.barTime = t;
    this.barOpen = open;
    this.barHigh = high;
    this.barLow = low;
    this.barClose = close;
    this.barVolume = volume;
    this.lastTime = t;
    this.lastClose = close;
    this.nextTime = this.tradingMinuteFrom(t + MINUTE_MS);
  }

  /** Draws the new trade date's type, drift and activity level. */
  private startTradeDate(dayKey: number): void {
    const rng = this.rng;
    this.dayKey = dayKey;
    this.anchor = Number.NaN;
    const u = rng.next();
    const trendSize = this.lastClose * (0.004 + 0.007 * rng.next());
    const level = Math.exp(0.2 * rng.normal() - 0.02);
    const volumeNoise = Math.exp(0.15 * rng.normal() - 0.011);
    if (u < 0.2) this.type = 'trendUp';
    else if (u < 0.4) this.type = 'trendDown';
    else if (u < 0.75) this.type = 'range';
    else this.type = 'rotation';
    const trending = this.type === 'trendUp' || this.type === 'trendDown';
    this.trendPoints = this.type === 'trendUp' ? trendSize : trending ? -trendSize : 0;
    this.reversion = this.type === 'range' ? RANGE_REVERSION : trending ? 0 : ROTATION_REVERSION;
    this.dayVolatility = level * (trending ? 1.1 : this.type === 'range' ? 0.9 : 1);
    this.dayVolume = Math.pow(this.dayVolatility, 0.8) * volumeNoise;
  }

  /** The first trading minute at or after minute-aligned `t`. */
  private tradingMinuteFrom(t: number): number {
    const from = t;
    while (!isTradingMinute(t)) {
      if (t - from > MAX_CLOSED_MS) {
        throw new RangeError(`no trading minute within 31 days of ${new Date(from).toISOString()}`);
      }
      // Jump to the next open where the calendar knows it; step a minute otherwise.
      const open = Math.ceil(nextSessionOpen(t) / MINUTE_MS) * MINUTE_MS;
      t = open > t ? open : t + MINUTE_MS;
    }
    return t;
  }
}
