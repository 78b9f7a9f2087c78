/**
 * Predictions over a 1-minute series for the chart and the model panel: features of every
 * 5-minute decision bar, the model over the last rows, calibrated, as the renderer's
 * `ModelPrediction`; and, for one bar, the interpretability read-out (attention per head and
 * mean over its lookback, temporal and static variable-selection weights).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelPrediction, PredictionExplanation } from '@shared/contracts/model';
import { BarColumns, type BarColumnArrays } from '@shared/market/bar-columns';
import type { PriceRoll } from '@shared/market/roll-offsets';
import { computeFeatures, FEATURE_NAMES, FEATURE_SET_VERSION } from '../../features/feature-set';
import { computeLabels } from '../../features/labels/compute-labels';
import { buildSampleSet, normalizeRows, STATIC_INPUTS, type SampleSet } from '../data/dataset';
import { loadModel, type LoadedModel } from '../registry/model-files';
import { historySteps, tftForward } from '../tft/model';
import { disposeBatch, makeBatch } from '../train/batches';
import { adaptQuantiles, calibrate, type Predictions } from '../train/calibrated';
import { predictRows } from '../train/trainer';

/** Plain arrays of 1-minute bars and the series' rolls (what crosses the worker boundary). */
export interface SeriesArrays extends BarColumnArrays {
  readonly rolls: readonly PriceRoll[];
}

/** The engine's temporal feature names (the feature set minus the static inputs). */
export const ENGINE_TEMPORAL_NAMES: readonly string[] = FEATURE_NAMES.filter(
  (n) => !STATIC_INPUTS.some((s) => s.name === n),
);

const cache = new Map<string, LoadedModel>();

/** Loads a model once per directory (the app writes every trained model to a new one). */
export function cachedModel(dir: string): LoadedModel {
  let m = cache.get(dir);
  if (!m) {
    m = loadModel(dir, {
      featureSetVersion: FEATURE_SET_VERSION,
      temporalNames: ENGINE_TEMPORAL_NAMES,
    });
    cache.set(dir, m);
  }
  return m;
}

/** Features and labels of a series, normalised with the model's statistics. */
export function prepare(
  series: SeriesArrays,
  model: LoadedModel,
): { set: SampleSet; temporal: Float32Array } {
  const bars = BarColumns.fromColumns(series);
  const set = buildSampleSet(
    computeFeatures(bars, false, series.rolls),
    computeLabels(bars, { rollTimes: series.rolls.map((r) => r.time) }),
  );
  return { set, temporal: normalizeRows(set, model.normalization) };
}

/**
 * The model over decision rows [first, set.length): raw outputs, the validation-span
 * calibration, then the online tail adjustment from targets already known. The one path
 * from a sample set to what the app, the CLI and the journal read.
 */
export async function calibratedPredictions(
  model: LoadedModel,
  set: SampleSet,
  temporal: Float32Array,
  first: number,
): Promise<Predictions> {
  const raw = await predictRows(model.params, set, temporal, first, set.length);
  return adaptQuantiles(
    calibrate(raw, model.metadata.calibration, set.rowScale),
    set.targets,
    set.horizons,
  );
}

/** Calibrated predictions for the last `last` decision bars that have a full lookback. */
export async function predictSeries(
  model: LoadedModel,
  series: SeriesArrays,
  last: number,
): Promise<ModelPrediction[]> {
  const { set, temporal } = prepare(series, model);
  const first = Math.max(historySteps(model.params), set.length - last);
  if (first >= set.length) return [];
  const pred = await calibratedPredictions(model, set, temporal, first);
  const h = set.horizons;
  const out: ModelPrediction[] = [];
  for (let i = first; i < set.length; i++) {
    const k = i - first;
    if (!Number.isFinite(pred.probs[k * 3] as number)) continue;
    out.push({
      time: set.time[i] as number,
      close: set.close[i] as number,
      longProbability: pred.probs[k * 3] as number,
      shortProbability: pred.probs[k * 3 + 1] as number,
      noneProbability: pred.probs[k * 3 + 2] as number,
      confidence: pred.confidence[k] as number,
      quantiles: h.map((horizon, j) => {
        const o = (k * h.length + j) * 3;
        return {
          horizon,
          p10: pred.quantiles[o] as number,
          p50: pred.quantiles[o + 1] as number,
          p90: pred.quantiles[o + 2] as number,
        };
      }),
    });
  }
  return out;
}

/** The read-out of the decision bar starting at `time` (or the last one when absent). */
export function explainSeries(
  model: LoadedModel,
  series: SeriesArrays,
  time: number | null,
): PredictionExplanation | null {
  const { set, temporal } = prepare(series, model);
  const p = model.params;
  const history = historySteps(p);
  let row = set.length - 1;
  if (time !== null) {
    row = -1;
    for (let i = 0; i < set.length; i++) if (set.time[i] === time) row = i;
  }
  if (row < history) return null;
  const batch = makeBatch(
    set,
    temporal,
    new Float32Array(set.length * set.horizons.length),
    [{ first: row, from: row, to: row + 1 }],
    1,
    history,
  );
  try {
    const [attention, temporalW, staticW] = tf.tidy(() => {
      const out = tftForward(p, {
        temporal: batch.temporal,
        statics: batch.statics,
        queries: 1,
        withAttention: true,
      });
      return [out.attention!, out.temporalWeights, out.staticWeights];
    });
    const heads = p.config.numHeads;
    const lookback = p.config.lookback;
    const a = attention!.dataSync();
    const rows: number[][] = [];
    for (let hd = 0; hd < heads; hd++)
      rows.push(Array.from(a.subarray(hd * lookback, (hd + 1) * lookback)));
    const mean = Array.from(
      { length: lookback },
      (_, s) => rows.reduce((acc, r) => acc + (r[s] as number), 0) / heads,
    );
    const tw = temporalW!.dataSync();
    const sw = staticW!.dataSync();
    tf.dispose([attention!, temporalW!, staticW!]);
    return {
      time: set.time[row] as number,
      barTimes: Array.from(set.time.subarray(row - lookback + 1, row + 1)),
      attention: rows,
      attentionMean: mean,
      temporalImportance: set.temporalNames.map((name, j) => ({ name, weight: tw[j] as number })),
      staticImportance: STATIC_INPUTS.map((s, j) => ({ name: s.name, weight: sw[j] as number })),
    };
  } finally {
    disposeBatch(batch);
  }
}
