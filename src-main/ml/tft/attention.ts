/**
 * Interpretable multi-head self-attention (TFT paper, eqs. 13–16).
 *
 * Unlike standard multi-head attention, all heads share one value projection and the head
 * outputs are averaged rather than concatenated. Each head then differs only in *where* it
 * looks, so the head-averaged attention matrix is a faithful importance map over past time
 * steps. A causal mask keeps position t from attending to t' > t (no lookahead).
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

/** Attention output. */
export interface AttentionOutput {
  /** [batch, time, dModel] */
  output: tf.Tensor;
  /** Head-averaged attention [batch, time(query), time(key)]; rows sum to 1. */
  weights: tf.Tensor;
  /** Per-head attention [batch, numHeads, time, time]. */
  headWeights: tf.Tensor;
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

/** Additive mask [time, time]: 0 on and below the diagonal, MASK_LOGIT above it. */
export function causalMask(time: number): tf.Tensor2D {
  return tf.tidy(() => {
    const lower = tf.linalg.bandPart(tf.ones([time, time]), -1, 0);
    // (lower − 1)·|MASK_LOGIT| rather than (1 − lower)·MASK_LOGIT so allowed cells are +0, not −0.
    return lower.sub(1).mul(-MASK_LOGIT) as tf.Tensor2D;
  });
}

/** Causal interpretable multi-head self-attention over `x` of shape [batch, time, dModel]. */
export function interpretableAttention(x: tf.Tensor3D, p: AttentionParams): AttentionOutput {
  const { numHeads, dModel } = p.config;
  const time = x.shape[1];
  return tf.tidy(() => {
    const scale = 1 / Math.sqrt(dModel / numHeads);
    const mask = causalMask(time);
    const v = dense(x, p.value) as tf.Tensor3D;
    const attns: tf.Tensor3D[] = [];
    const heads: tf.Tensor3D[] = [];
    for (let h = 0; h < numHeads; h += 1) {
      const q = dense(x, p.queries[h]!) as tf.Tensor3D;
      const k = dense(x, p.keys[h]!) as tf.Tensor3D;
      const logits = tf.matMul(q, k, false, true).mul(scale).add(mask);
      const attn = tf.softmax(logits) as tf.Tensor3D;
      attns.push(attn);
      heads.push(tf.matMul(attn, v));
    }
    const headWeights = tf.stack(attns, 1);
    const weights = headWeights.mean(1);
    const output = dense(tf.stack(heads, 0).mean(0), p.output);
    return { output, weights, headWeights };
  });
}
