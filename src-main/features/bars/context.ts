/**
 * Context of higher timeframes at each 5-minute decision bar: the last COMPLETED 15-minute
 * and 1-hour bars (built here from the 5-minute bars as they arrive, so a bucket still in
 * progress is never used), and the trade date so far with the days before it.
 */
import { tradeDateOf } from '@shared/calendar/session';
import type { BarColumns } from '@shared/market/bar-columns';

export const CONTEXT_FEATURES = [
  'ctx_15m_ret',
  'ctx_15m_body',
  'ctx_1h_ret',
  'ctx_1h_pos_6',
  'ctx_d_ret',
  'ctx_d_pos',
  'ctx_prevday_range_rel',
] as const;
export type ContextColumns = Record<(typeof CONTEXT_FEATURES)[number], Float64Array>;

const M5 = 300_000;

/** A higher-timeframe bar being built from 5-minute bars; `done` holds the last completed one. */
class Bucketer {
  start = Number.NaN;
  o = 0;
  h = 0;
  l = 0;
  c = 0;
  doneO = Number.NaN;
  doneH = Number.NaN;
  doneL = Number.NaN;
  doneC = Number.NaN;
  constructor(private readonly size: number) {}

  push(t: number, o: number, h: number, l: number, c: number): void {
    const s = Math.floor(t / this.size) * this.size;
    if (s !== this.start) {
      if (!Number.isNaN(this.start)) this.complete();
      this.start = s;
      this.o = o;
      this.h = h;
      this.l = l;
    } else {
      this.h = Math.max(this.h, h);
      this.l = Math.min(this.l, l);
    }
    this.c = c;
    // The bucket is complete once its last 5-minute bar has closed.
    if (t + M5 >= s + this.size) {
      this.complete();
      this.start = Number.NaN;
    }
  }

  private complete(): void {
    this.doneO = this.o;
    this.doneH = this.h;
    this.doneL = this.l;
    this.doneC = this.c;
    this.onComplete?.(this.doneH, this.doneL, this.doneC);
  }

  onComplete: ((h: number, l: number, c: number) => void) | undefined;
}

export class ContextFeatures {
  private readonly m15 = new Bucketer(15 * 60_000);
  private readonly h1 = new Bucketer(60 * 60_000);
  private readonly h1Highs = new Float64Array(6);
  private readonly h1Lows = new Float64Array(6);
  private h1Count = 0;
  private day: string | null = null;
  private dayOpen = Number.NaN;
  private dayHigh = Number.NaN;
  private dayLow = Number.NaN;
  private readonly ranges = new Float64Array(20);
  private rangeCount = 0;
  private prevRange = Number.NaN;
  /** Median of `ranges` once 20 days are in. */
  private rangeMedian = Number.NaN;
  private readonly scratch = new Float64Array(20);
  private next = 0;

  constructor() {
    this.h1.onComplete = (h, l) => {
      const k = this.h1Count % 6;
      this.h1Highs[k] = h;
      this.h1Lows[k] = l;
      this.h1Count++;
    };
  }

  /**
   * Writes row i from bars[0..i]; rows must come in order. Prices are roll-adjusted; `g`, the
   * roll offset of bar i, puts them back in its contract for the log returns.
   */
  row(b: BarColumns, i: number, out: ContextColumns, g = 0): void {
    if (i !== this.next)
      throw new RangeError(`rows must be computed in order: expected ${this.next}, got ${i}`);
    this.next++;
    const t = b.time[i] as number;
    const o = b.open[i] as number;
    const h = b.high[i] as number;
    const l = b.low[i] as number;
    const c = b.close[i] as number;
    this.m15.push(t, o, h, l, c);
    this.h1.push(t, o, h, l, c);
    out.ctx_15m_ret[i] = Math.log((this.m15.doneC + g) / (this.m15.doneO + g)) * 1e4;
    const r15 = this.m15.doneH - this.m15.doneL;
    out.ctx_15m_body[i] = Number.isNaN(r15)
      ? Number.NaN
      : r15 > 0
        ? (this.m15.doneC - this.m15.doneO) / r15
        : 0;
    out.ctx_1h_ret[i] = Math.log((this.h1.doneC + g) / (this.h1.doneO + g)) * 1e4;
    if (this.h1Count >= 6) {
      let hi = -Infinity;
      let lo = Infinity;
      for (let k = 0; k < 6; k++) {
        hi = Math.max(hi, this.h1Highs[k] as number);
        lo = Math.min(lo, this.h1Lows[k] as number);
      }
      out.ctx_1h_pos_6[i] = hi > lo ? (this.h1.doneC - lo) / (hi - lo) : 0.5;
    } else {
      out.ctx_1h_pos_6[i] = Number.NaN;
    }
    const d = tradeDateOf(t);
    if (d !== this.day) {
      if (this.day !== null) {
        this.prevRange = this.dayHigh - this.dayLow;
        this.ranges[this.rangeCount % 20] = this.prevRange;
        this.rangeCount++;
        // The ranges change only here, so their median is taken once a day.
        if (this.rangeCount >= 20) {
          this.scratch.set(this.ranges);
          this.scratch.sort();
          this.rangeMedian = ((this.scratch[9] as number) + (this.scratch[10] as number)) / 2;
        }
      }
      this.day = d;
      this.dayOpen = o;
      this.dayHigh = h;
      this.dayLow = l;
    } else {
      this.dayHigh = Math.max(this.dayHigh, h);
      this.dayLow = Math.min(this.dayLow, l);
    }
    out.ctx_d_ret[i] = Math.log((c + g) / (this.dayOpen + g)) * 1e4;
    out.ctx_d_pos[i] =
      this.dayHigh > this.dayLow ? (c - this.dayLow) / (this.dayHigh - this.dayLow) : 0.5;
    if (this.rangeCount >= 20) {
      const med = this.rangeMedian;
      out.ctx_prevday_range_rel[i] = med > 0 ? this.prevRange / med : 1;
    } else {
      out.ctx_prevday_range_rel[i] = Number.NaN;
    }
  }
}
