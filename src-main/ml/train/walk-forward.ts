/**
 * Walk-forward training and evaluation: for every fold, fit normalisation on its training
 * span, train with early stopping on its validation span, calibrate on validation, and
 * score the untouched test span beside two baselines fitted on the same training span:
 * class priors, and multinomial logistic regression on the decision bar's own features.
 * The last fold's model (trained on the most recent data) is the one kept.
 */
import { join } from 'node:path';
import type { SampleSet } from '../data/dataset';
import { saveCheckpoint } from '../registry/model-files';
import { foldInputs, STATIC_INPUTS, type FoldInputs } from '../data/dataset';
import {
  fitQuantileRecalibration,
  fitTemperature,
  type QuantileRecalibration,
} from '../eval/calibration';
import {
  fitClassPriors,
  fitLogistic,
  predictClassPriors,
  predictLogistic,
} from '../eval/baselines';
import { walkForwardFolds, type Fold, type WalkForwardOptions } from '../eval/folds';
import {
  classMetrics,
  coverage,
  pinballLoss,
  reliabilityCurve,
  type ReliabilityBin,
} from '../eval/metrics';
import { createTft, DEFAULT_TFT_CONFIG, type TftConfig, type TftParams } from '../tft/model';
import { disposeParams } from '../tft/params';
import { adaptQuantiles, calibrate, type Calibration, type Predictions } from './calibrated';
import {
  DEFAULT_TRAIN_OPTIONS,
  fitFold,
  predictRows,
  type EpochProgress,
  type TrainOptions,
} from './trainer';

/** Metrics of one forecaster on one test span (names as `nqh train --json` prints them). */
export interface ForecastMetrics {
  n: number;
  auc_long: number;
  auc_short: number;
  logloss: number;
  brier: number;
  /** Mean over horizons of the P10–P90 coverage (null when the forecaster has no quantiles). */
  coverage_p10_p90: number | null;
}

export interface HorizonMetrics {
  horizon: number;
  /** Temperature and target scale only. */
  coverage_raw: number;
  /** With the validation span's tail recalibration. */
  coverage_validation: number;
  /** With it and the online tail adjustment: what the app shows. */
  coverage: number;
  pinball_p10: number;
  pinball_p50: number;
  pinball_p90: number;
  /** Coverage of the training span's unconditional P10/P90 (the climatology baseline). */
  coverage_climatology: number;
}

export interface FoldReport {
  fold: number;
  trainDates: readonly [string, string];
  valDates: readonly [string, string];
  testDates: readonly [string, string];
  samples: { train: number; val: number; test: number };
  /** Samples dropped at the boundaries: purged (label overlaps the next span), embargoed. */
  purged: { train: number; val: number };
  embargoed: { val: number; test: number };
  epochsRun: number;
  bestEpoch: number;
  samplesPerSecond: number;
  temperature: number;
  model: ForecastMetrics;
  priors: ForecastMetrics;
  logistic: ForecastMetrics;
  horizons: HorizonMetrics[];
  /** Reliability of p_long and p_short on the test span's scored rows. */
  reliabilityLong: ReliabilityBin[];
  reliabilityShort: ReliabilityBin[];
  history: { epoch: number; trainLoss: number; valLoss: number }[];
}

export interface WalkForwardProgress extends EpochProgress {
  fold: number;
  folds: number;
  /** Seconds left, extrapolated from the batches done so far. */
  etaSeconds: number;
}

export interface WalkForwardResult {
  folds: FoldReport[];
  /** The last fold's model, its normalisation and calibration (caller disposes params). */
  final: { params: TftParams; inputs: FoldInputs; calibration: Calibration; fold: Fold } | null;
  cancelled: boolean;
}

export interface WalkForwardConfig {
  model?: Partial<Omit<TftConfig, 'numTemporal' | 'staticCardinalities'>>;
  train?: Partial<TrainOptions>;
  folds: WalkForwardOptions;
  /** Only the last `maxFolds` folds (default all). */
  maxFolds?: number;
  /** Where each fold's best weights so far are checkpointed (`fold-<n>/`); none when absent. */
  checkpointDir?: string;
}

function countMask(mask: Uint8Array, from: number, to: number): number {
  let c = 0;
  for (let i = from; i < to; i++) c += mask[i] as number;
  return c;
}

function sliceMask(set: SampleSet, from: number, to: number): Uint8Array {
  return set.lossMask.subarray(from, to);
}

/** The decision bar's own normalised features (the logistic baseline's inputs). */
function rowsOf(inputs: FoldInputs, m: number, from: number, to: number): Float32Array {
  return inputs.temporal.subarray(from * m, to * m);
}

function classForecast(
  probs: Float64Array,
  set: SampleSet,
  from: number,
  to: number,
  coverageValue: number | null,
): ForecastMetrics {
  const labels = set.labels.subarray(from, to);
  const mask = sliceMask(set, from, to);
  const ok = new Uint8Array(to - from);
  for (let i = 0; i < ok.length; i++) {
    ok[i] = mask[i] === 1 && Number.isFinite(probs[i * 3] as number) ? 1 : 0;
  }
  const m = classMetrics(probs, labels, ok);
  return {
    n: m.n,
    auc_long: m.auc_long,
    auc_short: m.auc_short,
    logloss: m.logloss,
    brier: m.brier,
    coverage_p10_p90: coverageValue,
  };
}

/** Reliability curve of class `c`'s probability on scored rows from `from` on (10 bins). */
function classReliability(
  probs: Float64Array,
  set: SampleSet,
  from: number,
  c: number,
): ReliabilityBin[] {
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < probs.length / 3; i++) {
    const v = probs[i * 3 + c] as number;
    if (set.lossMask[from + i] !== 1 || !Number.isFinite(v)) continue;
    p.push(v);
    y.push(set.labels[from + i] === c ? 1 : 0);
  }
  return reliabilityCurve(p, y, 10);
}

/** Column k of a [n × h × 3] quantile array, quantile j. */
function quantileColumn(q: Float64Array, n: number, h: number, k: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = q[(i * h + k) * 3 + j] as number;
  return out;
}

/** Targets of horizon k for rows [from, to), NaN where not scored. */
function targetColumn(set: SampleSet, k: number, from: number, to: number): Float64Array {
  const h = set.horizons.length;
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    out[i - from] = set.targetMask[i] === 1 ? (set.targets[i * h + k] as number) : Number.NaN;
  }
  return out;
}

function empirical(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))] as number;
}

/** The label horizon: 50 five-minute bars (the default embargo after each boundary). */
export const DEFAULT_EMBARGO_MS = 50 * 5 * 60_000;

/** Runs the walk-forward; progress after every batch, cancellable between batches. */
export async function runWalkForward(
  set: SampleSet,
  config: WalkForwardConfig,
  onProgress: (p: WalkForwardProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<WalkForwardResult> {
  // Purged by each label's horizon end, and embargoed by the label horizon (DOMAIN.md: 50
  // five-minute bars) unless the caller chooses another embargo.
  let folds = walkForwardFolds(set.tradeDate, set.decisionTime, set.horizonEnd, {
    embargoMs: DEFAULT_EMBARGO_MS,
    ...config.folds,
  });
  if (config.maxFolds !== undefined) folds = folds.slice(-config.maxFolds);
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...config.train };
  const modelConfig: TftConfig = {
    ...DEFAULT_TFT_CONFIG,
    ...config.model,
    numTemporal: set.temporalNames.length,
    staticCardinalities: STATIC_INPUTS.map((s) => s.cardinality),
    horizons: set.horizons.length,
  };
  const m = set.temporalNames.length;
  const h = set.horizons.length;
  const reports: FoldReport[] = [];
  let final: WalkForwardResult['final'] = null;
  const started = performance.now();
  let batchesDone = 0;
  const totalBatchesGuess = { value: 0 };

  for (const fold of folds) {
    if (signal?.aborted) break;
    const inputs = foldInputs(set, fold.train.from, fold.train.to);
    const params = createTft(modelConfig);
    const fit = await fitFold(
      params,
      set,
      inputs.temporal,
      inputs.targets,
      fold.train,
      fold.val,
      options,
      (e) => {
        if (e.valLoss === undefined) batchesDone++;
        totalBatchesGuess.value = Math.max(
          totalBatchesGuess.value,
          e.batches * e.epochs * folds.length,
        );
        const elapsed = (performance.now() - started) / 1000;
        const eta =
          batchesDone > 0 ? (elapsed / batchesDone) * (totalBatchesGuess.value - batchesDone) : 0;
        onProgress({
          ...e,
          fold: folds.indexOf(fold) + 1,
          folds: folds.length,
          etaSeconds: Math.max(0, eta),
        });
      },
      signal,
      config.checkpointDir === undefined
        ? undefined
        : (epoch, valLoss) =>
            saveCheckpoint(join(config.checkpointDir!, `fold-${fold.index + 1}`), params, {
              epoch,
              valLoss,
            }),
    );
    if (fit.cancelled) {
      disposeParams(params);
      break;
    }

    // Calibration on validation.
    const val = await predictRows(params, set, inputs.temporal, fold.val.from, fold.val.to);
    const valLabels = set.labels.subarray(fold.val.from, fold.val.to);
    const valMask = new Uint8Array(valLabels.length);
    for (let i = 0; i < valMask.length; i++) {
      valMask[i] =
        set.lossMask[fold.val.from + i] === 1 && Number.isFinite(val.logits[i * 3] as number)
          ? 1
          : 0;
    }
    const temperature =
      countMask(valMask, 0, valMask.length) > 0
        ? fitTemperature(val.logits, valLabels, valMask)
        : 1;
    const uncalibrated: Calibration = {
      temperature,
      quantiles: set.horizons.map(() => ({ lowScale: 1, highScale: 1, nLow: 0, nHigh: 0 })),
      targetScale: [...inputs.targetScale],
    };
    const valPred = calibrate(val, uncalibrated, set.rowScale);
    const recal: QuantileRecalibration[] = set.horizons.map((_, k) => {
      const n = fold.val.to - fold.val.from;
      return fitQuantileRecalibration(
        quantileColumn(valPred.quantiles, n, h, k, 0),
        quantileColumn(valPred.quantiles, n, h, k, 1),
        quantileColumn(valPred.quantiles, n, h, k, 2),
        targetColumn(set, k, fold.val.from, fold.val.to),
      );
    });
    const calibration: Calibration = { ...uncalibrated, quantiles: recal };

    // Test span: model and baselines.
    const testRaw = await predictRows(params, set, inputs.temporal, fold.test.from, fold.test.to);
    const validationOnly: Predictions = calibrate(testRaw, calibration, set.rowScale);
    // Online tail adjustment from targets as they become known (no lookahead; see adaptQuantiles).
    const test = adaptQuantiles(validationOnly, set.targets, set.horizons);
    const testRawCal = calibrate(testRaw, uncalibrated, set.rowScale);
    const nTest = fold.test.to - fold.test.from;
    const horizons: HorizonMetrics[] = set.horizons.map((horizon, k) => {
      const target = targetColumn(set, k, fold.test.from, fold.test.to);
      const p10 = quantileColumn(test.quantiles, nTest, h, k, 0);
      const p50 = quantileColumn(test.quantiles, nTest, h, k, 1);
      const p90 = quantileColumn(test.quantiles, nTest, h, k, 2);
      const trainTargets: number[] = [];
      for (let i = fold.train.from; i < fold.train.to; i++) {
        if (set.targetMask[i] === 1) trainTargets.push(set.targets[i * h + k] as number);
      }
      const lo = empirical(trainTargets, 0.1);
      const hi = empirical(trainTargets, 0.9);
      const clim = coverage(
        new Float64Array(nTest).fill(lo),
        new Float64Array(nTest).fill(hi),
        target,
      );
      return {
        horizon,
        coverage_raw: coverage(
          quantileColumn(testRawCal.quantiles, nTest, h, k, 0),
          quantileColumn(testRawCal.quantiles, nTest, h, k, 2),
          target,
        ),
        coverage_validation: coverage(
          quantileColumn(validationOnly.quantiles, nTest, h, k, 0),
          quantileColumn(validationOnly.quantiles, nTest, h, k, 2),
          target,
        ),
        coverage: coverage(p10, p90, target),
        pinball_p10: pinballLoss(p10, target, 0.1),
        pinball_p50: pinballLoss(p50, target, 0.5),
        pinball_p90: pinballLoss(p90, target, 0.9),
        coverage_climatology: clim,
      };
    });
    const meanCoverage = (key: 'coverage' | 'coverage_climatology'): number =>
      horizons.reduce((a, x) => a + x[key], 0) / horizons.length;

    const trainLabels = set.labels.subarray(fold.train.from, fold.train.to);
    const trainMask = sliceMask(set, fold.train.from, fold.train.to);
    const priorsModel = fitClassPriors(trainLabels, trainMask);
    const logistic = fitLogistic(
      rowsOf(inputs, m, fold.train.from, fold.train.to),
      m,
      trainLabels,
      trainMask,
    );
    reports.push({
      fold: fold.index + 1,
      trainDates: fold.trainDates,
      valDates: fold.valDates,
      testDates: fold.testDates,
      samples: {
        train: countMask(set.lossMask, fold.train.from, fold.train.to),
        val: countMask(set.lossMask, fold.val.from, fold.val.to),
        test: countMask(set.lossMask, fold.test.from, fold.test.to),
      },
      purged: { ...fold.purged },
      embargoed: { ...fold.embargoed },
      epochsRun: fit.epochsRun,
      bestEpoch: fit.bestEpoch,
      samplesPerSecond: fit.samplesPerSecond,
      temperature,
      model: classForecast(test.probs, set, fold.test.from, fold.test.to, meanCoverage('coverage')),
      priors: classForecast(
        predictClassPriors(priorsModel, nTest),
        set,
        fold.test.from,
        fold.test.to,
        meanCoverage('coverage_climatology'),
      ),
      logistic: classForecast(
        predictLogistic(logistic, rowsOf(inputs, m, fold.test.from, fold.test.to)),
        set,
        fold.test.from,
        fold.test.to,
        null,
      ),
      horizons,
      reliabilityLong: classReliability(test.probs, set, fold.test.from, 0),
      reliabilityShort: classReliability(test.probs, set, fold.test.from, 1),
      history: fit.history,
    });
    if (final) disposeParams(final.params);
    final = { params, inputs, calibration, fold };
  }
  return { folds: reports, final, cancelled: signal?.aborted === true };
}
