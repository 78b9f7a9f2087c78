/**
 * The live side of the feature set: 1-minute bars in, one feature row out each time a
 * 5-minute bar completes. It runs the very row functions of `computeFeatures` (FeatureRows,
 * the streaming LevelEngine, levelFeatures) on growing storage, so its rows equal the
 * batch rows exactly; a property test holds it to that.
 *
 * A 5-minute bar is complete when its last minute has arrived, or when a minute of a later
 * bucket arrives (its last minutes had no trades); in the second case the row is emitted
 * before the new minute is taken in.
 *
 * Rolls: minutes are adjusted as the batch adjusts them (`roll-offsets.ts`), from the rolls
 * given at the start and those added live (`addRoll`, at the new contract's first minute).
 */
import { BarColumns } from '@shared/market/bar-columns';
import { RollOffset, type PriceRoll } from '@shared/market/roll-offsets';
import {
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
  FeatureRows,
  allocateMatrix,
  matrixColumns,
  type MutableMatrix,
} from './feature-set';
import { levelFeatures } from './level-features';
import { LevelColumns } from './levels/level-columns';
import { LevelEngine } from './levels/level-engine';

const M5 = 300_000;

/** One feature row. */
export interface FeatureRow {
  readonly version: string;
  /** Start of the 5-minute bar, UTC ms. */
  readonly time: number;
  readonly values: Float64Array;
  readonly warmup: boolean;
}

export class FeatureStream {
  private readonly bars5 = new BarColumns(1024);
  private readonly rows: FeatureRows;
  private readonly engine = new LevelEngine();
  private m: MutableMatrix;
  private levels: LevelColumns;
  /** Level warm-up flags by row (`levelFeatures` writes the current one). */
  private levelWarm: Uint8Array;
  private capacity = 1024;
  private n = 0;
  private bucket = Number.NaN;
  private o = 0;
  private h = 0;
  private l = 0;
  private c = 0;
  private v = 0;
  private lastMinute = -Infinity;
  private readonly rollOffset: RollOffset;
  /** Roll offset of the last minute taken in (that of the bucket it ends). */
  private lastOffset = 0;

  constructor(volumeAbsent: boolean, rolls: readonly PriceRoll[] = []) {
    this.rows = new FeatureRows(volumeAbsent);
    this.rollOffset = new RollOffset(rolls);
    this.m = allocateMatrix(this.capacity);
    this.levels = new LevelColumns(this.capacity);
    this.levelWarm = new Uint8Array(this.capacity);
  }

  /** Feature names, in value order. */
  get names(): readonly string[] {
    return FEATURE_NAMES;
  }

  /** A roll of the series: from `roll.time` on, minutes belong to the new contract. */
  addRoll(roll: PriceRoll): void {
    this.rollOffset.add(roll);
  }

  /** Takes a closed 1-minute bar (unadjusted); returns the rows of 5-minute bars that completed. */
  push(
    t: number,
    rawOpen: number,
    rawHigh: number,
    rawLow: number,
    rawClose: number,
    volume: number,
  ): FeatureRow[] {
    if (!(t > this.lastMinute)) throw new RangeError(`minute ${t} is not after ${this.lastMinute}`);
    const out: FeatureRow[] = [];
    const b = Math.floor(t / M5) * M5;
    if (b !== this.bucket && !Number.isNaN(this.bucket)) out.push(this.complete());
    const g = this.rollOffset.at(t);
    const open = rawOpen - g;
    const high = rawHigh - g;
    const low = rawLow - g;
    const close = rawClose - g;
    this.engine.push(t, open, high, low, close, volume);
    this.lastMinute = t;
    this.lastOffset = g;
    if (b !== this.bucket) {
      this.bucket = b;
      this.o = open;
      this.h = high;
      this.l = low;
      this.v = 0;
    } else {
      this.h = Math.max(this.h, high);
      this.l = Math.min(this.l, low);
    }
    this.c = close;
    this.v += volume;
    if (t + 60_000 >= b + M5) out.push(this.complete());
    return out;
  }

  private complete(): FeatureRow {
    const i = this.n;
    if (i === this.capacity) this.grow();
    this.bars5.push(this.bucket, this.o, this.h, this.l, this.c, this.v);
    this.bucket = Number.NaN;
    this.rows.row(this.bars5, i, this.m, this.lastOffset);
    this.engine.writeRow(this.levels, i);
    this.levels.time[i] = this.lastMinute;
    this.levelWarm[i] = 0;
    levelFeatures(
      this.levels,
      this.bars5.close,
      this.m.scale,
      this.m.lvl,
      this.levelWarm,
      i,
      i + 1,
    );
    this.n++;
    const columns = matrixColumns(this.m);
    const values = new Float64Array(columns.length);
    let warm = this.levelWarm[i] === 1;
    for (let j = 0; j < columns.length; j++) {
      const x = (columns[j] as Float64Array)[i] as number;
      if (Number.isFinite(x)) values[j] = x;
      else warm = true;
    }
    return {
      version: FEATURE_SET_VERSION,
      time: this.bars5.time[i] as number,
      values,
      warmup: warm,
    };
  }

  /** Doubles the storage, keeping rows so far (levelFeatures reads a few rows back). */
  private grow(): void {
    const cap = this.capacity * 2;
    const m = allocateMatrix(cap);
    const from = matrixColumns(this.m);
    const to = matrixColumns(m);
    from.forEach((c, j) => (to[j] as Float64Array).set(c));
    m.scale.set(this.m.scale);
    m.times.set(this.m.times);
    m.decision.set(this.m.decision);
    const levels = new LevelColumns(cap);
    levels.index.set(this.levels.index);
    levels.time.set(this.levels.time);
    levels.defined.set(this.levels.defined);
    levels.complete.set(this.levels.complete);
    this.levels.columns.forEach((c, k) => (levels.columns[k] as Float64Array).set(c));
    const levelWarm = new Uint8Array(cap);
    levelWarm.set(this.levelWarm);
    this.m = m;
    this.levels = levels;
    this.levelWarm = levelWarm;
    this.capacity = cap;
  }
}
