/**
 * Price-action and volume features of 5-minute decision bars, all scale-free (ratios,
 * log returns, positions in ranges) and computed from bars up to and including the
 * decision bar. No classic indicators. A value that needs more history than exists is NaN
 * with its row flagged as warm-up by the caller.
 */
import type { BarColumns } from '@shared/market/bar-columns';
import { NY_ZONE } from '../time/ny-zone';
import { rollingMean } from './rolling';
import { RollingExtreme } from './rolling-extreme';
import { RollingMedian } from './rolling-median';

export const PRICE_ACTION_FEATURES = [
  'ret_1',
  'ret_3',
  'ret_6',
  'ret_12',
  'ret_24',
  'range_rel_24',
  'body_ratio',
  'upper_wick_ratio',
  'lower_wick_ratio',
  'close_pos_12',
  'close_pos_48',
  'gap_rel',
  'vol_rel_12',
  'vol_rel_tod',
  'volume_present',
] as const;

/** Bars of the same 5-minute slot in earlier trade dates used for the time-of-day volume norm. */
const TOD_DAYS = 20;
const SLOTS_PER_DAY = 288;
const DAY_MS = 86_400_000;

/**
 * The New York 5-minute slot of the day (0 = 00:00 ET) of a bar starting at UTC `t`. Not
 * the UTC slot: New York is 5 hours behind UTC in winter and 4 in summer, so the RTH open is
 * a different UTC slot on either side of a clock change.
 */
export function nySlot(t: number): number {
  const local = t + NY_ZONE.offsetAtUtc(t);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 300_000);
}

/**
 * Log return over k bars in basis points, NaN before k bars exist. Closes are roll-adjusted
 * (`roll-offsets.ts`); `g` is the decision's offset, which puts both back in its contract.
 */
function logRet(close: Float64Array, i: number, k: number, g: number): number {
  return i >= k
    ? Math.log(((close[i] as number) + g) / ((close[i - k] as number) + g)) * 1e4
    : Number.NaN;
}

/** Where the close sits in the high–low range of the last k bars (0 = low, 1 = high). */
function closePosition(close: number, hi: number, lo: number): number {
  if (Number.isNaN(hi)) return Number.NaN;
  return hi > lo ? (close - lo) / (hi - lo) : 0.5;
}

export type PriceActionColumns = Record<(typeof PRICE_ACTION_FEATURES)[number], Float64Array>;

/**
 * Computes the features of one 5-minute bar at a time, in order: the batch loop and the
 * live stream call the same `row`, so their outputs are identical by construction. State is
 * only the time-of-day volume norm (earlier days' volumes per 5-minute slot).
 */
export class PriceActionFeatures {
  private readonly ranges = new RollingMedian(24);
  // rollingMax / rollingMin of highs and lows over 12 and 48 bars, kept as the rows go by.
  private readonly high12 = new RollingExtreme(12, 1);
  private readonly low12 = new RollingExtreme(12, -1);
  private readonly high48 = new RollingExtreme(48, 1);
  private readonly low48 = new RollingExtreme(48, -1);
  /** `medianRange` of the last row: the unit of level distances (`FeatureRows`). */
  lastMedianRange = Number.NaN;
  private readonly todRing = new Float64Array(SLOTS_PER_DAY * TOD_DAYS);
  private readonly todCount = new Int32Array(SLOTS_PER_DAY);
  private readonly todSum = new Float64Array(SLOTS_PER_DAY);
  private next = 0;

  /** `volumeAbsent`: volume features are 0 with `volume_present` = 0 (disabled, not NaN). */
  constructor(private readonly volumeAbsent: boolean) {}

  /**
   * Writes row i of `out` from bars[0..i]; rows must come in order 0, 1, 2, … `g`: the roll
   * offset of bar i (0 without rolls), for the log returns.
   */
  row(b: BarColumns, i: number, out: PriceActionColumns, g = 0): void {
    if (i !== this.next)
      throw new RangeError(`rows must be computed in order: expected ${this.next}, got ${i}`);
    this.next++;
    const c = b.close[i] as number;
    const o = b.open[i] as number;
    const h = b.high[i] as number;
    const l = b.low[i] as number;
    out.ret_1[i] = logRet(b.close, i, 1, g);
    out.ret_3[i] = logRet(b.close, i, 3, g);
    out.ret_6[i] = logRet(b.close, i, 6, g);
    out.ret_12[i] = logRet(b.close, i, 12, g);
    out.ret_24[i] = logRet(b.close, i, 24, g);
    // = medianRange(b, i, 24), kept as the rows go by.
    this.ranges.push(h - l);
    const med = this.ranges.median();
    this.lastMedianRange = med;
    const r = h - l;
    out.range_rel_24[i] = Number.isNaN(med) ? Number.NaN : med > 0 ? r / med : 1;
    out.body_ratio[i] = r > 0 ? (c - o) / r : 0;
    out.upper_wick_ratio[i] = r > 0 ? (h - Math.max(o, c)) / r : 0;
    out.lower_wick_ratio[i] = r > 0 ? (Math.min(o, c) - l) / r : 0;
    this.high12.push(h);
    this.low12.push(l);
    this.high48.push(h);
    this.low48.push(l);
    out.close_pos_12[i] = closePosition(c, this.high12.value(), this.low12.value());
    out.close_pos_48[i] = closePosition(c, this.high48.value(), this.low48.value());
    out.gap_rel[i] =
      i < 1 || Number.isNaN(med)
        ? Number.NaN
        : med > 0
          ? (o - (b.close[i - 1] as number)) / med
          : 0;
    if (this.volumeAbsent) {
      out.vol_rel_12[i] = 0;
      out.vol_rel_tod[i] = 0;
      out.volume_present[i] = 0;
      return;
    }
    const v = b.volume[i] as number;
    const mean12 = rollingMean(b.volume, i, 12);
    out.vol_rel_12[i] = Number.isNaN(mean12) ? Number.NaN : mean12 > 0 ? v / mean12 : 1;
    const slot = nySlot(b.time[i] as number);
    const cnt = this.todCount[slot] as number;
    const sum = this.todSum[slot] as number;
    out.vol_rel_tod[i] = cnt >= TOD_DAYS ? (sum > 0 ? v / (sum / TOD_DAYS) : 1) : Number.NaN;
    // Only after use: the norm holds earlier days, never the bar itself.
    const pos = slot * TOD_DAYS + (cnt % TOD_DAYS);
    this.todSum[slot] = sum - (cnt >= TOD_DAYS ? (this.todRing[pos] as number) : 0) + v;
    this.todRing[pos] = v;
    this.todCount[slot] = cnt + 1;
    out.volume_present[i] = 1;
  }
}

/** Median high−low range of bars[i-n+1..i], or NaN before n bars exist. */
export function medianRange(b: BarColumns, i: number, n: number, scratch: Float64Array): number {
  if (i + 1 < n) return Number.NaN;
  for (let k = 0; k < n; k++)
    scratch[k] = (b.high[i - n + 1 + k] as number) - (b.low[i - n + 1 + k] as number);
  const view = scratch.subarray(0, n);
  view.sort();
  return n % 2 === 1
    ? (view[(n - 1) >> 1] as number)
    : ((view[n / 2 - 1] as number) + (view[n / 2] as number)) / 2;
}
