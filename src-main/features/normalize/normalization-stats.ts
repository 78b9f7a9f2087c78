/**
 * Normalisation statistics: what was fitted, on which rows, and how to read it back. The JSON
 * form carries the feature names and a format version so that stats are never applied to
 * columns they were not fitted on, and a later format change is refused loudly.
 */
import { z } from 'zod';

/** Tag of a stats file, so another JSON file is not mistaken for one. */
export const NORMALIZATION_FORMAT = 'nqh.normalization';
/** Format version; bump on any change in meaning, and old files are refused. */
export const NORMALIZATION_VERSION = 1;

/**
 * - `robust`: (x − median) / (IQR / 1.349); for a normal distribution IQR / 1.349 = σ, so
 *   the output reads like a z-score while one fat-tailed day cannot stretch the scale.
 * - `standard`: (x − mean) / std.
 * - `identity`: x unchanged (one-hot flags, sin/cos, values already in [−1, 1]).
 */
export type ScalingMethod = 'robust' | 'standard' | 'identity';

/**
 * - `ok`: fitted as asked.
 * - `iqr-zero`: robust, but over half the values are equal (a sparse feature), so the IQR is
 *   0; the scale falls back to the standard deviation (the centre stays the median).
 * - `constant`: every value in the span is equal; applying yields 0 for any non-NaN value.
 * - `empty`: no usable value in the span; applying yields 0 for any non-NaN value.
 */
export type ScaleStatus = 'ok' | 'iqr-zero' | 'constant' | 'empty';

/** The affine map of one feature: (x − center) / scale. */
export interface FeatureScale {
  readonly name: string;
  readonly method: ScalingMethod;
  readonly center: number;
  readonly scale: number;
  readonly status: ScaleStatus;
  /** Values the statistics were computed from (finite, in the span, not excluded). */
  readonly count: number;
}

/** Fitted statistics of every feature of a table, in column order. */
export interface NormalizationStats {
  readonly format: typeof NORMALIZATION_FORMAT;
  readonly version: typeof NORMALIZATION_VERSION;
  /** Training span [from, to) of table rows, and how many rows in it were not excluded. */
  readonly fittedRows: { readonly from: number; readonly to: number; readonly used: number };
  /** Outputs are clipped to [−clip, clip]; null = no clipping. */
  readonly clip: number | null;
  readonly features: readonly FeatureScale[];
}

/** Stats that do not fit the data, or a stats file that cannot be read. */
export class NormalizationError extends Error {
  override readonly name = 'NormalizationError';
}

const finite = z.number().refine(Number.isFinite, 'must be finite');

const statsSchema = z.object({
  format: z.literal(NORMALIZATION_FORMAT),
  version: z.literal(NORMALIZATION_VERSION),
  fittedRows: z.object({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    used: z.number().int().nonnegative(),
  }),
  clip: finite.refine((c) => c > 0, 'must be positive').nullable(),
  features: z.array(
    z.object({
      name: z.string().min(1),
      method: z.enum(['robust', 'standard', 'identity']),
      center: finite,
      scale: finite.refine((s) => s > 0, 'must be positive'),
      status: z.enum(['ok', 'iqr-zero', 'constant', 'empty']),
      count: z.number().int().nonnegative(),
    }),
  ),
});

/** Freezes stats deeply, so nothing downstream can refit them in place. */
export function freezeStats(stats: NormalizationStats): NormalizationStats {
  for (const f of stats.features) Object.freeze(f);
  Object.freeze(stats.features);
  Object.freeze(stats.fittedRows);
  return Object.freeze(stats);
}

/** Stats as JSON text (every number round-trips exactly). */
export function serializeNormalization(stats: NormalizationStats): string {
  return JSON.stringify(stats, null, 2);
}

/** Reads stats from JSON text; throws `NormalizationError` on any other format or version. */
export function parseNormalization(json: string): NormalizationStats {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new NormalizationError(`normalization stats are not JSON: ${(e as Error).message}`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== NORMALIZATION_VERSION) {
    throw new NormalizationError(
      `normalization stats version ${String(version)} is not supported (expected ${NORMALIZATION_VERSION})`,
    );
  }
  const parsed = statsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new NormalizationError(`invalid normalization stats at '${where}': ${issue?.message}`);
  }
  const names = new Set(parsed.data.features.map((f) => f.name));
  if (names.size !== parsed.data.features.length) {
    throw new NormalizationError('normalization stats name a feature twice');
  }
  return freezeStats(parsed.data);
}
