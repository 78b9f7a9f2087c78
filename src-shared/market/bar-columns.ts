/**
 * Bars as columns (struct of arrays). Hot loops read typed arrays and allocate nothing;
 * `BarColumns` grows by doubling so appending a live bar is amortised O(1).
 */
import type { Bar } from '../domain/bar';
import { utcMs } from '../domain/brand';

/** The six columns, in one list for code that treats them alike. */
export const BAR_COLUMN_KEYS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarColumnKey = (typeof BAR_COLUMN_KEYS)[number];
/** Plain columns of equal length: what crosses a worker boundary. */
export type BarColumnArrays = Record<BarColumnKey, Float64Array>;

export class BarColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  private len = 0;

  constructor(capacity = 1024) {
    const cap = Math.max(1, capacity);
    this.time = new Float64Array(cap);
    this.open = new Float64Array(cap);
    this.high = new Float64Array(cap);
    this.low = new Float64Array(cap);
    this.close = new Float64Array(cap);
    this.volume = new Float64Array(cap);
  }

  /** Number of bars held. */
  get length(): number {
    return this.len;
  }

  /** Removes every bar (capacity is kept). */
  clear(): void {
    this.len = 0;
  }

  /** Appends one bar; times must be strictly increasing. */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.len > 0 && time <= (this.time[this.len - 1] as number)) {
      throw new RangeError(`bar time ${time} is not after the last bar ${this.time[this.len - 1]}`);
    }
    if (this.len === this.time.length) this.grow(this.len * 2);
    const i = this.len++;
    this.time[i] = time;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  /** Appends a bar object. */
  pushBar(bar: Bar): void {
    this.push(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume);
  }

  /** Replaces the last bar (used for a forming bar that updates in place). */
  replaceLast(open: number, high: number, low: number, close: number, volume: number): void {
    if (this.len === 0) throw new RangeError('no bar to replace');
    const i = this.len - 1;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  /** The bar at index `i` as an object (for boundaries such as IPC, not for hot loops). */
  at(i: number): Bar {
    if (i < 0 || i >= this.len) throw new RangeError(`index ${i} out of range 0..${this.len - 1}`);
    return {
      time: utcMs(this.time[i] as number),
      open: this.open[i] as number,
      high: this.high[i] as number,
      low: this.low[i] as number,
      close: this.close[i] as number,
      volume: this.volume[i] as number,
    };
  }

  /** Bars with index in [from, to) as objects. */
  slice(from = 0, to = this.len): Bar[] {
    const out: Bar[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.len); i++) out.push(this.at(i));
    return out;
  }

  /** Bars with index in [from, to) as a new BarColumns (a truncated or trimmed series). */
  copyRange(from = 0, to = this.len): BarColumns {
    const lo = Math.max(0, from);
    const hi = Math.min(to, this.len);
    const out = new BarColumns(Math.max(1, hi - lo));
    for (const k of BAR_COLUMN_KEYS) out[k].set(this[k].subarray(lo, Math.max(lo, hi)));
    out.len = Math.max(0, hi - lo);
    return out;
  }

  /** Copies of the columns, exactly `length` long. */
  toColumns(): BarColumnArrays {
    const out = {} as BarColumnArrays;
    for (const k of BAR_COLUMN_KEYS) out[k] = this[k].slice(0, this.len);
    return out;
  }

  /** Bars over plain columns of equal length, without copying (the columns become its own). */
  static adopt(columns: Readonly<BarColumnArrays>): BarColumns {
    const n = columns.time.length;
    const out = new BarColumns(1);
    for (const k of BAR_COLUMN_KEYS) {
      if (columns[k].length !== n) {
        throw new RangeError(`column ${k} has ${columns[k].length} values, time has ${n}`);
      }
      out[k] = columns[k];
    }
    out.len = n;
    return out;
  }

  /** Bars from plain columns of equal length (copied). */
  static fromColumns(columns: Readonly<BarColumnArrays>): BarColumns {
    const n = columns.time.length;
    const out = new BarColumns(n);
    for (const k of BAR_COLUMN_KEYS) {
      if (columns[k].length !== n) {
        throw new RangeError(`column ${k} has ${columns[k].length} values, time has ${n}`);
      }
      out[k].set(columns[k]);
    }
    out.len = n;
    return out;
  }

  /** Index of the first bar with time ≥ t (binary search); `length` when none. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.time[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(capacity: number): void {
    const copy = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(0, this.len));
      return b;
    };
    this.time = copy(this.time);
    this.open = copy(this.open);
    this.high = copy(this.high);
    this.low = copy(this.low);
    this.close = copy(this.close);
    this.volume = copy(this.volume);
  }
}
