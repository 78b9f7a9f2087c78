/**
 * Training and prediction loops for one fold.
 *
 * Loss = focal loss (γ = 2, class weights from the training span) + pinball loss over
 * P10/P50/P90 of every horizon + 0.1 × attention entropy. The attention regulariser is the
 * mean entropy of the attention rows (normalised to [0, 1] by log of the window): it pulls
 * attention towards a few bars, so the heatmap a trader reads says which bars mattered
 * rather than spreading evenly over 200 (an even spread explains nothing). 0.1 keeps it a
 * tie-breaker next to the two prediction losses.
 *
 * Optimiser: Adam, linear warm-up over the first 5% of steps, cosine decay to 10% of the
 * peak rate, gradients clipped to a global norm; early stopping on validation loss with the
 * best epoch's weights restored. Everything is seeded (weights, dropout, epoch offsets).
 */
import * as tf from '@tensorflow/tfjs';
import type { SampleSet } from '../data/dataset';
import { focalLoss, pinballLoss } from '../tft/losses';
import { historySteps, QUANTILES, tftForward, type TftParams } from '../tft/model';
import { collectVariables } from '../tft/params';
import { disposeBatch, makeBatch, tileSpan, type Batch, type Chunk } from './batches';

export const ATTENTION_REGULARISER = 0.1;

/** Training options (defaults in DEFAULT_TRAIN_OPTIONS). */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** Early stopping patience in epochs. */
  patience: number;
  clipNorm: number;
  /** Decisions per sequence and sequences per batch. */
  chunkQueries: number;
  batchChunks: number;
  /** Attention query block. */
  block: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 20,
  learningRate: 3e-3,
  patience: 4,
  clipNorm: 1,
  // One sequence of 2,048 decisions per step: 90% of its steps are decisions (the rest is
  // the first window's history), measured faster on wasm than 2 × 1,024 (83%).
  chunkQueries: 2048,
  batchChunks: 1,
  block: 128,
  seed: 7,
};

/** Progress of one fold's training (the worker adds fold numbers). */
export interface EpochProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  trainLoss: number;
  samplesPerSecond: number;
  /** Set at the end of an epoch. */
  valLoss?: number;
}

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  history: { epoch: number; trainLoss: number; valLoss: number }[];
  samplesPerSecond: number;
  cancelled: boolean;
}

/** Adam whose rate the schedule sets before each step. */
class ScheduledAdam extends tf.AdamOptimizer {
  setRate(rate: number): void {
    this.learningRate = rate;
  }
}

/** Inverse-frequency class weights over the span's masked rows, mean 1 over classes present. */
export function classWeights(set: SampleSet, from: number, to: number): number[] {
  const counts = [0, 0, 0];
  for (let i = from; i < to; i++) {
    if (set.lossMask[i] === 1) counts[set.labels[i] as number]! += 1;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? total / (present * c) : 0));
}

function scheduleRate(step: number, total: number, peak: number): number {
  const warm = Math.max(1, Math.round(total * 0.05));
  if (step < warm) return (peak * (step + 1)) / warm;
  const t = (step - warm) / Math.max(1, total - warm);
  return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
}

/** Loss of a batch (scalar tensor) and its parts. */
function batchLoss(
  p: TftParams,
  batch: Batch,
  queries: number,
  block: number,
  weights: readonly number[],
  training: boolean,
  seed: number,
): tf.Scalar {
  return tf.tidy(() => {
    const out = tftForward(p, {
      temporal: batch.temporal,
      statics: batch.statics,
      queries,
      block,
      training,
      seed,
    });
    const rows = batch.labels.shape[0];
    const probs = tf.softmax(out.logits.reshape([rows, 3])) as tf.Tensor2D;
    const focal = focalLoss(probs, batch.labels, { classWeights: weights, mask: batch.classMask });
    const q = out.quantiles.reshape([rows, p.config.horizons, QUANTILES.length]);
    const pinball = pinballLoss(batch.targets, q, QUANTILES, batch.targetMask);
    return focal.add(pinball).add(out.attentionEntropy.mul(ATTENTION_REGULARISER)) as tf.Scalar;
  });
}

/** Mean loss over a span (no dropout), weighted by the rows each batch scores. */
export function evaluateLoss(
  p: TftParams,
  set: SampleSet,
  temporal: Float32Array,
  targets: Float32Array,
  from: number,
  to: number,
  options: TrainOptions,
  weights: readonly number[],
): number {
  const history = historySteps(p);
  const chunks = tileSpan(from, to, options.chunkQueries, history, set.length);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < chunks.length; i += options.batchChunks) {
    const group = chunks.slice(i, i + options.batchChunks);
    const batch = makeBatch(set, temporal, targets, group, options.chunkQueries, history);
    if (batch.weighted > 0) {
      const loss = batchLoss(p, batch, options.chunkQueries, options.block, weights, false, 0);
      sum += (loss.dataSync()[0] as number) * batch.weighted;
      count += batch.weighted;
      loss.dispose();
    }
    disposeBatch(batch);
  }
  return count > 0 ? sum / count : Number.NaN;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Yields to the event loop so a cancel message can arrive between batches. */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains `p` on decision rows [train.from, train.to), early-stopping on [val.from, val.to).
 * `temporal` and `targets` are the fold's normalised inputs and scaled targets.
 */
export async function fitFold(
  p: TftParams,
  set: SampleSet,
  temporal: Float32Array,
  targets: Float32Array,
  train: { from: number; to: number },
  val: { from: number; to: number },
  options: TrainOptions,
  onProgress: (e: EpochProgress) => void = () => {},
  signal?: AbortSignal,
  onBest?: (epoch: number, valLoss: number) => void,
): Promise<FitResult> {
  const history = historySteps(p);
  const weights = classWeights(set, train.from, train.to);
  const variables = collectVariables(p);
  const optimizer = new ScheduledAdam(options.learningRate, 0.9, 0.999, 1e-7);
  const rand = seeded(options.seed);
  const perEpoch = Math.ceil(
    tileSpan(train.from, train.to, options.chunkQueries, history, set.length).length /
      options.batchChunks,
  );
  const totalSteps = Math.max(1, perEpoch * options.epochs);
  let best = Infinity;
  let bestEpoch = -1;
  let bestWeights: tf.Tensor[] | null = null;
  const historyOut: FitResult['history'] = [];
  let step = 0;
  let samples = 0;
  let seconds = 0;
  let cancelled = false;
  try {
    for (let epoch = 0; epoch < options.epochs && !cancelled; epoch++) {
      const offset = Math.floor(rand() * options.chunkQueries);
      const chunks = shuffle(
        tileSpan(train.from, train.to, options.chunkQueries, history, set.length, offset),
        rand,
      );
      const batches = Math.ceil(chunks.length / options.batchChunks);
      let lossSum = 0;
      let lossCount = 0;
      for (let b = 0; b < batches; b++) {
        if (signal?.aborted) {
          cancelled = true;
          break;
        }
        const group: Chunk[] = chunks.slice(b * options.batchChunks, (b + 1) * options.batchChunks);
        const batch = makeBatch(set, temporal, targets, group, options.chunkQueries, history);
        const t0 = performance.now();
        optimizer.setRate(scheduleRate(step, totalSteps, options.learningRate));
        const seed = options.seed * 100_003 + step;
        const { value, grads } = tf.variableGrads(
          () => batchLoss(p, batch, options.chunkQueries, options.block, weights, true, seed),
          variables,
        );
        const clipped = clipByGlobalNorm(grads, options.clipNorm);
        (optimizer as tf.Optimizer).applyGradients(clipped);
        const loss = value.dataSync()[0] as number;
        tf.dispose([value, ...Object.values(grads), ...Object.values(clipped)]);
        seconds += (performance.now() - t0) / 1000;
        samples += group.length * options.chunkQueries;
        disposeBatch(batch);
        step++;
        if (Number.isFinite(loss)) {
          lossSum += loss;
          lossCount++;
        }
        onProgress({
          epoch: epoch + 1,
          epochs: options.epochs,
          batch: b + 1,
          batches,
          trainLoss: lossCount > 0 ? lossSum / lossCount : Number.NaN,
          samplesPerSecond: seconds > 0 ? samples / seconds : 0,
        });
        await yieldTurn();
      }
      if (cancelled) break;
      const valLoss = evaluateLoss(p, set, temporal, targets, val.from, val.to, options, weights);
      const trainLoss = lossCount > 0 ? lossSum / lossCount : Number.NaN;
      historyOut.push({ epoch: epoch + 1, trainLoss, valLoss });
      onProgress({
        epoch: epoch + 1,
        epochs: options.epochs,
        batch: batches,
        batches,
        trainLoss,
        samplesPerSecond: seconds > 0 ? samples / seconds : 0,
        valLoss,
      });
      if (valLoss < best || bestWeights === null) {
        best = valLoss;
        bestEpoch = epoch + 1;
        if (bestWeights) tf.dispose(bestWeights);
        bestWeights = variables.map((v) => v.clone());
        onBest?.(bestEpoch, valLoss);
      } else if (epoch + 1 - bestEpoch >= options.patience) {
        break;
      }
      await yieldTurn();
    }
  } finally {
    if (bestWeights) {
      variables.forEach((v, i) => v.assign(bestWeights![i] as tf.Tensor));
      tf.dispose(bestWeights);
    }
    optimizer.dispose();
  }
  return {
    epochsRun: historyOut.length,
    bestEpoch,
    bestValLoss: best,
    history: historyOut,
    samplesPerSecond: seconds > 0 ? samples / seconds : 0,
    cancelled,
  };
}

/** Scales all gradients by min(1, maxNorm / ‖g‖₂) over their concatenation. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const sq = names.map((k) => (grads[k] as tf.Tensor).square().sum());
    const norm = tf.addN(sq).sqrt();
    const scale = tf.minimum(tf.scalar(1), tf.scalar(maxNorm).div(norm.add(1e-12)));
    const out: tf.NamedTensorMap = {};
    for (const k of names) out[k] = (grads[k] as tf.Tensor).mul(scale);
    return out;
  });
}

/** Raw model outputs for rows [from, to): NaN where a row lacks a full lookback. */
export interface RawPredictions {
  from: number;
  to: number;
  /** [(to − from) × 3] logits. */
  logits: Float32Array;
  /** [(to − from) × horizons × 3] quantiles in scaled target units. */
  quantiles: Float32Array;
}

/** Predicts decision rows [from, to) in chunks of `queries`. */
export async function predictRows(
  p: TftParams,
  set: SampleSet,
  temporal: Float32Array,
  from: number,
  to: number,
  queries = 512,
  block = 128,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<RawPredictions> {
  const history = historySteps(p);
  const h = p.config.horizons;
  const n = to - from;
  const logits = new Float32Array(n * 3).fill(Number.NaN);
  const quantiles = new Float32Array(n * h * 3).fill(Number.NaN);
  const q = Math.min(queries, Math.max(1, set.length - history));
  const blk = q % block === 0 ? block : 1;
  const chunks = tileSpan(from, to, q, history, set.length);
  const dummyTargets = new Float32Array(set.length * set.horizons.length);
  for (let c = 0; c < chunks.length; c++) {
    if (signal?.aborted) throw new Error('cancelled');
    const chunk = chunks[c] as Chunk;
    const batch = makeBatch(set, temporal, dummyTargets, [chunk], q, history);
    const [l, qs] = tf.tidy(() => {
      const out = tftForward(p, {
        temporal: batch.temporal,
        statics: batch.statics,
        queries: q,
        block: blk,
        skipEntropy: true,
      });
      return [out.logits, out.quantiles];
    });
    const lv = l!.dataSync();
    const qv = qs!.dataSync();
    tf.dispose([l!, qs!]);
    disposeBatch(batch);
    for (let row = chunk.from; row < chunk.to; row++) {
      const k = row - chunk.first;
      logits.set(lv.subarray(k * 3, k * 3 + 3), (row - from) * 3);
      quantiles.set(qv.subarray(k * h * 3, (k + 1) * h * 3), (row - from) * h * 3);
    }
    onProgress?.(c + 1, chunks.length);
    if ((c & 3) === 3) await yieldTurn();
  }
  return { from, to, logits, quantiles };
}
