/**
 * Gated Linear Unit and Gated Residual Network (TFT paper, eqs. 2–5).
 *
 * GRN(a, c) = LayerNorm(skip(a) + GLU(dropout(W1·ELU(W2·a + W3·c + b2) + b1))).
 * The GLU lets the network suppress the whole nonlinear branch, so a GRN can fall back to
 * (a projection of) its input when extra depth does not help.
 */
import * as tf from '@tensorflow/tfjs';
import {
  broadcastContext,
  createDense,
  createLayerNorm,
  dense,
  layerNorm,
  type DenseParams,
  type LayerNormParams,
  type SeedSequence,
} from './params';

/** GLU(x) = (x·Wa + ba) ⊙ σ(x·Wg + bg). */
export interface GluParams {
  value: DenseParams;
  gate: DenseParams;
}

/** Creates GLU weights mapping `inDim` → `outDim`. */
export function createGlu(inDim: number, outDim: number, seeds: SeedSequence): GluParams {
  return { value: createDense(inDim, outDim, seeds), gate: createDense(inDim, outDim, seeds) };
}

/** Applies a GLU over the last axis. */
export function glu(x: tf.Tensor, p: GluParams): tf.Tensor {
  return tf.tidy(() => dense(x, p.value).mul(tf.sigmoid(dense(x, p.gate))));
}

/** Dimensions of a GRN. */
export interface GrnConfig {
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  /** Size of the optional context vector (e.g. a static covariate encoding); omit for none. */
  contextDim?: number;
  dropoutRate?: number;
}

/** GRN weights. `skip` exists only when input and output sizes differ. */
export interface GrnParams {
  config: GrnConfig;
  input: DenseParams;
  context?: DenseParams;
  hidden: DenseParams;
  glu: GluParams;
  skip?: DenseParams;
  norm: LayerNormParams;
}

/** Creates GRN weights. */
export function createGrn(config: GrnConfig, seeds: SeedSequence): GrnParams {
  const { inputDim, hiddenDim, outputDim, contextDim } = config;
  const params: GrnParams = {
    config,
    input: createDense(inputDim, hiddenDim, seeds),
    hidden: createDense(hiddenDim, hiddenDim, seeds),
    glu: createGlu(hiddenDim, outputDim, seeds),
    norm: createLayerNorm(outputDim),
  };
  // The paper's W3 has no bias: b2 on the input branch already covers it.
  if (contextDim !== undefined) params.context = createDense(contextDim, hiddenDim, seeds, false);
  if (inputDim !== outputDim) params.skip = createDense(inputDim, outputDim, seeds);
  return params;
}

/** Runtime options for a forward pass. */
export interface ForwardOptions {
  /** Enables dropout. */
  training?: boolean;
  /** Dropout seed, for reproducible training steps. */
  seed?: number;
}

/**
 * Applies a GRN over the last axis of `a` ([..., inputDim] → [..., outputDim]).
 * `context` is [batch, contextDim] and is broadcast over any middle axes of `a`.
 */
export function grn(
  a: tf.Tensor,
  p: GrnParams,
  context?: tf.Tensor,
  options: ForwardOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    let pre = dense(a, p.input);
    if (context !== undefined) {
      if (p.context === undefined) throw new Error('grn: context given but GRN has no contextDim');
      pre = pre.add(broadcastContext(dense(context, p.context), a.rank));
    }
    let eta1 = dense(tf.elu(pre), p.hidden);
    const rate = p.config.dropoutRate ?? 0;
    if (options.training === true && rate > 0)
      eta1 = tf.dropout(eta1, rate, undefined, options.seed);
    const residual = p.skip ? dense(a, p.skip) : a;
    return layerNorm(residual.add(glu(eta1, p.glu)), p.norm);
  });
}
