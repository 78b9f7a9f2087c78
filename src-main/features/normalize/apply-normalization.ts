/**
 * Applies fitted normalisation statistics to rows; never refits. The same `Normalizer` maps
 * a whole table (batch) or one row at a time (streaming), so both give identical numbers.
 * NaN stays NaN: a missing value is the model layer's business (mask or flag), and an
 * imputed 0 here would look like a typical value.
 */
import { featureTable, type FeatureTable } from './feature-table';
import { NormalizationError, type NormalizationStats } from './normalization-stats';

/** Explains how two name lists differ, or returns null when they are equal. */
function nameMismatch(expected: readonly string[], actual: readonly string[]): string | null {
  const missing = expected.filter((n) => !actual.includes(n));
  const extra = actual.filter((n) => !expected.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing from the data: ${missing.join(', ')}`);
    if (extra.length > 0) parts.push(`not in the stats: ${extra.join(', ')}`);
    return parts.join('; ');
  }
  const at = expected.findIndex((n, j) => actual[j] !== n);
  if (at < 0) return null;
  return `same features in another order (column ${at}: stats '${expected[at]}', data '${actual[at]}')`;
}

/** Compiled stats for a known column order. */
export class Normalizer {
  readonly names: readonly string[];
  private readonly center: Float64Array;
  /** 1 / scale, or 0 for constant and empty features (which then map to 0). */
  private readonly inverse: Float64Array;
  private readonly clip: number;

  /** Compiles `stats` for data whose columns are `names`; throws when they differ. */
  constructor(stats: NormalizationStats, names: readonly string[]) {
    const mismatch = nameMismatch(
      stats.features.map((f) => f.name),
      names,
    );
    if (mismatch !== null) {
      throw new NormalizationError(`normalization stats do not fit these features: ${mismatch}`);
    }
    this.names = [...names];
    this.center = Float64Array.from(stats.features, (f) => f.center);
    this.inverse = Float64Array.from(stats.features, (f) =>
      f.status === 'constant' || f.status === 'empty' ? 0 : 1 / f.scale,
    );
    this.clip = stats.clip ?? Infinity;
  }

  /** Normalised value of feature j. */
  value(j: number, x: number): number {
    const inverse = this.inverse[j] as number;
    // A feature that never varied in training has no learnt weight worth feeding: exact +0.
    if (inverse === 0) return Number.isNaN(x) ? Number.NaN : 0;
    const y = (x - (this.center[j] as number)) * inverse;
    return y > this.clip ? this.clip : y < -this.clip ? -this.clip : y;
  }

  /** Streaming: normalises one row (values in column order) into `out`. */
  row(values: ArrayLike<number>, out: Float32Array | Float64Array): void {
    if (values.length !== this.names.length || out.length < values.length) {
      throw new RangeError(`row has ${values.length} values, expected ${this.names.length}`);
    }
    for (let j = 0; j < values.length; j++) out[j] = this.value(j, values[j] as number);
  }

  /** Batch: a new table of Float32 columns, rows [from, to) of `table` (default all). */
  table(table: FeatureTable, from = 0, to = table.length): FeatureTable {
    const mismatch = nameMismatch(this.names, table.names);
    if (mismatch !== null) {
      throw new NormalizationError(`normalization stats do not fit these features: ${mismatch}`);
    }
    if (from < 0 || to > table.length || to < from) {
      throw new RangeError(`rows [${from}, ${to}) are outside [0, ${table.length})`);
    }
    const columns = table.columns.map((src, j) => {
      const dst = new Float32Array(to - from);
      for (let i = from; i < to; i++) dst[i - from] = this.value(j, src[i] as number);
      return dst;
    });
    return featureTable(table.names, columns);
  }
}

/** Applies `stats` to every row of `table` (a new table; inputs untouched). */
export function applyNormalization(stats: NormalizationStats, table: FeatureTable): FeatureTable {
  return new Normalizer(stats, table.names).table(table);
}
