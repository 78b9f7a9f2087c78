/**
 * The feature set at each 5-minute decision bar, named and versioned: price action and
 * volume, higher-timeframe context, New York time, static covariates (and the price levels).
 * The model stores the version and names it was trained with and refuses another set.
 *
 * One implementation for batch and stream: every group computes row i from data up to and
 * including 5-minute bar i, in order. Rows whose inputs need more history than exists are
 * flagged warm-up; their undefined values are written as 0, never NaN.
 */
import { aggregateColumns } from '@shared/market/aggregate';
import type { BarColumns } from '@shared/market/bar-columns';
import { adjustForRolls, type PriceRoll } from '@shared/market/roll-offsets';
import { CONTEXT_FEATURES, ContextFeatures, type ContextColumns } from './bars/context';
import {
  PRICE_ACTION_FEATURES,
  PriceActionFeatures,
  type PriceActionColumns,
} from './bars/price-action';
import { STATIC_FEATURES, StaticCovariates, type StaticColumns } from './static-covariates';
import { LEVEL_FEATURES, levelFeatures } from './level-features';
import { computeLevels } from './levels/level-batch';
import { decisionBars, type LevelColumns } from './levels/level-columns';
import type { LevelThreads } from './levels/level-threads';
import { TIME_FEATURE_NAMES, TimeFeatureEncoder } from './time/time-features';

export const FEATURE_SET_VERSION = 'nqh-features-2';
const M5 = 300_000;

/** Every feature name, in column order. */
export const FEATURE_NAMES: readonly string[] = [
  ...PRICE_ACTION_FEATURES.map((n) => `pa.${n}`),
  ...CONTEXT_FEATURES,
  ...TIME_FEATURE_NAMES,
  ...STATIC_FEATURES,
  ...LEVEL_FEATURES,
];

export interface FeatureMatrix {
  readonly version: string;
  readonly names: readonly string[];
  /** Start of each 5-minute decision bar, UTC ms. */
  readonly time: Float64Array;
  /** The decision instant: the bar's close (start + 5 minutes). */
  readonly decisionTime: Float64Array;
  /** One column per name. */
  readonly columns: readonly Float64Array[];
  /** 1 where a feature still lacked history (its value was written as 0). */
  readonly warmup: Uint8Array;
  /** Per feature, the rows on which it lacked history (what makes rows warm-up). */
  readonly undefinedCounts: Readonly<Record<string, number>>;
  readonly length: number;
}

function group<N extends string>(names: readonly N[], n: number): Record<N, Float64Array> {
  return Object.fromEntries(names.map((k) => [k, new Float64Array(n)])) as Record<N, Float64Array>;
}

/** Computes the rows of 5-minute bars one at a time, in order (the stream and the batch). */
export class FeatureRows {
  private readonly pa: PriceActionFeatures;
  private readonly ctx = new ContextFeatures();
  private readonly stat = new StaticCovariates();
  private readonly time = new TimeFeatureEncoder();
  private readonly timeRow = TIME_FEATURE_NAMES.map(() => new Float32Array(1));
  private timeOf: Record<string, Float64Array> | null = null;
  private timeColumns: Float64Array[] = [];

  constructor(volumeAbsent: boolean) {
    this.pa = new PriceActionFeatures(volumeAbsent);
  }

  /**
   * Computes row i of `m` from `bars5[0..i]` (roll-adjusted prices); `g` is bar i's roll
   * offset (0 without rolls), which the log returns add back.
   */
  row(bars5: BarColumns, i: number, m: MutableMatrix, g = 0): void {
    this.pa.row(bars5, i, m.pa, g);
    this.ctx.row(bars5, i, m.ctx, g);
    const t = bars5.time[i] as number;
    const decision = t + M5;
    this.time.encode(decision, this.timeRow, 0);
    // The time columns by position, looked up by name once per matrix, not per row.
    if (m.time !== this.timeOf) {
      this.timeOf = m.time;
      this.timeColumns = TIME_FEATURE_NAMES.map((k) => m.time[k] as Float64Array);
    }
    const timeColumns = this.timeColumns;
    for (let j = 0; j < timeColumns.length; j++) {
      (timeColumns[j] as Float64Array)[i] = (this.timeRow[j] as Float32Array)[0] as number;
    }
    this.stat.row(t, decision, bars5.close[i] as number, i, m.stat, g);
    m.scale[i] = this.pa.lastMedianRange; // medianRange(bars5, i, 24)
    m.times[i] = t;
    m.decision[i] = decision;
  }
}

/** The matrix under construction (internal: batch and stream share it). */
export interface MutableMatrix {
  pa: PriceActionColumns;
  ctx: ContextColumns;
  time: Record<string, Float64Array>;
  stat: StaticColumns;
  lvl: Record<string, Float64Array>;
  /** Median 5-minute range of the last 24 bars: the unit of level distances. */
  scale: Float64Array;
  times: Float64Array;
  decision: Float64Array;
}

/** Columns for n rows. */
export function allocateMatrix(n: number): MutableMatrix {
  return {
    pa: group(PRICE_ACTION_FEATURES, n),
    ctx: group(CONTEXT_FEATURES, n),
    time: group(TIME_FEATURE_NAMES, n),
    stat: group(STATIC_FEATURES, n),
    lvl: group(LEVEL_FEATURES, n),
    scale: new Float64Array(n),
    times: new Float64Array(n),
    decision: new Float64Array(n),
  };
}

/** The matrix's columns in FEATURE_NAMES order. */
export function matrixColumns(m: MutableMatrix): Float64Array[] {
  return [
    ...PRICE_ACTION_FEATURES.map((k) => m.pa[k]),
    ...CONTEXT_FEATURES.map((k) => m.ctx[k]),
    ...TIME_FEATURE_NAMES.map((k) => m.time[k] as Float64Array),
    ...STATIC_FEATURES.map((k) => m.stat[k]),
    ...LEVEL_FEATURES.map((k) => m.lvl[k] as Float64Array),
  ];
}

/**
 * Flags rows from..to − 1 holding an undefined (non-finite) value in columns jFrom..jTo − 1
 * as warm-up, writes 0 there, and counts such values per column into `bad`.
 */
function flagUndefined(
  columns: readonly Float64Array[],
  jFrom: number,
  jTo: number,
  from: number,
  to: number,
  warmup: Uint8Array,
  bad: Int32Array,
): void {
  for (let j = jFrom; j < jTo; j++) {
    const c = columns[j] as Float64Array;
    let count = 0;
    for (let i = from; i < to; i++) {
      if (!Number.isFinite(c[i] as number)) {
        warmup[i] = 1;
        c[i] = 0;
        count++;
      }
    }
    bad[j] = (bad[j] as number) + count;
  }
}

/** The matrix of `m`, its columns in FEATURE_NAMES order, after `flagUndefined` covered every row. */
function matrixOf(m: MutableMatrix, n: number, warmup: Uint8Array, bad: Int32Array): FeatureMatrix {
  const undefinedCounts: Record<string, number> = {};
  bad.forEach((count, j) => {
    if (count > 0) undefinedCounts[FEATURE_NAMES[j] as string] = count;
  });
  return {
    version: FEATURE_SET_VERSION,
    names: FEATURE_NAMES,
    time: m.times,
    decisionTime: m.decision,
    columns: matrixColumns(m),
    warmup,
    undefinedCounts,
    length: n,
  };
}

/** The 1-minute bar of each complete 5-minute bar: the bar whose levels its row takes. */
function featureDecisions(minutes: BarColumns): Int32Array {
  // decisionBars counts the last bucket only when its final minute is in: a 5-minute bar
  // whose minutes are not all in yet is not a decision bar (`nonLevelRows` agrees).
  return decisionBars(minutes.time, minutes.length, 5);
}

/**
 * Every row's features but the levels (rows of the 5-minute bars that have decisions), from
 * roll-adjusted minutes and their offsets (null: no roll moved any).
 */
function nonLevelRows(
  minutes: BarColumns,
  offset: Float64Array | null,
  decisions: Int32Array,
  volumeAbsent: boolean,
) {
  const bars5 = aggregateColumns(minutes, '5m');
  // A last bucket whose minutes are not all in yet is not a decision bar.
  let n = bars5.length;
  const lastMinute = minutes.length > 0 ? (minutes.time[minutes.length - 1] as number) : 0;
  if (n > 0 && (bars5.time[n - 1] as number) + M5 > lastMinute + 60_000) n--;
  if (decisions.length !== n) {
    throw new Error(`internal: ${decisions.length} level decision rows for ${n} five-minute bars`);
  }
  const m = allocateMatrix(n);
  const rows = new FeatureRows(volumeAbsent);
  // A row's offset is its decision minute's: the 5-minute bar's last minute.
  if (offset === null) for (let i = 0; i < n; i++) rows.row(bars5, i, m);
  else for (let i = 0; i < n; i++) rows.row(bars5, i, m, offset[decisions[i] as number] as number);
  return { bars5, m, n, columns: matrixColumns(m) };
}

/** Index of the first level feature among the matrix columns (they come last). */
const FIRST_LEVEL_COLUMN = FEATURE_NAMES.length - LEVEL_FEATURES.length;

/** Undefined-value flags of the non-level columns of rows from..to − 1 (no levels needed). */
function flagNonLevelRows(
  p: ReturnType<typeof nonLevelRows>,
  from: number,
  to: number,
  warmup: Uint8Array,
  bad: Int32Array,
): void {
  flagUndefined(p.columns, 0, FIRST_LEVEL_COLUMN, from, to, warmup, bad);
}

/** Level features and their undefined-value flags of rows from..to − 1, once their levels are in. */
function finishLevelRows(
  p: ReturnType<typeof nonLevelRows>,
  levels: LevelColumns,
  from: number,
  to: number,
  warmup: Uint8Array,
  bad: Int32Array,
): void {
  levelFeatures(levels, p.bars5.close, p.m.scale, p.m.lvl, warmup, from, to);
  flagUndefined(p.columns, FIRST_LEVEL_COLUMN, p.columns.length, from, to, warmup, bad);
}

/**
 * The feature matrix of every complete 5-minute bar of a 1-minute series (batch). `rolls`:
 * the series' contract rolls; the features see it adjusted causally (`roll-offsets.ts`), so
 * no window spans a roll's gap and no roll after a decision moves it.
 */
export function computeFeatures(
  raw: BarColumns,
  volumeAbsent: boolean,
  rolls: readonly PriceRoll[] = [],
): FeatureMatrix {
  const { bars: minutes, offset } = adjustForRolls(raw, rolls);
  const decisions = featureDecisions(minutes);
  const p = nonLevelRows(minutes, offset, decisions, volumeAbsent);
  // Levels from the 1-minute bars, as of each 5-minute bar's last minute (that minute included).
  const levels = computeLevels(minutes, decisions);
  const warmup = new Uint8Array(p.n);
  const bad = new Int32Array(FEATURE_NAMES.length);
  flagNonLevelRows(p, 0, p.n, warmup, bad);
  finishLevelRows(p, levels, 0, p.n, warmup, bad);
  return matrixOf(p.m, p.n, warmup, bad);
}

/**
 * `computeFeatures` with the levels of the later part of the series on worker threads while
 * this thread computes the other features, the first part's levels and that part's level
 * features: the same matrix, to the bit (`level-chunks.ts`), sooner on a machine with a core
 * to spare. `hereShare` is the part of the levels this thread keeps besides the rest.
 */
export async function computeFeaturesOnThreads(
  raw: BarColumns,
  volumeAbsent: boolean,
  threads: LevelThreads,
  rolls: readonly PriceRoll[] = [],
  hereShare = DEFAULT_HERE_SHARE,
): Promise<FeatureMatrix> {
  const { bars: minutes, offset } = adjustForRolls(raw, rolls);
  const decisions = featureDecisions(minutes);
  const job = threads.start(minutes, decisions, hereShare);
  // The workers' part is under way; do ours meanwhile.
  let p: ReturnType<typeof nonLevelRows>;
  const warmup = new Uint8Array(decisions.length);
  const bad = new Int32Array(FEATURE_NAMES.length);
  const split = job.here.rowTo;
  try {
    p = nonLevelRows(minutes, offset, decisions, volumeAbsent);
    job.runHere();
    finishLevelRows(p, job.out, 0, split, warmup, bad);
    // Every row's other columns are in: flag them before waiting, not after.
    flagNonLevelRows(p, 0, p.n, warmup, bad);
  } catch (e) {
    // Our error is the one to report; the workers' part is only waited for.
    await job.workers.catch(() => undefined);
    throw e;
  }
  await job.workers;
  finishLevelRows(p, job.out, split, p.n, warmup, bad);
  return matrixOf(p.m, p.n, warmup, bad);
}

/**
 * The share of the levels' work the calling thread keeps beside the non-level features
 * (about a fifth of the levels' cost) and the worker's warm-up: measured on the 2024 set,
 * 0.42 has both threads finish together (0.30 leaves this thread idle ~60 ms).
 */
export const DEFAULT_HERE_SHARE = 0.42;
