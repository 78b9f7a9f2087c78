/**
 * Temporal encoders over the lookback: the paper's LSTM and a causal-convolution stack.
 *
 * Causal convolution: layer l sees h(t) and h(t − 2^l) (kernel 2, dilation 2^l) through a
 * GLU with a residual and layer norm, so 4 layers reach 16 steps back. Output at t depends
 * on inputs t−15..t only, never on later steps, and does not depend on where a sequence was
 * cut (given 15 steps of history): that is what lets overlapping windows share one pass.
 * The shift is a slice plus zero padding and the kernel a dense map on the concatenation,
 * which every backend (wasm included) can differentiate.
 *
 * LSTM: a standard cell unrolled over the window, initial state from the static context
 * (the paper's c_h, c_c). Its state depends on the whole window, so windows cannot share
 * work; it is kept as the paper's reference encoder and measured against the convolution.
 */
import * as tf from '@tensorflow/tfjs';
import { createGlu, glu, type GluParams } from './grn';
import {
  createDense,
  createLayerNorm,
  dense,
  layerNorm,
  type DenseParams,
  type LayerNormParams,
  type SeedSequence,
} from './params';

export type EncoderKind = 'conv' | 'lstm';

/** Causal-convolution stack weights. */
export interface ConvEncoderParams {
  kind: 'conv';
  dilations: number[];
  layers: { glu: GluParams; norm: LayerNormParams }[];
}

/** LSTM weights: input and recurrent maps to the four gates (i, f, g, o). */
export interface LstmEncoderParams {
  kind: 'lstm';
  input: DenseParams;
  recurrent: DenseParams;
}

export type EncoderParams = ConvEncoderParams | LstmEncoderParams;

/** Steps of history a conv stack needs before its first fully-informed output. */
export function receptiveField(p: EncoderParams): number {
  return p.kind === 'conv' ? 1 + p.dilations.reduce((a, b) => a + b, 0) : 1;
}

/** Creates an encoder of the given kind for width `d`. */
export function createEncoder(
  kind: EncoderKind,
  d: number,
  seeds: SeedSequence,
  convLayers = 4,
): EncoderParams {
  if (kind === 'lstm') {
    return {
      kind,
      input: createDense(d, 4 * d, seeds),
      recurrent: createDense(d, 4 * d, seeds, false),
    };
  }
  const dilations = Array.from({ length: convLayers }, (_, l) => 2 ** l);
  return {
    kind,
    dilations,
    layers: dilations.map(() => ({ glu: createGlu(2 * d, d, seeds), norm: createLayerNorm(d) })),
  };
}

/** x shifted `k` steps later along time (zeros enter at the start): y(t) = x(t − k). */
function shift(x: tf.Tensor3D, k: number): tf.Tensor3D {
  const [b, t, d] = x.shape;
  if (k >= t) return tf.zeros([b, t, d]);
  return tf.concat([tf.zeros([b, k, d]), x.slice([0, 0, 0], [b, t - k, d])], 1);
}

/**
 * Runs the encoder over `x` [batch, time, d]. For the LSTM, `h0` and `c0` ([batch, d]) are
 * the initial state; the conv stack ignores them (its static context is added to x).
 */
export function encode(
  x: tf.Tensor3D,
  p: EncoderParams,
  h0?: tf.Tensor2D,
  c0?: tf.Tensor2D,
): tf.Tensor3D {
  return tf.tidy(() => {
    if (p.kind === 'conv') {
      let h = x;
      p.layers.forEach((layer, l) => {
        const both = tf.concat([h, shift(h, p.dilations[l] as number)], 2);
        h = layerNorm(h.add(glu(both, layer.glu)), layer.norm) as tf.Tensor3D;
      });
      return h;
    }
    const [b, time, d] = x.shape;
    const gatesIn = dense(x, p.input) as tf.Tensor3D; // all steps' input part at once
    let h = h0 ?? tf.zeros([b, d]);
    let c = c0 ?? tf.zeros([b, d]);
    const outs: tf.Tensor2D[] = [];
    for (let t = 0; t < time; t++) {
      const g = gatesIn
        .slice([0, t, 0], [b, 1, 4 * d])
        .reshape([b, 4 * d])
        .add(dense(h, p.recurrent));
      const [i, f, gg, o] = tf.split(g, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      c = tf
        .sigmoid(f)
        .mul(c)
        .add(tf.sigmoid(i).mul(tf.tanh(gg)));
      h = tf.sigmoid(o).mul(tf.tanh(c));
      outs.push(h as tf.Tensor2D);
    }
    return tf.stack(outs, 1) as tf.Tensor3D;
  });
}
