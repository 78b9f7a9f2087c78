/**
 * What the pattern model shows the renderer: predictions with their interpretability
 * read-outs, training progress, and the registry's models with their walk-forward metrics.
 * Main produces these (ML worker → model service); the renderer draws them.
 */
import { z } from 'zod';

const finite = z.number().finite();

/** P10/P50/P90 of the close-to-close change over one horizon, in points. */
export const QuantileBandSchema = z.object({
  /** Horizon in 5-minute bars (1, 3, 6, 12). */
  horizon: z.number().int().positive(),
  p10: finite,
  p50: finite,
  p90: finite,
});
export type QuantileBand = z.infer<typeof QuantileBandSchema>;

/** The model's output at one 5-minute decision bar. */
export const ModelPredictionSchema = z.object({
  /** Start of the 5-minute decision bar, UTC ms (the decision is at its close). */
  time: z.number().int(),
  /** Close of the decision bar: the fan's origin. */
  close: finite,
  longProbability: finite,
  shortProbability: finite,
  noneProbability: finite,
  /** Calibrated probability of the predicted class. */
  confidence: finite,
  quantiles: z.array(QuantileBandSchema),
});
export type ModelPrediction = z.infer<typeof ModelPredictionSchema>;

/** Interpretability of one prediction (for the model panel and the decision journal). */
export const PredictionExplanationSchema = z.object({
  time: z.number().int(),
  /** Start times (UTC ms) of the lookback's 5-minute bars, oldest first. */
  barTimes: z.array(z.number().int()),
  /** [head][step] attention weights over barTimes; each row sums to 1. */
  attention: z.array(z.array(finite)),
  /** Mean over heads, per step. */
  attentionMean: z.array(finite),
  /** Temporal variable-selection weights at the decision bar, by feature, sum 1. */
  temporalImportance: z.array(z.object({ name: z.string(), weight: finite })),
  /** Static variable-selection weights, sum 1. */
  staticImportance: z.array(z.object({ name: z.string(), weight: finite })),
});
export type PredictionExplanation = z.infer<typeof PredictionExplanationSchema>;

/** Metrics of one forecaster on one test fold (as `nqh train --json` prints them). */
export const ForecastMetricsSchema = z.object({
  n: z.number().int(),
  auc_long: z.number(),
  auc_short: z.number(),
  logloss: z.number(),
  brier: z.number(),
  coverage_p10_p90: z.number().nullable(),
});
export type ForecastMetricsView = z.infer<typeof ForecastMetricsSchema>;

export const FoldSummarySchema = z.object({
  fold: z.number().int(),
  testDates: z.tuple([z.string(), z.string()]),
  model: ForecastMetricsSchema,
  priors: ForecastMetricsSchema,
  logistic: ForecastMetricsSchema,
});
export type FoldSummary = z.infer<typeof FoldSummarySchema>;

/** A model in the registry. */
export const ModelSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  shipped: z.boolean(),
  active: z.boolean(),
  featureSetVersion: z.string(),
  trainingSpan: z.object({ from: z.string(), to: z.string() }),
  folds: z.array(FoldSummarySchema),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** Training progress, pushed after every batch and at every epoch end. */
export const TrainingProgressSchema = z.object({
  runId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  fold: z.number().int(),
  folds: z.number().int(),
  epoch: z.number().int(),
  epochs: z.number().int(),
  batch: z.number().int(),
  batches: z.number().int(),
  trainLoss: z.number().nullable(),
  /** Set at epoch ends. */
  valLoss: z.number().nullable(),
  samplesPerSecond: z.number(),
  etaSeconds: z.number(),
  /** Loss curve so far: one point per finished epoch of the current fold. */
  curve: z.array(z.object({ epoch: z.number().int(), trainLoss: z.number(), valLoss: z.number() })),
  message: z.string(),
});
export type TrainingProgress = z.infer<typeof TrainingProgressSchema>;

/** The registry as the renderer sees it. */
export const ModelListSchema = z.object({
  models: z.array(ModelSummarySchema),
  /** The ML worker's TensorFlow.js backend, once it has started. */
  backend: z.string().nullable(),
  /** The training run in progress or last finished, if any. */
  training: TrainingProgressSchema.nullable(),
});
export type ModelList = z.infer<typeof ModelListSchema>;

/** A training request from the Training page. */
export const TrainingRequestSchema = z
  .object({
    /** The stored 1-minute bars, or the seeded synthetic market (the embedded default). */
    source: z.enum(['store', 'synthetic']),
    from: z
      .string()
      .regex(/^\d{4}-\d\d-\d\d$/)
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d\d-\d\d$/)
      .optional(),
    syntheticDays: z.number().int().min(30).max(2000).default(120),
    lookback: z.number().int().min(8).max(400).default(200),
    dModel: z.number().int().min(4).max(64).default(16),
    numHeads: z.number().int().min(1).max(8).default(4),
    dropout: z.number().min(0).max(0.5).default(0.1),
    encoder: z.enum(['conv', 'lstm']).default('conv'),
    epochs: z.number().int().min(1).max(200).default(20),
    trainDays: z.number().int().min(5).max(2000).default(60),
    valDays: z.number().int().min(2).max(200).default(10),
    testDays: z.number().int().min(2).max(200).default(10),
    maxFolds: z.number().int().min(1).max(50).default(1),
  })
  .strict()
  .refine((r) => r.dModel % r.numHeads === 0, 'hidden size must be a multiple of the heads');
export type TrainingRequest = z.input<typeof TrainingRequestSchema>;

/** Predictions of the active model over the running feed. */
export const PredictionsSchema = z.object({
  modelId: z.string().nullable(),
  label: z.string(),
  predictions: z.array(ModelPredictionSchema),
});
export type Predictions = z.infer<typeof PredictionsSchema>;
