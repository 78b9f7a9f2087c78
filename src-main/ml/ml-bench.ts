/**
 * Pattern-model figures for `nqh bench`, at the default config (lookback 200, d 16, 4 heads,
 * conv encoder) on the active backend: training samples/s (decision samples, each with its
 * full 200-bar window, forward + backward + Adam), batch prediction sequences/s, single-bar
 * inference latency p50/p99 (one decision, one window), and the LSTM encoder's training
 * samples/s beside the convolution's (why conv is the default).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';
import {
  createTft,
  DEFAULT_TFT_CONFIG,
  historySteps,
  tftForward,
  type TftConfig,
} from './tft/model';
import { collectVariables, disposeParams } from './tft/params';
import { DEFAULT_TRAIN_OPTIONS } from './train/trainer';
import { existsSync } from 'node:fs';
import { BarColumns } from '@shared/market/bar-columns';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { LiveTft } from './predict/live-tft';
import { cachedModel, predictSeries } from './predict/series-predict';

const NUM_TEMPORAL = 82;
const STATIC = [7, 4, 3];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function inputs(batch: number, time: number): { x: tf.Tensor3D; s: tf.Tensor3D } {
  return {
    x: tf.randomNormal([batch, time, NUM_TEMPORAL], 0, 1, 'float32', 1) as tf.Tensor3D,
    s: tf.zeros([batch, time, STATIC.length], 'int32') as tf.Tensor3D,
  };
}

/** Training samples/s over `steps` steps after one warm-up step. */
function trainingRate(
  config: TftConfig,
  batch: number,
  queries: number,
  block: number,
  steps: number,
): number {
  const p = createTft(config);
  const { x, s } = inputs(batch, historySteps(p) + queries);
  const labels = tf.zeros([batch * queries], 'int32');
  const variables = collectVariables(p);
  const opt = tf.train.adam(1e-3);
  const step = (): void => {
    const cost = opt.minimize(
      () =>
        tf.tidy(() => {
          const out = tftForward(p, {
            temporal: x,
            statics: s,
            queries,
            block,
            training: true,
            seed: 1,
          });
          const ce = tf.losses.softmaxCrossEntropy(
            tf.oneHot(labels, 3),
            out.logits.reshape([batch * queries, 3]),
          );
          return ce
            .add(out.quantiles.square().mean())
            .add(out.attentionEntropy.mul(0.1)) as tf.Scalar;
        }),
      true,
      variables,
    );
    cost?.dataSync();
    cost?.dispose();
  };
  step();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const seconds = (performance.now() - t0) / 1000;
  opt.dispose();
  tf.dispose([x, s, labels]);
  disposeParams(p);
  return (batch * queries * steps) / seconds;
}

/**
 * What the app does today after each 5-minute close (`ModelService.refresh`, in its ML
 * worker): features of every minute it holds, then the model's calibrated predictions for
 * the last 300 decisions. Timed with the shipped demo model over `days` of synthetic
 * minutes (the feed holds 5 days by default): the first call, then the median of 5.
 */
async function appPerClose(modelDir: string, days: number): Promise<Record<string, number>> {
  const start = Date.UTC(2024, 0, 2);
  const bars = new BarColumns(days * 1_500);
  new SyntheticMarket({ seed: 11, start }).fill(bars, start + days * 86_400_000);
  const series = { ...bars.toColumns(), rolls: [] };
  const model = cachedModel(modelDir);
  const ms: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await predictSeries(model, series, 300);
    ms.push(performance.now() - t);
  }
  const warm = ms.slice(1).sort((a, b) => a - b);
  return {
    minutes: bars.length,
    first_ms: Math.round(ms[0] as number),
    median_ms: Math.round(warm[2] as number),
  };
}

export async function benchModel(demoModelDir?: string): Promise<Record<string, unknown>> {
  const backend = await initBackend();
  const config: TftConfig = {
    ...DEFAULT_TFT_CONFIG,
    numTemporal: NUM_TEMPORAL,
    staticCardinalities: STATIC,
  };
  const o = DEFAULT_TRAIN_OPTIONS;
  const train = trainingRate(config, o.batchChunks, o.chunkQueries, o.block, 4);
  const lstm = trainingRate({ ...config, encoder: 'lstm' }, 32, 1, 1, 2);

  const p = createTft(config);
  // Batch prediction: chunks of 1,024 decisions.
  const batchQueries = 1024;
  const big = inputs(1, historySteps(p) + batchQueries);
  const predictOnce = (): void =>
    tf.tidy(() => {
      tftForward(p, {
        temporal: big.x,
        statics: big.s,
        queries: batchQueries,
        block: 128,
      }).logits.dataSync();
    });
  predictOnce();
  const t0 = performance.now();
  const rounds = 4;
  for (let i = 0; i < rounds; i++) predictOnce();
  const batchRate = (batchQueries * rounds) / ((performance.now() - t0) / 1000);
  tf.dispose([big.x, big.s]);

  // Single-bar live inference with LiveTft: a bar closes, its step is encoded from the 16
  // rows ending at it and cached, the decision attends over the cached window. (The app does
  // not use this path yet: it recomputes its last 300 decisions per close; see the README.)
  const live = new LiveTft(p);
  const rows = live.rowsPerPush;
  const stepX = new Float32Array(rows * NUM_TEMPORAL).map((_, i) => Math.sin(i));
  const stepS = new Int32Array(rows * STATIC.length);
  for (let i = 0; i < config.lookback; i++) live.push(stepX, stepS);
  const latencies: number[] = [];
  for (let i = 0; i < 530; i++) {
    const t = performance.now();
    live.push(stepX, stepS);
    live.predict(true);
    if (i >= 30) latencies.push(performance.now() - t);
  }
  // The same decision recomputed from the whole window (no cache), for reference.
  const one = inputs(1, historySteps(p) + 1);
  const full: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    tf.tidy(() => {
      const out = tftForward(p, {
        temporal: one.x,
        statics: one.s,
        queries: 1,
        withAttention: true,
      });
      out.logits.dataSync();
      out.quantiles.dataSync();
      out.attention?.dataSync();
    });
    if (i >= 10) full.push(performance.now() - t);
  }
  full.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  tf.dispose([one.x, one.s]);
  disposeParams(p);
  const app =
    demoModelDir !== undefined && existsSync(demoModelDir)
      ? {
          app_predictions_per_close_5_days: await appPerClose(demoModelDir, 5),
          app_predictions_per_close_30_days: await appPerClose(demoModelDir, 30),
        }
      : { app_predictions_per_close: 'skipped: no shipped demo model' };
  return {
    backend: backend.name,
    config: {
      lookback: config.lookback,
      d_model: config.dModel,
      heads: config.numHeads,
      encoder: config.encoder,
    },
    training_samples_per_second: Math.round(train),
    training_samples_per_second_lstm_encoder: Math.round(lstm),
    batch_prediction_sequences_per_second: Math.round(batchRate),
    single_bar_latency_ms_p50: Number(quantile(latencies, 0.5).toFixed(2)),
    single_bar_latency_ms_p99: Number(quantile(latencies, 0.99).toFixed(2)),
    single_bar_full_window_ms_p50: Number(quantile(full, 0.5).toFixed(2)),
    ...app,
    goals: {
      training_samples_per_second: 2000,
      single_bar_p99_ms: 10,
      batch_sequences_per_second: 5000,
    },
  };
}
