/**
 * Interpretable multi-head self-attention (TFT paper, eqs. 13–16).
 *
 * Unlike standard multi-head attention, all heads share one value projection and the head
 * outputs are averaged rather than concatenated. Each head then differs only in *where* it
 * looks, so the head-averaged attention matrix is a faithful importance map over past time
 * steps. Queries are the decision positions, each attending to its own lookback window (a
 * band mask): never a later step (no lookahead), never one before the window.
 */
import * as tf from '@tensorflow/tfjs';
import { createDense, dense, type DenseParams, type SeedSequence } from './params';

/** Dimensions of the attention block. */
export interface AttentionConfig {
  dModel: number;
  numHeads: number;
}

/** Attention weights: per-head query/key maps, one shared value map, output map. */
export interface AttentionParams {
  config: AttentionConfig;
  queries: DenseParams[];
  keys: DenseParams[];
  value: DenseParams;
  output: DenseParams;
}

/** Large negative logit for masked positions; finite so softmax never sees -inf − -inf. */
const MASK_LOGIT = -1e9;

/** Creates attention weights; head size is dModel / numHeads as in the paper. */
export function createAttention(config: AttentionConfig, seeds: SeedSequence): AttentionParams {
  const { dModel, numHeads } = config;
  if (dModel % numHeads !== 0) throw new Error('createAttention: dModel % numHeads must be 0');
  const dHead = dModel / numHeads;
  const heads = (): DenseParams[] =>
    Array.from({ length: numHeads }, () => createDense(dModel, dHead, seeds));
  return {
    config,
    queries: heads(),
    keys: heads(),
    value: createDense(dModel, dHead, seeds),
    output: createDense(dHead, dModel, seeds),
  };
}

const bandCache = new Map<string, Float32Array>();

/**
 * Additive band mask [q, q + window − 1] for a block of q queries whose keys are the block
 * itself preceded by window − 1 earlier steps: query i (at key index i + window − 1) sees
 * keys i … i + window − 1, its own step and the window − 1 before it, never a later one.
 * Built in plain JS and cached by shape (it is constant), then uploaded as one tensor.
 */
export function bandMask(queries: number, window: number): tf.Tensor2D {
  const keys = queries + window - 1;
  const key = `${queries}x${window}`;
  let values = bandCache.get(key);
  if (!values) {
    values = new Float32Array(queries * keys);
    for (let i = 0; i < queries; i++) {
      for (let j = 0; j < keys; j++) {
        values[i * keys + j] = j >= i && j <= i + window - 1 ? 0 : MASK_LOGIT;
      }
    }
    if (bandCache.size > 64) bandCache.clear();
    bandCache.set(key, values);
  }
  return tf.tensor2d(values, [queries, keys]);
}

/** Output of {@link decisionAttention}. */
export interface DecisionAttentionOutput {
  /** [batch, queries, dModel] */
  output: tf.Tensor3D;
  /** Mean over queries and heads of the attention rows' entropy / log(window) (in [0, 1]); 0 when not asked for. */
  entropy: tf.Scalar;
  /** Per-head weights over each query's window, [batch, queries, numHeads, window]; only when asked. */
  headWeights?: tf.Tensor4D;
}

/**
 * Interpretable attention whose queries are the last `queries` positions of `x`
 * [batch, time, dModel], each attending to its own `window` most recent steps (itself
 * included). Queries are processed in blocks of `block` so each block's keys are only
 * block + window − 1 steps (not the whole sequence); time must be ≥ queries + window − 1.
 * Per-window head weights are returned only when `withWeights` (block must then be 1).
 */
export function decisionAttention(
  x: tf.Tensor3D,
  p: AttentionParams,
  queries: number,
  window: number,
  block: number,
  withWeights = false,
  withEntropy = true,
): DecisionAttentionOutput {
  const { numHeads, dModel } = p.config;
  const [batch, time] = x.shape;
  if (time < queries + window - 1) {
    throw new Error(`decisionAttention: ${time} steps cannot hold ${queries} queries × ${window}`);
  }
  if (queries % block !== 0) throw new Error('decisionAttention: queries % block must be 0');
  if (withWeights && block !== 1) throw new Error('decisionAttention: weights need block = 1');
  return tf.tidy(() => {
    const blocks = queries / block;
    const span = block + window - 1;
    const first = time - queries;
    const keysIn: tf.Tensor3D[] = [];
    for (let b = 0; b < blocks; b++) {
      keysIn.push(x.slice([0, first + b * block - (window - 1), 0], [batch, span, dModel]));
    }
    // [batch·blocks, span, d]: block b of sample s at row s·blocks + b.
    const kx = (blocks === 1 ? keysIn[0]! : tf.stack(keysIn, 1)).reshape([-1, span, dModel]);
    const qx = kx.slice([0, window - 1, 0], [batch * blocks, block, dModel]);
    // With one query per block every key is inside its window: no mask needed.
    const mask = block === 1 ? null : bandMask(block, window);
    const scale = 1 / Math.sqrt(dModel / numHeads);
    const v = dense(kx, p.value) as tf.Tensor3D;
    const attns: tf.Tensor3D[] = [];
    let sum: tf.Tensor | null = null;
    for (let h = 0; h < numHeads; h += 1) {
      const q = dense(qx, p.queries[h]!) as tf.Tensor3D;
      const k = dense(kx, p.keys[h]!) as tf.Tensor3D;
      const logits = tf.matMul(q, k, false, true).mul(scale);
      const attn = tf.softmax(mask ? logits.add(mask) : logits) as tf.Tensor3D;
      attns.push(attn);
      const head = tf.matMul(attn, v);
      sum = sum === null ? head : sum.add(head);
    }
    const output = dense((sum as tf.Tensor).div(numHeads), p.output).reshape([
      batch,
      queries,
      dModel,
    ]) as tf.Tensor3D;
    let entropySum: tf.Tensor = tf.scalar(0);
    if (withEntropy) {
      for (const a of attns) entropySum = entropySum.add(a.mul(a.add(1e-9).log()).sum(-1).mean());
    }
    const entropy = entropySum.div(-numHeads * Math.log(window)) as tf.Scalar;
    if (!withWeights) return { output, entropy };
    // block = 1: every row's keys are exactly its window.
    const headWeights = tf
      .stack(attns, 0)
      .reshape([numHeads, batch, queries, window])
      .transpose([1, 2, 0, 3]);
    return { output, entropy, headWeights: headWeights as tf.Tensor4D };
  });
}
