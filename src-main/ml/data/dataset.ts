/**
 * The pattern model's samples: one row per 5-minute decision bar, features joined with the
 * labels and targets of the same bar (DOMAIN.md, "Labels for the pattern model").
 *
 * Static covariates (`static.*` features) become category indices; every other feature is
 * a continuous temporal input, normalised per fold with statistics fitted on that fold's
 * training rows only (`foldInputs`). Rows keep Asia and warm-up bars as context; `lossMask`
 * says which rows may enter a loss or a metric.
 */
import type { FeatureMatrix } from '../../features/feature-set';
import {
  FLAG_ASIA,
  FLAG_WARMUP,
  LABEL_UNKNOWN,
  type LabelColumns,
} from '../../features/labels/label-columns';
import { featureTable } from '../../features/normalize/feature-table';
import { fitNormalization } from '../../features/normalize/fit-normalization';
import { Normalizer } from '../../features/normalize/apply-normalization';
import type { NormalizationStats } from '../../features/normalize/normalization-stats';
import { tradeDateOf } from '@shared/calendar/session';

/** Static covariates and their category counts (index = value; see static-covariates.ts). */
export const STATIC_INPUTS: ReadonlyArray<{ name: string; cardinality: number }> = [
  { name: 'static.dow', cardinality: 7 },
  { name: 'static.session', cardinality: 4 },
  { name: 'static.volRegime', cardinality: 3 },
];

/** Clip of normalised inputs (robust z-scores): a crash bar stays large but bounded. */
export const INPUT_CLIP = 8;

export interface SampleSet {
  readonly length: number;
  readonly featureSetVersion: string;
  readonly temporalNames: readonly string[];
  /** Raw temporal columns (normalised per fold by `foldInputs`). */
  readonly temporalColumns: readonly Float64Array[];
  /** [length × numStatic] category indices. */
  readonly statics: Int32Array;
  readonly time: Float64Array;
  readonly decisionTime: Float64Array;
  readonly horizonEnd: Float64Array;
  readonly tradeDate: readonly string[];
  /** Decision bar close (entry) and stop distance, for the UI and the baselines. */
  readonly close: Float64Array;
  readonly labels: Int8Array;
  /** 1 = the row's label may enter the loss and metrics (known, outside Asia, warmed up). */
  readonly lossMask: Uint8Array;
  /** [length × horizons] close-to-close changes in points (NaN when undefined). */
  readonly targets: Float32Array;
  readonly horizons: readonly number[];
  /** 1 = every target of the row is finite (and the row is in lossMask). */
  readonly targetMask: Uint8Array;
  /**
   * The row's volatility unit: the stop distance (1.5 × the median 5-minute range of the
   * last 24 bars, known at the decision). Quantile targets are learnt in this unit, so a
   * forecast's width follows the market's current volatility instead of the training
   * span's average; NaN during warm-up.
   */
  readonly rowScale: Float64Array;
}

/** Joins features and labels on the 5-minute bar start; both must come from the same bars. */
export function buildSampleSet(features: FeatureMatrix, labels: LabelColumns): SampleSet {
  const n = features.length;
  if (labels.length < n) {
    throw new Error(`labels cover ${labels.length} bars, features ${n}: not the same series`);
  }
  for (let i = 0; i < n; i++) {
    if (features.time[i] !== labels.time[i]) {
      throw new Error(`features and labels disagree at row ${i}: not the same 5-minute bars`);
    }
  }
  const staticIndex = STATIC_INPUTS.map(({ name }) => {
    const j = features.names.indexOf(name);
    if (j < 0) throw new Error(`feature set has no static input '${name}'`);
    return j;
  });
  const temporalIdx = features.names.map((_, j) => j).filter((j) => !staticIndex.includes(j));
  const ns = STATIC_INPUTS.length;
  const statics = new Int32Array(n * ns);
  STATIC_INPUTS.forEach(({ cardinality }, s) => {
    const col = features.columns[staticIndex[s] as number] as Float64Array;
    for (let i = 0; i < n; i++) {
      const v = Math.round(col[i] as number);
      statics[i * ns + s] = v >= 0 && v < cardinality ? v : 0;
    }
  });
  const h = labels.targetHorizons.length;
  const targets = new Float32Array(n * h);
  const lossMask = new Uint8Array(n);
  const targetMask = new Uint8Array(n);
  const tradeDate: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const flags = labels.flags[i] as number;
    const ok =
      labels.label[i] !== LABEL_UNKNOWN &&
      (flags & (FLAG_ASIA | FLAG_WARMUP)) === 0 &&
      features.warmup[i] === 0;
    lossMask[i] = ok ? 1 : 0;
    const unit = labels.stop[i] as number;
    let finite = ok && Number.isFinite(unit) && unit > 0;
    for (let k = 0; k < h; k++) {
      const v = (labels.targets[k] as Float64Array)[i] as number;
      targets[i * h + k] = v;
      if (!Number.isFinite(v)) finite = false;
    }
    targetMask[i] = finite ? 1 : 0;
    tradeDate[i] = tradeDateOf(labels.time[i] as number) ?? '';
  }
  return {
    length: n,
    featureSetVersion: features.version,
    temporalNames: temporalIdx.map((j) => features.names[j] as string),
    temporalColumns: temporalIdx.map((j) => features.columns[j] as Float64Array),
    statics,
    time: labels.time.slice(0, n),
    decisionTime: labels.decisionTime.slice(0, n),
    horizonEnd: labels.horizonEnd.slice(0, n),
    tradeDate,
    close: labels.entry.slice(0, n),
    labels: labels.label.slice(0, n),
    lossMask,
    targets,
    horizons: [...labels.targetHorizons],
    targetMask,
    rowScale: labels.stop.slice(0, n),
  };
}

/** Per-horizon scale (robust σ) of target / rowScale, fitted on training rows. */
export function fitTargetScale(set: SampleSet, from: number, to: number): number[] {
  const h = set.horizons.length;
  return set.horizons.map((_, k) => {
    const vals: number[] = [];
    for (let i = from; i < to; i++) {
      if (set.targetMask[i] === 1) {
        vals.push((set.targets[i * h + k] as number) / (set.rowScale[i] as number));
      }
    }
    if (vals.length < 10) return 1;
    vals.sort((a, b) => a - b);
    const q = (p: number): number => vals[Math.floor(p * (vals.length - 1))] as number;
    const s = (q(0.75) - q(0.25)) / 1.349;
    return s > 0 ? s : 1;
  });
}

/** Model inputs of one fold: normalised temporal rows and scaled targets. */
export interface FoldInputs {
  /** [length × numTemporal] normalised, clipped, float32. */
  readonly temporal: Float32Array;
  /** [length × horizons] targets / scale (0 where undefined; see targetMask). */
  readonly targets: Float32Array;
  readonly normalization: NormalizationStats;
  readonly targetScale: readonly number[];
}

/** Fits normalisation and target scale on rows [trainFrom, trainTo) and applies them to all rows. */
export function foldInputs(set: SampleSet, trainFrom: number, trainTo: number): FoldInputs {
  const table = featureTable(set.temporalNames, set.temporalColumns);
  const exclude = new Uint8Array(set.length);
  for (let i = 0; i < set.length; i++) exclude[i] = set.lossMask[i] === 1 ? 0 : 1;
  const normalization = fitNormalization(table, {
    from: trainFrom,
    to: trainTo,
    exclude,
    clip: INPUT_CLIP,
  });
  const targetScale = fitTargetScale(set, trainFrom, trainTo);
  return {
    temporal: normalizeRows(set, normalization),
    targets: scaleTargets(set, targetScale),
    normalization,
    targetScale,
  };
}

/** Normalised temporal inputs of every row (NaN → 0: the warm-up rows are masked anyway). */
export function normalizeRows(set: SampleSet, stats: NormalizationStats): Float32Array {
  const normalizer = new Normalizer(stats, set.temporalNames);
  const m = set.temporalNames.length;
  const out = new Float32Array(set.length * m);
  for (let j = 0; j < m; j++) {
    const col = set.temporalColumns[j] as Float64Array;
    for (let i = 0; i < set.length; i++) {
      const v = normalizer.value(j, col[i] as number);
      out[i * m + j] = Number.isFinite(v) ? v : 0;
    }
  }
  return out;
}

/** Targets divided by the row's unit and the horizon's scale (0 where undefined). */
export function scaleTargets(set: SampleSet, scale: readonly number[]): Float32Array {
  const h = set.horizons.length;
  const out = new Float32Array(set.length * h);
  for (let i = 0; i < set.length; i++) {
    for (let k = 0; k < h; k++) {
      const v = set.targets[i * h + k] as number;
      const unit = (set.rowScale[i] as number) * (scale[k] as number);
      out[i * h + k] = Number.isFinite(v) && unit > 0 ? v / unit : 0;
    }
  }
  return out;
}
