/**
 * Fits normalisation statistics on a training span of rows ONLY (DOMAIN.md, "No lookahead":
 * every normalisation statistic is fitted on the training span). Rows outside [from, to),
 * rows marked in `exclude`, and NaN or infinite values never enter a statistic, so changing
 * them cannot change the stats.
 *
 * Default method: robust (median / IQR). NQ features are fat-tailed (returns, distances to
 * levels, volume); a mean and standard deviation fitted on a span with one crash day are
 * dominated by it, squeezing every ordinary day towards 0. The median and IQR ignore the
 * tails; the outliers themselves stay large after scaling, and `clip` can bound them.
 */
import type { FeatureTable } from './feature-table';
import {
  NORMALIZATION_FORMAT,
  NORMALIZATION_VERSION,
  freezeStats,
  type FeatureScale,
  type NormalizationStats,
  type ScalingMethod,
} from './normalization-stats';

/** IQR of a normal distribution in standard deviations (2 × 0.6745). */
const IQR_PER_SIGMA = 1.349;

/** Which rows to fit on and how. */
export interface FitOptions {
  /** Training span [from, to) of row indices. */
  readonly from: number;
  readonly to: number;
  /** Per row: nonzero = leave the row out (e.g. label flags, warm-up). Length = table rows. */
  readonly exclude?: ArrayLike<number>;
  /** Method for every feature not named in `methods` (default 'robust'). */
  readonly method?: ScalingMethod;
  readonly methods?: Readonly<Record<string, ScalingMethod>>;
  /** Clip outputs to [−clip, clip] (default null: no clipping). */
  readonly clip?: number | null;
}

/** Linear-interpolation quantile (type 7) of the first n values of a sorted array. */
function quantile(sorted: Float64Array, n: number, q: number): number {
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (b - a) * (pos - lo);
}

/** Population standard deviation of the first n values about their mean. */
function standardDeviation(values: Float64Array, n: number, mean: number): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}

function scaleOf(
  name: string,
  method: ScalingMethod,
  values: Float64Array,
  n: number,
): FeatureScale {
  if (method === 'identity') return { name, method, center: 0, scale: 1, status: 'ok', count: n };
  if (n === 0) return { name, method, center: 0, scale: 1, status: 'empty', count: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  const std = standardDeviation(values, n, mean);
  if (method === 'standard') {
    return std > 0
      ? { name, method, center: mean, scale: std, status: 'ok', count: n }
      : { name, method, center: mean, scale: 1, status: 'constant', count: n };
  }
  const sorted = values.subarray(0, n).sort();
  const median = quantile(sorted, n, 0.5);
  const iqr = quantile(sorted, n, 0.75) - quantile(sorted, n, 0.25);
  if (iqr > 0) {
    return { name, method, center: median, scale: iqr / IQR_PER_SIGMA, status: 'ok', count: n };
  }
  return std > 0
    ? { name, method, center: median, scale: std, status: 'iqr-zero', count: n }
    : { name, method, center: median, scale: 1, status: 'constant', count: n };
}

/** Fits one scale per column of `table` on rows [from, to) not excluded. Never mutates input. */
export function fitNormalization(table: FeatureTable, options: FitOptions): NormalizationStats {
  const { from, to, exclude } = options;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > table.length) {
    throw new RangeError(`training span [${from}, ${to}) is outside rows [0, ${table.length})`);
  }
  if (to <= from) throw new RangeError(`training span [${from}, ${to}) is empty`);
  if (exclude !== undefined && exclude.length !== table.length) {
    throw new RangeError(`exclude has ${exclude.length} rows, the table ${table.length}`);
  }
  const clip = options.clip ?? null;
  if (clip !== null && !(clip > 0 && Number.isFinite(clip))) {
    throw new RangeError(`clip must be a positive finite number or null, got ${clip}`);
  }
  for (const name of Object.keys(options.methods ?? {})) {
    if (!table.names.includes(name))
      throw new RangeError(`methods names unknown feature '${name}'`);
  }
  let used = 0;
  for (let i = from; i < to; i++) if (exclude === undefined || exclude[i] === 0) used++;

  const scratch = new Float64Array(to - from);
  const features = table.names.map((name, j): FeatureScale => {
    const column = table.columns[j];
    if (column === undefined) throw new RangeError(`no column for feature '${name}'`);
    let n = 0;
    for (let i = from; i < to; i++) {
      if (exclude !== undefined && exclude[i] !== 0) continue;
      const x = column[i] as number;
      if (Number.isFinite(x)) scratch[n++] = x;
    }
    return scaleOf(name, options.methods?.[name] ?? options.method ?? 'robust', scratch, n);
  });
  return freezeStats({
    format: NORMALIZATION_FORMAT,
    version: NORMALIZATION_VERSION,
    fittedRows: { from, to, used },
    clip,
    features,
  });
}
