import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureTable } from '../../features/normalize/feature-table';
import { fitNormalization } from '../../features/normalize/fit-normalization';
import {
  createTft,
  DEFAULT_TFT_CONFIG,
  historySteps,
  tftForward,
  type TftParams,
} from '../tft/model';
import { disposeParams } from '../tft/params';
import { setupBackend, values } from '../tft/test-helpers';
import {
  loadModel,
  ModelLoadError,
  saveCheckpoint,
  saveModel,
  type ModelMetadata,
} from './model-files';
import { ModelRegistry } from './registry';

const NAMES = ['a', 'b', 'c', 'd'];
let dir: string;
let params: TftParams;

function metadata(id: string, createdAt = '2026-01-01T00:00:00Z'): ModelMetadata {
  return {
    id,
    label: 'test',
    createdAt,
    featureSetVersion: 'fs-1',
    temporalNames: NAMES,
    staticNames: ['s1', 's2', 's3'],
    horizons: [1, 3, 6, 12],
    lookback: 10,
    targetScale: [1, 1, 1, 1],
    calibration: { temperature: 1, quantiles: [], targetScale: [1, 1, 1, 1] },
    trainingSpan: { from: '2024-01-02', to: '2024-02-01' },
    dataSource: 'test',
    folds: [],
    trainOptions: {},
    backend: 'wasm',
    codeVersion: 'test',
  };
}

const normalization = fitNormalization(
  featureTable(
    NAMES,
    NAMES.map((_, j) => Float64Array.from({ length: 50 }, (_, i) => Math.sin(i * (j + 1)))),
  ),
  { from: 0, to: 50 },
);

function predict(p: TftParams): number[] {
  return tf.tidy(() => {
    const time = historySteps(p) + 4;
    const x = tf.randomNormal([1, time, 4], 0, 1, 'float32', 9) as tf.Tensor3D;
    const s = tf.zeros([1, time, 3], 'int32') as tf.Tensor3D;
    const out = tftForward(p, { temporal: x, statics: s, queries: 4 });
    return [...values(out.logits), ...values(out.quantiles)];
  });
}

beforeAll(async () => {
  await setupBackend();
  dir = mkdtempSync(join(tmpdir(), 'nqh-model-'));
  params = createTft({
    ...DEFAULT_TFT_CONFIG,
    numTemporal: 4,
    staticCardinalities: [7, 4, 3],
    lookback: 10,
    dModel: 8,
    numHeads: 2,
    varHidden: 4,
    seed: 5,
  });
});
afterAll(() => {
  disposeParams(params);
  rmSync(dir, { recursive: true, force: true });
});

describe('saved models', () => {
  it('reload to the same predictions, and agree on cpu and wasm within 1e-4', async () => {
    const target = join(dir, 'm1');
    saveModel(target, params, normalization, metadata('m1'));
    const before = predict(params);
    const loaded = loadModel(target, { featureSetVersion: 'fs-1', temporalNames: NAMES });
    const wasm = predict(loaded.params);
    for (let i = 0; i < before.length; i++) expect(wasm[i]!).toBeCloseTo(before[i]!, 6);
    const backend = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      const cpu = predict(loaded.params);
      let worst = 0;
      for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(cpu[i]! - wasm[i]!));
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await tf.setBackend(backend);
    }
    disposeParams(loaded.params);
    expect(loaded.normalization).toEqual(normalization);
  });

  it('refuses a model trained on another feature set, naming the difference', () => {
    const target = join(dir, 'm2');
    saveModel(target, params, normalization, metadata('m2'));
    expect(() => loadModel(target, { featureSetVersion: 'fs-2', temporalNames: NAMES })).toThrow(
      /trained on feature set 'fs-1', the engine computes 'fs-2'/,
    );
    expect(() =>
      loadModel(target, { featureSetVersion: 'fs-1', temporalNames: ['a', 'b', 'c', 'e'] }),
    ).toThrow(ModelLoadError);
  });

  it('checkpoints the weights with their epoch, replacing the previous checkpoint', () => {
    const target = join(dir, 'ckpt');
    saveCheckpoint(target, params, { epoch: 2, valLoss: 0.9 });
    saveCheckpoint(target, params, { epoch: 3, valLoss: 0.8 });
    expect(JSON.parse(readFileSync(join(target, 'checkpoint.json'), 'utf8'))).toEqual({
      epoch: 3,
      valLoss: 0.8,
    });
    const manifest = JSON.parse(readFileSync(join(target, 'model.json'), 'utf8')) as {
      weights: { shape: number[] }[];
    };
    const floats = manifest.weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
    expect(readFileSync(join(target, 'weights.bin')).length).toBe(floats * 4);
  });

  it('refuses truncated weights with a clear error', () => {
    const target = join(dir, 'm3');
    saveModel(target, params, normalization, metadata('m3'));
    const bin = readFileSync(join(target, 'weights.bin'));
    writeFileSync(join(target, 'weights.bin'), bin.subarray(0, 100));
    expect(() => loadModel(target, { featureSetVersion: 'fs-1', temporalNames: NAMES })).toThrow(
      /weight '.*' is missing or has another shape/,
    );
  });
});

describe('ModelRegistry', () => {
  it('lists models, falls back to the shipped one, promotes and rolls back', () => {
    const root = mkdtempSync(join(tmpdir(), 'nqh-registry-'));
    const user = join(root, 'user');
    const shipped = join(root, 'shipped');
    saveModel(join(shipped, 'demo'), params, normalization, metadata('demo'));
    saveModel(join(user, 'a'), params, normalization, metadata('a', '2026-02-01T00:00:00Z'));
    saveModel(join(user, 'b'), params, normalization, metadata('b', '2026-03-01T00:00:00Z'));
    const reg = new ModelRegistry(user, shipped);
    expect(reg.list().map((e) => e.id)).toEqual(['b', 'a', 'demo']);
    expect(reg.active()?.id).toBe('demo');
    reg.promote('a');
    expect(reg.active()?.id).toBe('a');
    reg.promote('b');
    expect(reg.active()?.id).toBe('b');
    expect(reg.rollback().id).toBe('a');
    expect(reg.rollback().id).toBe('demo');
    expect(() => reg.rollback()).toThrow(/no earlier model/);
    expect(() => reg.promote('nope')).toThrow(/no model 'nope'/);
    rmSync(root, { recursive: true, force: true });
  });
});
