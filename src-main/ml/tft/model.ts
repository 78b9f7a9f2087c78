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

/** The forward pass. */
export function tftForward(p: TftParams, input: TftInput): TftOutput {
  const { temporal, statics, queries } = input;
  const [batch, time, m] = temporal.shape;
  const d = p.config.dModel;
  const need = historySteps(p) + queries;
  if (time < need)
    throw new Error(`tftForward: ${time} steps, ${need} needed for ${queries} queries`);
  if (m !== p.config.numTemporal)
    throw new Error(`tftForward: ${m} temporal inputs, model has ${p.config.numTemporal}`);
  const opts = { training: input.training === true, seed: input.seed };
  return tf.tidy(() => {
    const n = batch * time;
    // Static covariate encoders → four context vectors per step.
    const staticFlat = statics.reshape([n, p.config.staticCardinalities.length]).toInt();
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

    // Static enrichment, then attention from the decision positions over their windows.
    const theta = grn(phi.reshape([n, d]), p.enrichment, ce, opts).reshape([
      batch,
      time,
      d,
    ]) as tf.Tensor3D;
    const attn = decisionAttention(
      theta,
      p.attention,
      queries,
      p.config.lookback,
      input.block ?? 1,
      input.withAttention === true,
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

    const result: TftOutput = {
      logits,
      quantiles,
      attentionEntropy: attn.entropy,
      temporalWeights: lastSteps(vsn.weights.reshape([batch, time, m]) as tf.Tensor3D, queries),
      staticWeights: lastSteps(
        staticSel.weights.reshape([
          batch,
          time,
          p.config.staticCardinalities.length,
        ]) as tf.Tensor3D,
        queries,
      ),
    };
    if (attn.headWeights) result.attention = attn.headWeights;
    return result;
  });
}
