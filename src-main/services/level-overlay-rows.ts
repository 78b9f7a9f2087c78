/**
 * VWAP and σ of every anchor after each closed 1-minute bar of the running feed, as growing
 * columns, read from the one LevelEngine right after the bar is pushed. A chart bar's levels
 * are those after its last minute, so any timeframe is a selection of these rows.
 *
 * Why rows captured while streaming rather than `computeLevels` per request: the engine is
 * the same one `computeLevels` runs, so the numbers are identical (the tests check it), but
 * `computeLevels` analyses every profile at every row it writes (about 25 µs a row, two
 * seconds for 80,000 minutes) while reading the VWAP accumulators costs nothing. A request
 * is then O(rows) of copying, and a closed minute O(1).
 */
import { TIMEFRAME_MINUTES, type Timeframe } from '@shared/domain/bar';
import {
  OVERLAY_VWAP_ANCHORS,
  type OverlayVwapAnchor,
  type VwapColumns,
} from '@shared/contracts/level-overlay';
import { bucketStart } from '@shared/market/aggregate';
import { decisionBars, everyBar } from '../features/levels/level-columns';
import type { LevelEngine, VWAP_ANCHORS } from '../features/levels/level-engine';

const ANCHORS = OVERLAY_VWAP_ANCHORS.length;
// Row a holds the engine's anchor a on the wire's anchor a: the two lists must be one.
const sameAnchors: typeof VWAP_ANCHORS extends typeof OVERLAY_VWAP_ANCHORS ? true : false = true;
void sameAnchors;

/** JSON has no NaN: an undefined level travels as null. */
const wire = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Per-minute VWAP/σ rows of the running feed, and their selection per chart timeframe. */
export class MinuteLevelRows {
  private len = 0;
  private time = new Float64Array(1024);
  /** vwap of anchor a at [a], σ at [ANCHORS + a]. */
  private cols: Float64Array[] = Array.from({ length: 2 * ANCHORS }, () => new Float64Array(1024));
  private starts = new Uint8Array(1024);
  private partial = new Uint8Array(1024);
  /** Anchor period keys of the previous row, to see where a period begins. */
  private readonly keys = new Float64Array(ANCHORS).fill(Number.NaN);
  /** Anchor period keys of the first row: those periods are only partly held. */
  private readonly firstKeys = new Float64Array(ANCHORS).fill(Number.NaN);

  /** Rows held (= minutes pushed into the engine). */
  get length(): number {
    return this.len;
  }

  /** Start time of the last row, UTC ms (0 when none). */
  get lastTime(): number {
    return this.len > 0 ? (this.time[this.len - 1] as number) : 0;
  }

  /** Time of row `i`. */
  timeAt(i: number): number {
    return this.time[i] as number;
  }

  clear(): void {
    this.len = 0;
    this.keys.fill(Number.NaN);
    this.firstKeys.fill(Number.NaN);
  }

  /**
   * Records the engine's VWAPs after the minute starting at `t` was pushed into it, moved by
   * that minute's roll offset `g` back into its contract.
   */
  record(t: number, engine: LevelEngine, g = 0): void {
    if (this.len === this.time.length) this.grow(this.len * 2);
    const i = this.len++;
    this.time[i] = t;
    let starts = 0;
    let partial = 0;
    for (let a = 0; a < ANCHORS; a++) {
      const acc = engine.vwaps[a];
      if (!acc) continue;
      (this.cols[a] as Float64Array)[i] = acc.vwap + g;
      (this.cols[ANCHORS + a] as Float64Array)[i] = acc.sigma;
      if (acc.key !== this.keys[a]) starts |= 1 << a;
      if (i === 0) this.firstKeys[a] = acc.key;
      // As the engine's `complete` flag: the period holding the first bar was cut off.
      if (acc.key === this.firstKeys[a]) partial |= 1 << a;
      this.keys[a] = acc.key;
    }
    this.starts[i] = starts;
    this.partial[i] = partial;
  }

  /**
   * Index of the last minute of each `timeframe` bucket, the newest (possibly still open)
   * bucket included: the chart shows that bar too, with the minutes closed so far.
   */
  bucketEnds(timeframe: Timeframe): Int32Array {
    const n = this.len;
    const minutes = TIMEFRAME_MINUTES[timeframe];
    if (minutes === 1) return everyBar(n);
    const ends = decisionBars(this.time, n, minutes);
    if (n === 0 || ends[ends.length - 1] === n - 1) return ends;
    const all = new Int32Array(ends.length + 1);
    all.set(ends);
    all[ends.length] = n - 1;
    return all;
  }

  /**
   * Wire columns for rows `ends[from..]`, each stamped with its bucket's start and with the
   * period starts of every minute since the previous selected row.
   */
  columns(ends: Int32Array, from: number, timeframe: Timeframe): VwapColumns {
    const out = emptyColumns();
    let prev = from > 0 ? (ends[from - 1] as number) : -1;
    for (let r = from; r < ends.length; r++) {
      const i = ends[r] as number;
      let starts = 0;
      for (let k = prev + 1; k <= i; k++) starts |= this.starts[k] as number;
      this.pushRow(out, i, bucketStart(this.time[i] as number, timeframe), starts);
      prev = i;
    }
    return out;
  }

  /** Wire columns of the 1-minute rows from index `from` on. */
  minuteColumns(from: number): VwapColumns {
    const out = emptyColumns();
    for (let i = from; i < this.len; i++) {
      this.pushRow(out, i, this.time[i] as number, this.starts[i] as number);
    }
    return out;
  }

  private pushRow(out: VwapColumns, i: number, time: number, starts: number): void {
    out.time.push(time);
    out.starts.push(starts);
    out.partial.push(this.partial[i] as number);
    for (let a = 0; a < ANCHORS; a++) {
      const line = out[OVERLAY_VWAP_ANCHORS[a] as OverlayVwapAnchor];
      line.vwap.push(wire((this.cols[a] as Float64Array)[i] as number));
      line.sigma.push(wire((this.cols[ANCHORS + a] as Float64Array)[i] as number));
    }
  }

  private grow(capacity: number): void {
    const t = new Float64Array(capacity);
    t.set(this.time);
    this.time = t;
    this.cols = this.cols.map((c) => {
      const g = new Float64Array(capacity);
      g.set(c);
      return g;
    });
    const bytes = (a: Uint8Array) => {
      const g = new Uint8Array(capacity);
      g.set(a);
      return g;
    };
    this.starts = bytes(this.starts);
    this.partial = bytes(this.partial);
  }
}

function emptyColumns(): VwapColumns {
  const line = () => ({ vwap: [], sigma: [] });
  return {
    time: [],
    starts: [],
    partial: [],
    hour: line(),
    day: line(),
    week: line(),
    month: line(),
  };
}
