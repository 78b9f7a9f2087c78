/**
 * Variable Selection Network (TFT paper, eqs. 6–8).
 *
 * Each of the m input variables arrives already embedded to `dModel`. Selection weights
 * v = softmax(GRN_v(flatten(ξ), c_s)) and the output is Σ_j v_j · GRN_j(ξ_j); the weights are
 * returned because they are the model's per-variable importance read-out.
 */
import * as tf from '@tensorflow/tfjs';
import { createGrn, grn, type ForwardOptions, type GrnParams } from './grn';
import type { SeedSequence } from './params';

/** Dimensions of a VSN. */
export interface VsnConfig {
  numVariables: number;
  dModel: number;
  /** Static context size; omit when there is no static covariate encoder. */
  contextDim?: number;
  dropoutRate?: number;
}

/** VSN weights: one GRN producing selection logits plus one GRN per variable. */
export interface VsnParams {
  config: VsnConfig;
  selector: GrnParams;
  perVariable: GrnParams[];
}

/** VSN output. */
export interface VsnOutput {
  /** [..., dModel] */
  output: tf.Tensor;
  /** [..., numVariables], sums to 1 over the last axis. */
  weights: tf.Tensor;
}

/** Creates VSN weights. */
export function createVsn(config: VsnConfig, seeds: SeedSequence): VsnParams {
  const { numVariables: m, dModel, contextDim, dropoutRate } = config;
  const selector = createGrn(
    { inputDim: m * dModel, hiddenDim: dModel, outputDim: m, contextDim, dropoutRate },
    seeds,
  );
  const perVariable = Array.from({ length: m }, () =>
    createGrn({ inputDim: dModel, hiddenDim: dModel, outputDim: dModel, dropoutRate }, seeds),
  );
  return { config, selector, perVariable };
}

/**
 * Applies the VSN to `x` of shape [batch, (time,) numVariables, dModel].
 * `context` ([batch, contextDim]) conditions only the selection weights, as in the paper.
 */
export function variableSelection(
  x: tf.Tensor,
  p: VsnParams,
  context?: tf.Tensor,
  options: ForwardOptions = {},
): VsnOutput {
  const { numVariables: m, dModel } = p.config;
  const lead = x.shape.slice(0, -2);
  if (x.shape[x.rank - 2] !== m || x.shape[x.rank - 1] !== dModel) {
    throw new Error(`variableSelection: expected [..., ${m}, ${dModel}], got [${x.shape}]`);
  }
  return tf.tidy(() => {
    const flat = x.reshape([...lead, m * dModel]);
    const weights = tf.softmax(grn(flat, p.selector, context, options));
    const parts = tf.unstack(x, x.rank - 2);
    const processed = tf.stack(
      parts.map((part, j) => grn(part, p.perVariable[j]!, undefined, options)),
      x.rank - 2,
    );
    const output = processed.mul(weights.expandDims(-1)).sum(-2);
    return { output, weights };
  });
}
