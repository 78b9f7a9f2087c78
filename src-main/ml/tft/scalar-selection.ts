/**
 * Variable selection over m scalar (continuous) inputs, computed for every variable at once.
 *
 * The paper embeds each scalar x_j linearly (ξ_j = x_j·w_j + b_j) and feeds ξ_j to its own
 * GRN. Because the embedding is linear, the GRN's first affine map collapses to another
 * per-variable affine map of the scalar (W2·(x_j·w_j + b_j) + b2 = x_j·u_j + v_j), and the
 * selector's input flatten(ξ) is an affine map of the raw vector x, so a GRN over x itself
 * spans the same functions. Both rewrites give the same model class as eqs. 6–8 with
 * fewer multiply-adds; the per-variable weights are stacked [m, ·, ·] and applied as one
 * batched matMul instead of m small ones (the generic `variableSelection` keeps the
 * per-variable loop for the few static inputs).
 */
import * as tf from '@tensorflow/tfjs';
import { createGrn, grn, type ForwardOptions, type GrnParams } from './grn';
import type { SeedSequence } from './params';

/** Dimensions of a scalar VSN. */
export interface ScalarVsnConfig {
  numVariables: number;
  dModel: number;
  /** Hidden size of each variable's GRN (the paper uses dModel; smaller is cheaper). */
  varHidden: number;
  contextDim?: number;
  dropoutRate?: number;
}

/** Stacked weights: the per-variable GRNs and the selector. */
export interface ScalarVsnParams {
  config: ScalarVsnConfig;
  /** Linear embedding ξ_j = x_j·embedW_j + embedB_j: [m, 1, dModel] each. */
  embedW: tf.Variable;
  embedB: tf.Variable;
  /** Collapsed first layer x_j·u_j + v_j: [m, 1, varHidden]. */
  u: tf.Variable;
  v: tf.Variable;
  /** Hidden layer [m, varHidden, varHidden] and bias [m, 1, varHidden]. */
  hiddenW: tf.Variable;
  hiddenB: tf.Variable;
  /** GLU value and gate maps [m, varHidden, dModel] and biases [m, 1, dModel]. */
  valueW: tf.Variable;
  valueB: tf.Variable;
  gateW: tf.Variable;
  gateB: tf.Variable;
  /** Per-variable layer norm [m, 1, dModel]. */
  gamma: tf.Variable;
  beta: tf.Variable;
  selector: GrnParams;
}

function uniform(shape: number[], fanIn: number, fanOut: number, seeds: SeedSequence): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() =>
    tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seeds.next())),
  );
}

function constant(shape: number[], value: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value)));
}

/** Creates scalar-VSN weights. */
export function createScalarVsn(config: ScalarVsnConfig, seeds: SeedSequence): ScalarVsnParams {
  const { numVariables: m, dModel: d, varHidden: h, contextDim, dropoutRate } = config;
  return {
    config,
    embedW: uniform([m, 1, d], 1, d, seeds),
    embedB: constant([m, 1, d], 0),
    u: uniform([m, 1, h], 1, h, seeds),
    v: constant([m, 1, h], 0),
    hiddenW: uniform([m, h, h], h, h, seeds),
    hiddenB: constant([m, 1, h], 0),
    valueW: uniform([m, h, d], h, d, seeds),
    valueB: constant([m, 1, d], 0),
    gateW: uniform([m, h, d], h, d, seeds),
    gateB: constant([m, 1, d], 0),
    gamma: constant([m, 1, d], 1),
    beta: constant([m, 1, d], 0),
    selector: createGrn(
      { inputDim: m, hiddenDim: d, outputDim: m, contextDim, dropoutRate },
      seeds,
    ),
  };
}

/** Output: [n, dModel] and selection weights [n, m] summing to 1 per row. */
export interface ScalarVsnOutput {
  output: tf.Tensor2D;
  weights: tf.Tensor2D;
}

/**
 * Applies the VSN to `x` [n, m] (rows are time steps of any number of sequences, flattened)
 * with an optional per-row context [n, contextDim].
 */
export function scalarVariableSelection(
  x: tf.Tensor2D,
  p: ScalarVsnParams,
  context?: tf.Tensor2D,
  options: ForwardOptions = {},
): ScalarVsnOutput {
  const m = p.config.numVariables;
  if (x.shape[1] !== m)
    throw new Error(`scalarVariableSelection: expected [n, ${m}], got [${x.shape}]`);
  return tf.tidy(() => {
    const weights = tf.softmax(grn(x, p.selector, context, options)) as tf.Tensor2D;
    const xt = x.transpose().expandDims(2); // [m, n, 1]
    const embedded = xt.mul(p.embedW).add(p.embedB); // ξ: [m, n, d]
    const pre = tf.elu(xt.mul(p.u).add(p.v)); // [m, n, h]
    let hidden = tf.matMul(pre, p.hiddenW).add(p.hiddenB);
    const rate = p.config.dropoutRate ?? 0;
    if (options.training === true && rate > 0)
      hidden = tf.dropout(hidden, rate, undefined, options.seed);
    // Two matMuls rather than one fused map and a split: the split and its gradient (a
    // concat) cost more on wasm than the second matMul's dispatch.
    const value = tf.matMul(hidden, p.valueW).add(p.valueB); // [m, n, d]
    const gate = tf.matMul(hidden, p.gateW).add(p.gateB);
    const summed = embedded.add(value.mul(tf.sigmoid(gate)));
    const { mean, variance } = tf.moments(summed, -1, true);
    const normed = summed.sub(mean).div(variance.add(1e-5).sqrt()).mul(p.gamma).add(p.beta);
    const output = normed.mul(weights.transpose().expandDims(2)).sum(0) as tf.Tensor2D; // [n, d]
    return { output, weights };
  });
}
