/**
 * The Temporal Fusion Transformer assembled from its blocks (Lim et al. 2021, fig. 2).
 *
 * Inputs per time step: m continuous features (already normalised) and a few categorical
 * static covariates (day of week, session, volatility regime). Outputs per decision
 * position: logits of {long, short, none}, P10/P50/P90 of the close-to-close change for
 * each horizon (in target-scale units, see the dataset), attention and selection weights.
 *
 * Decision positions share work: a sequence of `time` steps yields predictions at its last
 * `queries` steps, each from exactly its own `lookback` window (attention is banded, the
 * conv encoder looks back a fixed number of steps). A prediction is therefore the same
 * function of the data whether it is computed alone (queries = 1) or among 1,000
 * neighbours, and training touches each time step once per sequence rather than once per
 * window. The price is one deviation from the paper: static covariates condition each
 * time step with the values in force at that step (they change only at session and day
 * boundaries), not with the decision step's values for the whole window.
 */
import * as tf from '@tensorflow/tfjs';
import { decisionAttention, createAttention, type AttentionParams } from './attention';
import {
  createEncoder,
  encode,
  receptiveField,
  type EncoderKind,
  type EncoderParams,
} from './encoders';
import { createGlu, createGrn, glu, grn, type GluParams, type GrnParams } from './grn';
import {
  createDense,
  createLayerNorm,
  dense,
  layerNorm,
  SeedSequence,
  type DenseParams,
  type LayerNormParams,
} from './params';
import { createScalarVsn, scalarVariableSelection, type ScalarVsnParams } from './scalar-selection';
import { createVsn, variableSelection, type VsnParams } from './variable-selection';

export const QUANTILES = [0.1, 0.5, 0.9] as const;
export const NUM_CLASSES = 3;

/** Architecture (what a saved model needs to be rebuilt). */
export interface TftConfig {
  /** Continuous time-varying inputs. */
  numTemporal: number;
  /** Category count of each static input (index 0 … count − 1). */
  staticCardinalities: number[];
  /** Steps each decision attends to (the paper's k), default 200. */
  lookback: number;
  dModel: number;
  numHeads: number;
  /** Hidden size of the per-variable GRNs. */
  varHidden: number;
  dropout: number;
  encoder: EncoderKind;
  /** Layers of the causal conv encoder (dilations 1, 2, 4, …). */
  convLayers: number;
  /** Number of quantile horizons. */
  horizons: number;
  seed: number;
}

export const DEFAULT_TFT_CONFIG: Omit<TftConfig, 'numTemporal' | 'staticCardinalities'> = {
  lookback: 200,
  dModel: 16,
  numHeads: 4,
  varHidden: 8,
  dropout: 0.1,
  encoder: 'conv',
  convLayers: 4,
  horizons: 4,
  seed: 42,
};

/** Every weight of the model. */
export interface TftParams {
  config: TftConfig;
  staticEmbeddings: tf.Variable[];
  staticVsn: VsnParams;
  contexts: { selection: GrnParams; enrichment: GrnParams; state: GrnParams; cell: GrnParams };
  temporalVsn: ScalarVsnParams;
  encoder: EncoderParams;
  encoderGate: GluParams;
  encoderNorm: LayerNormParams;
  enrichment: GrnParams;
  attention: AttentionParams;
  attentionGate: GluParams;
  attentionNorm: LayerNormParams;
  feedForward: GrnParams;
  outputGate: GluParams;
  outputNorm: LayerNormParams;
  classHead: DenseParams;
  quantileHead: DenseParams;
}

/** Creates weights, deterministically from `config.seed`. */
export function createTft(config: TftConfig): TftParams {
  const seeds = new SeedSequence(config.seed);
  const d = config.dModel;
  const dropoutRate = config.dropout;
  const ctx = (): GrnParams =>
    createGrn({ inputDim: d, hiddenDim: d, outputDim: d, dropoutRate }, seeds);
  return {
    config,
    staticEmbeddings: config.staticCardinalities.map((n) =>
      tf.tidy(() => tf.variable(tf.randomUniform([n, d], -0.5, 0.5, 'float32', seeds.next()))),
    ),
    staticVsn: createVsn(
      { numVariables: config.staticCardinalities.length, dModel: d, dropoutRate },
      seeds,
    ),
    contexts: { selection: ctx(), enrichment: ctx(), state: ctx(), cell: ctx() },
    temporalVsn: createScalarVsn(
      {
        numVariables: config.numTemporal,
        dModel: d,
        varHidden: config.varHidden,
        contextDim: d,
        dropoutRate,
      },
      seeds,
    ),
    encoder: createEncoder(config.encoder, d, seeds, config.convLayers),
    encoderGate: createGlu(d, d, seeds),
    encoderNorm: createLayerNorm(d),
    enrichment: createGrn(
      { inputDim: d, hiddenDim: d, outputDim: d, contextDim: d, dropoutRate },
      seeds,
    ),
    attention: createAttention({ dModel: d, numHeads: config.numHeads }, seeds),
    attentionGate: createGlu(d, d, seeds),
    attentionNorm: createLayerNorm(d),
    feedForward: ctx(),
    outputGate: createGlu(d, d, seeds),
    outputNorm: createLayerNorm(d),
    classHead: createDense(d, NUM_CLASSES, seeds),
    quantileHead: createDense(d, config.horizons * QUANTILES.length, seeds),
  };
}

/** Steps before the first query that a sequence must hold (lookback and encoder history). */
export function historySteps(p: TftParams): number {
  return p.config.lookback - 1 + (receptiveField(p.encoder) - 1);
}

/** One forward pass's inputs. */
export interface TftInput {
  /** [batch, time, numTemporal] normalised continuous inputs. */
  temporal: tf.Tensor3D;
  /** [batch, time, numStatic] category indices (int32). */
  statics: tf.Tensor3D;
  /** Decision positions: the last `queries` steps of each sequence. */
  queries: number;
  /** Attention query block (divides queries); 1 when attention weights are wanted. */
  block?: number;
  training?: boolean;
  seed?: number;
  /** Return per-head attention over each window (needs block = 1). */
  withAttention?: boolean;
  /** Skip the attention-entropy regulariser (inference: it is only a training term). */
  skipEntropy?: boolean;
}

/** Outputs at the decision positions (a type alias, so tf.tidy accepts it as a container). */
export type TftOutput = {
  /** [batch, queries, 3] class logits (long, short, none). */
  logits: tf.Tensor3D;
  /** [batch, queries, horizons, 3] P10/P50/P90, non-crossing by construction. */
  quantiles: tf.Tensor4D;
  /** Mean normalised attention entropy (the regulariser's input). */
  attentionEntropy: tf.Scalar;
  /** [batch, queries, numTemporal] temporal variable-selection weights at the decision step. */
  temporalWeights: tf.Tensor3D;
  /** [batch, queries, numStatic] static variable-selection weights. */
  staticWeights: tf.Tensor3D;
  /** [batch, queries, heads, lookback] when asked for. */
  attention?: tf.Tensor4D;
};

function lastSteps<T extends tf.Tensor>(x: T, steps: number): T {
  const shape = x.shape;
  const begin = shape.map((_, i) => (i === 1 ? (shape[1] as number) - steps : 0));
  const size = shape.map((s, i) => (i === 1 ? steps : (s as number)));
  return x.slice(begin, size) as T;
}

/** Per-step encodings: everything before attention (a function of each step's own history). */
export type TftEncoding = {
  /** [batch, time, d] statically enriched temporal features (attention keys and values). */
  theta: tf.Tensor3D;
  /** [batch, time, d] gated encoder output (the output skip connection). */
  phi: tf.Tensor3D;
  /** [batch, time, numTemporal] and [batch, time, numStatic] selection weights. */
  temporalWeights: tf.Tensor3D;
  staticWeights: tf.Tensor3D;
};

/**
 * Static covariate encoders, variable selection, temporal encoder and static enrichment over
 * every step of `temporal` [batch, time, m]. With the conv encoder, step t's outputs depend
 * on steps t − 15 … t only, so they can be computed once and cached (see LiveTft).
 */
export function tftEncode(
  p: TftParams,
  temporal: tf.Tensor3D,
  statics: tf.Tensor3D,
  options: { training?: boolean; seed?: number } = {},
): TftEncoding {
  const [batch, time, m] = temporal.shape;
  const d = p.config.dModel;
  if (m !== p.config.numTemporal)
    throw new Error(`tftForward: ${m} temporal inputs, model has ${p.config.numTemporal}`);
  const opts = { training: options.training === true, seed: options.seed };
  return tf.tidy(() => {
    const n = batch * time;
    const ns = p.config.staticCardinalities.length;
    // Static covariate encoders → four context vectors per step.
    const staticFlat = statics.reshape([n, ns]).toInt();
    // One-hot × table rather than gather: gather's gradient (UnsortedSegmentSum) has no
    // wasm kernel, and the tables are tiny.
    const embedded = tf.stack(
      p.staticEmbeddings.map((table, j) =>
        tf.matMul(
          tf.oneHot(staticFlat.slice([0, j], [n, 1]).reshape([n]), table.shape[0] as number),
          table,
        ),
      ),
      1,
    );
    const staticSel = variableSelection(embedded, p.staticVsn, undefined, opts);
    const zeta = staticSel.output as tf.Tensor2D;
    const cs = grn(zeta, p.contexts.selection, undefined, opts) as tf.Tensor2D;
    const ce = grn(zeta, p.contexts.enrichment, undefined, opts);
    const ch = grn(zeta, p.contexts.state, undefined, opts);

    // Temporal variable selection, conditioned on the selection context.
    const vsn = scalarVariableSelection(temporal.reshape([n, m]), p.temporalVsn, cs, opts);
    const xi = vsn.output.reshape([batch, time, d]) as tf.Tensor3D;

    // Temporal encoder and its gated skip connection.
    let encoded: tf.Tensor3D;
    if (p.encoder.kind === 'conv') {
      encoded = encode(xi.add(ch.reshape([batch, time, d])) as tf.Tensor3D, p.encoder);
    } else {
      const cc = grn(zeta, p.contexts.cell, undefined, opts);
      const h0 = ch
        .reshape([batch, time, d])
        .slice([0, time - 1, 0], [batch, 1, d])
        .reshape([batch, d]);
      const c0 = cc
        .reshape([batch, time, d])
        .slice([0, time - 1, 0], [batch, 1, d])
        .reshape([batch, d]);
      encoded = encode(xi, p.encoder, h0 as tf.Tensor2D, c0 as tf.Tensor2D);
    }
    const phi = layerNorm(xi.add(glu(encoded, p.encoderGate)), p.encoderNorm) as tf.Tensor3D;
    const theta = grn(phi.reshape([n, d]), p.enrichment, ce, opts).reshape([
      batch,
      time,
      d,
    ]) as tf.Tensor3D;
    return {
      theta,
      phi,
      temporalWeights: vsn.weights.reshape([batch, time, m]) as tf.Tensor3D,
      staticWeights: staticSel.weights.reshape([batch, time, ns]) as tf.Tensor3D,
    };
  });
}

/** Attention from the last `queries` steps over their windows, then the gated heads. */
export function tftDecide(
  p: TftParams,
  theta: tf.Tensor3D,
  phi: tf.Tensor3D,
  queries: number,
  block: number,
  withAttention: boolean,
  options: { training?: boolean; seed?: number; skipEntropy?: boolean } = {},
): Pick<TftOutput, 'logits' | 'quantiles' | 'attentionEntropy' | 'attention'> {
  const [batch] = theta.shape;
  const opts = { training: options.training === true, seed: options.seed };
  return tf.tidy(() => {
    const attn = decisionAttention(
      theta,
      p.attention,
      queries,
      p.config.lookback,
      block,
      withAttention,
      options.skipEntropy !== true,
    );
    const beta = layerNorm(
      lastSteps(theta, queries).add(glu(attn.output, p.attentionGate)),
      p.attentionNorm,
    );
    const psi = grn(beta, p.feedForward, undefined, opts);
    const out = layerNorm(lastSteps(phi, queries).add(glu(psi, p.outputGate)), p.outputNorm);
    const logits = dense(out, p.classHead) as tf.Tensor3D;
    const raw = dense(out, p.quantileHead).reshape([batch, queries, p.config.horizons, 3]);
    const [mid, down, up] = tf.split(raw, 3, 3) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const quantiles = tf.concat(
      [mid.sub(tf.softplus(down)), mid, mid.add(tf.softplus(up))],
      3,
    ) as tf.Tensor4D;
    const result: Pick<TftOutput, 'logits' | 'quantiles' | 'attentionEntropy' | 'attention'> = {
      logits,
      quantiles,
      attentionEntropy: attn.entropy,
    };
    if (attn.headWeights) result.attention = attn.headWeights;
    return result;
  });
}

/** The forward pass: per-step encodings, then the decisions at the last `queries` steps. */
export function tftForward(p: TftParams, input: TftInput): TftOutput {
  const { temporal, statics, queries } = input;
  const time = temporal.shape[1];
  const need = historySteps(p) + queries;
  if (time < need)
    throw new Error(`tftForward: ${time} steps, ${need} needed for ${queries} queries`);
  const opts = { training: input.training === true, seed: input.seed };
  return tf.tidy(() => {
    const enc = tftEncode(p, temporal, statics, opts);
    const out = tftDecide(
      p,
      enc.theta,
      enc.phi,
      queries,
      input.block ?? 1,
      input.withAttention === true,
      { ...opts, skipEntropy: input.skipEntropy === true },
    );
    return {
      ...out,
      temporalWeights: lastSteps(enc.temporalWeights, queries),
      staticWeights: lastSteps(enc.staticWeights, queries),
    };
  });
}
