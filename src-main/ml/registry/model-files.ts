/**
 * A saved pattern model is a directory:
 * - `model.json`: format, architecture config and the weight manifest (name, shape, offset);
 * - `weights.bin`: every weight as little-endian float32, in manifest order;
 * - `metadata.json`: feature-set version and names, lookback, normalisation statistics,
 *   target scales and calibration, training span, folds and their metrics, training options,
 *   backend and code version, and a label ("demo — synthetic data, not for trading").
 * Weights are plain float32 so the same files load on any backend. Loading refuses a model
 * whose feature set differs from the engine's, naming what differs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { NormalizationStats } from '../../features/normalize/normalization-stats';
import {
  parseNormalization,
  serializeNormalization,
} from '../../features/normalize/normalization-stats';
import { createTft, type TftConfig, type TftParams } from '../tft/model';
import type { Calibration } from '../train/calibrated';

export const MODEL_FORMAT = 'nqh.tft';
/** 2: quantile targets in units of the row's stop distance (v1 used points). */
export const MODEL_FORMAT_VERSION = 2;

/** What `metadata.json` holds. */
export interface ModelMetadata {
  id: string;
  label: string;
  createdAt: string;
  featureSetVersion: string;
  temporalNames: string[];
  staticNames: string[];
  horizons: number[];
  lookback: number;
  targetScale: number[];
  calibration: Calibration;
  trainingSpan: { from: string; to: string };
  dataSource: string;
  folds: unknown[];
  trainOptions: unknown;
  backend: string;
  codeVersion: string;
}

interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  config: TftConfig;
  weights: { name: string; shape: number[]; offset: number }[];
}

/** Every weight with a stable path name ("temporalVsn.hiddenW", "contexts.state.glu.gate.w"). */
export function namedWeights(p: TftParams): { name: string; variable: tf.Variable }[] {
  const out: { name: string; variable: tf.Variable }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node instanceof tf.Variable) out.push({ name: path, variable: node });
    else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}.${i}`));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k !== 'config') walk(v, path === '' ? k : `${path}.${k}`);
      }
    }
  };
  walk(p, '');
  return out;
}

/** Thrown when a model directory cannot be used (missing, corrupt or another feature set). */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** Weights and manifest of `params` (the `model.json` content and the float32 data). */
function serialiseWeights(params: TftParams): { model: ModelJson; data: Float32Array } {
  const weights = namedWeights(params);
  let offset = 0;
  const manifest = weights.map(({ name, variable }) => {
    const entry = { name, shape: [...variable.shape], offset };
    offset += variable.size;
    return entry;
  });
  const data = new Float32Array(offset);
  for (const [i, { variable }] of weights.entries()) {
    data.set(variable.dataSync() as Float32Array, (manifest[i] as { offset: number }).offset);
  }
  return {
    model: {
      format: MODEL_FORMAT,
      version: MODEL_FORMAT_VERSION,
      config: params.config,
      weights: manifest,
    },
    data,
  };
}

/** Writes `files` into `dir` atomically (a temp directory renamed into place). */
function writeDirectory(dir: string, files: Record<string, string | Buffer>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp, name), content);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

const bytesOf = (data: Float32Array): Buffer =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * A training checkpoint: the best epoch's weights so far (`model.json`, `weights.bin`,
 * `checkpoint.json` with the epoch and validation loss), replaced at every improvement.
 */
export function saveCheckpoint(
  dir: string,
  params: TftParams,
  info: { epoch: number; valLoss: number },
): void {
  const { model, data } = serialiseWeights(params);
  writeDirectory(dir, {
    'model.json': JSON.stringify(model, null, 2),
    'weights.bin': bytesOf(data),
    'checkpoint.json': JSON.stringify(info),
  });
}

/** Writes the model to `dir` atomically. */
export function saveModel(
  dir: string,
  params: TftParams,
  normalization: NormalizationStats,
  metadata: ModelMetadata,
): void {
  const { model, data } = serialiseWeights(params);
  writeDirectory(dir, {
    'model.json': JSON.stringify(model, null, 2),
    'weights.bin': bytesOf(data),
    'metadata.json': JSON.stringify(metadata, null, 2),
    'normalization.json': serializeNormalization(normalization),
  });
}

/** A loaded model. */
export interface LoadedModel {
  dir: string;
  params: TftParams;
  normalization: NormalizationStats;
  metadata: ModelMetadata;
}

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new ModelLoadError(`${path}: missing`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new ModelLoadError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** Explains how a model's feature set differs from the engine's, or null when it matches. */
export function featureSetMismatch(
  metadata: Pick<ModelMetadata, 'featureSetVersion' | 'temporalNames'>,
  engineVersion: string,
  engineNames: readonly string[],
): string | null {
  if (metadata.featureSetVersion !== engineVersion) {
    return `the model was trained on feature set '${metadata.featureSetVersion}', the engine computes '${engineVersion}'`;
  }
  const missing = metadata.temporalNames.filter((n) => !engineNames.includes(n));
  const extra = engineNames.filter((n) => !metadata.temporalNames.includes(n));
  if (missing.length + extra.length > 0) {
    return `feature names differ (model only: ${missing.join(', ') || 'none'}; engine only: ${extra.join(', ') || 'none'})`;
  }
  const at = metadata.temporalNames.findIndex((n, i) => engineNames[i] !== n);
  return at >= 0 ? `feature order differs at column ${at}` : null;
}

/**
 * Loads a model from `dir`; refuses it (ModelLoadError) when its feature set is not the
 * engine's `featureSetVersion` with the same temporal feature names in the same order.
 */
export function loadModel(
  dir: string,
  engine: { featureSetVersion: string; temporalNames: readonly string[] },
): LoadedModel {
  const model = readJson<ModelJson>(join(dir, 'model.json'));
  if (model.format !== MODEL_FORMAT || model.version !== MODEL_FORMAT_VERSION) {
    throw new ModelLoadError(`${dir}: not an ${MODEL_FORMAT} v${MODEL_FORMAT_VERSION} model`);
  }
  const metadata = readJson<ModelMetadata>(join(dir, 'metadata.json'));
  const mismatch = featureSetMismatch(metadata, engine.featureSetVersion, engine.temporalNames);
  if (mismatch !== null) {
    throw new ModelLoadError(`${dir}: refused, ${mismatch}; retrain the model on this feature set`);
  }
  let normalization: NormalizationStats;
  try {
    normalization = parseNormalization(readFileSync(join(dir, 'normalization.json'), 'utf8'));
  } catch (e) {
    throw new ModelLoadError(`${dir}/normalization.json: ${(e as Error).message}`);
  }
  const bin = readFileSync(join(dir, 'weights.bin'));
  const data = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const params = createTft(model.config);
  const byName = new Map(model.weights.map((w) => [w.name, w]));
  const weights = namedWeights(params);
  if (weights.length !== model.weights.length) {
    throw new ModelLoadError(
      `${dir}: ${model.weights.length} weights saved, the architecture has ${weights.length}`,
    );
  }
  for (const { name, variable } of weights) {
    const entry = byName.get(name);
    const size = variable.size;
    if (
      !entry ||
      entry.shape.join('x') !== variable.shape.join('x') ||
      entry.offset + size > data.length
    ) {
      throw new ModelLoadError(`${dir}: weight '${name}' is missing or has another shape`);
    }
    tf.tidy(() =>
      variable.assign(tf.tensor(data.subarray(entry.offset, entry.offset + size), variable.shape)),
    );
  }
  return { dir, params, normalization, metadata };
}
