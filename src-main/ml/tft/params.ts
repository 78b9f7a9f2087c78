/**
 * Weight containers and primitive ops shared by the Temporal Fusion Transformer blocks.
 *
 * Design choice: the TFT blocks are plain functions over `tf.Tensor` with explicit
 * `tf.Variable` weights instead of `tf.layers`. The blocks take 3-D and 4-D inputs, optional
 * context tensors and return auxiliary outputs (selection and attention weights), which fit
 * awkwardly into the symbolic single-output Layer API; explicit variables also make
 * `tf.variableGrads`, finite-difference checks and leak accounting direct, and keep weight
 * layout under our control for serialisation later.
 */
import * as tf from '@tensorflow/tfjs';

/** Affine map `x·w + b` applied over the last axis. */
export interface DenseParams {
  w: tf.Variable;
  b?: tf.Variable;
}

/** Layer-normalisation gain and bias over the last axis. */
export interface LayerNormParams {
  gamma: tf.Variable;
  beta: tf.Variable;
}

/** Deterministic seed source so that parameter initialisation is reproducible. */
export class SeedSequence {
  private current: number;

  constructor(seed: number) {
    this.current = seed;
  }

  /** Returns the next seed. */
  next(): number {
    this.current += 1;
    return this.current;
  }
}

/**
 * Wraps an initial value in a variable and disposes the initial tensor: the variable holds
 * its own reference to the data, and the initialiser would otherwise stay alive as a leak.
 */
function variableFrom(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** Glorot-uniform weights and zero bias (bias omitted when `bias` is false). */
export function createDense(
  inDim: number,
  outDim: number,
  seeds: SeedSequence,
  bias = true,
): DenseParams {
  const limit = Math.sqrt(6 / (inDim + outDim));
  const w = variableFrom(tf.randomUniform([inDim, outDim], -limit, limit, 'float32', seeds.next()));
  return bias ? { w, b: variableFrom(tf.zeros([outDim])) } : { w };
}

/** Unit gain, zero bias. */
export function createLayerNorm(dim: number): LayerNormParams {
  return { gamma: variableFrom(tf.ones([dim])), beta: variableFrom(tf.zeros([dim])) };
}

/** Applies a dense map over the last axis of a tensor of any rank ≥ 1. */
export function dense(x: tf.Tensor, p: DenseParams): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const inDim = shape[shape.length - 1]!;
    const outDim = p.w.shape[1]!;
    // matMul is 2-D here; flattening the leading axes avoids per-rank special cases.
    let y = tf.matMul(x.reshape([-1, inDim]), p.w);
    if (p.b) y = y.add(p.b);
    return y.reshape([...shape.slice(0, -1), outDim]);
  });
}

/** Layer normalisation over the last axis. */
export function layerNorm(x: tf.Tensor, p: LayerNormParams, epsilon = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).div(variance.add(epsilon).sqrt()).mul(p.gamma).add(p.beta);
  });
}

/**
 * Adds singleton axes after the batch axis until `c` has the rank of `x`, so a per-sample
 * context [batch, d] broadcasts over time steps (and variables) of `x`.
 */
export function broadcastContext(c: tf.Tensor, rank: number): tf.Tensor {
  let out = c;
  while (out.rank < rank) out = out.expandDims(1);
  return out;
}

/** Collects every `tf.Variable` reachable from a parameter object (for grads and disposal). */
export function collectVariables(params: unknown): tf.Variable[] {
  const out: tf.Variable[] = [];
  const walk = (node: unknown): void => {
    if (node instanceof tf.Variable) out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(params);
  return out;
}

/** Disposes every variable in a parameter object. */
export function disposeParams(params: unknown): void {
  for (const v of collectVariables(params)) v.dispose();
}
