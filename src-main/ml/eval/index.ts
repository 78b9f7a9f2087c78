/**
 * Evaluation building blocks of the pattern model (pure TypeScript, no TensorFlow): metrics,
 * baselines, post-hoc calibration and purged walk-forward folds.
 */
export {
  NUM_CLASSES,
  PROB_EPS,
  aucBinary,
  brierScore,
  classMetrics,
  coverage,
  expectedCalibrationError,
  isIncluded,
  logLoss,
  pinballLoss,
  reliabilityCurve,
  type ClassMetrics,
  type Mask,
  type ReliabilityBin,
} from './metrics';
export {
  fitClassPriors,
  fitLogistic,
  logisticLogits,
  predictClassPriors,
  predictLogistic,
  softmaxRows,
  type LogisticModel,
  type LogisticOptions,
  type PriorModel,
} from './baselines';
export {
  MAX_TEMPERATURE,
  MIN_TEMPERATURE,
  applyQuantileRecalibration,
  applyTemperature,
  empiricalQuantile,
  fitQuantileRecalibration,
  fitTemperature,
  temperatureNll,
  type QuantileRecalibration,
} from './calibration';
export {
  foldCount,
  walkForwardFolds,
  type Fold,
  type IndexRange,
  type WalkForwardOptions,
} from './folds';
