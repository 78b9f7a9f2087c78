/**
 * The ML worker thread from its bundled entry (dist/cli/ml-worker.cjs): training runs there
 * with progress events while the main thread's event loop keeps turning, a cancel stops a
 * run between batches with nothing saved, and a finished run writes a loadable model.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MlClient } from '../src-main/ml/worker/ml-client';
import type { TrainJobSpec } from '../src-main/ml/train/train-job';
import type { WalkForwardProgress } from '../src-main/ml/train/walk-forward';

const WORKER = join(__dirname, '..', 'dist', 'cli', 'ml-worker.cjs');
const dir = mkdtempSync(join(tmpdir(), 'nqh-ml-worker-'));
const client = new MlClient(WORKER);

afterAll(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (id: string, epochs: number): TrainJobSpec => ({
  source: { kind: 'synthetic', days: 75, seed: 3 },
  config: {
    model: { lookback: 32, dModel: 8, numHeads: 2, varHidden: 4 },
    train: { epochs, chunkQueries: 256, batchChunks: 2 },
    folds: { trainDays: 30, valDays: 10, testDays: 10 },
    maxFolds: 1,
  },
  outDir: join(dir, id),
  id,
  backend: 'pending',
});

describe('ML worker', () => {
  it('reports its backend', async () => {
    expect(['wasm', 'cpu', 'tensorflow']).toContain(await client.backend());
  });

  it(
    'trains off the main thread with progress, and saves the model',
    { timeout: 300_000 },
    async () => {
      const progress: WalkForwardProgress[] = [];
      let ticks = 0;
      let worstGap = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
        ticks++;
      }, 20);
      let sawCheckpoint = false;
      const run = client.train(spec('done', 2), (p) => {
        progress.push(p);
        // After epoch 1's validation, its weights are checkpointed while epoch 2 trains.
        if (p.epoch === 2 && existsSync(join(dir, 'done.checkpoints', 'fold-1', 'weights.bin'))) {
          sawCheckpoint = true;
        }
      });
      const result = await run.done;
      clearInterval(timer);
      expect(result.cancelled).toBe(false);
      expect(result.folds).toHaveLength(1);
      expect(existsSync(join(dir, 'done', 'model.json'))).toBe(true);
      expect(sawCheckpoint).toBe(true);
      expect(existsSync(join(dir, 'done.checkpoints'))).toBe(false);
      expect(progress.length).toBeGreaterThan(4);
      expect(progress.some((p) => p.valLoss !== undefined)).toBe(true);
      expect(progress.at(-1)!.epoch).toBe(2);
      // The main thread never blocked: its 20 ms timer kept firing throughout.
      expect(ticks).toBeGreaterThan(10);
      expect(worstGap).toBeLessThan(500);
    },
  );

  it('cancel stops a run between batches and saves nothing', { timeout: 300_000 }, async () => {
    let seen = 0;
    const run = client.train(spec('cancelled', 50), () => {
      seen++;
      if (seen === 2) run.cancel();
    });
    const result = await run.done;
    expect(result.cancelled).toBe(true);
    expect(seen).toBeLessThan(6);
    expect(existsSync(join(dir, 'cancelled'))).toBe(false);
    expect(existsSync(join(dir, 'cancelled.checkpoints'))).toBe(false);
  });
});
