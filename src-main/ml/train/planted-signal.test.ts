/**
 * The pattern model end to end (1-minute bars → features → labels → walk-forward training →
 * calibrated test predictions) on two seeded markets:
 * - planted: a known pattern decides the next move, so test AUC must reach 0.8;
 * - random walk: nothing is predictable, so test AUC must stay within 0.5 ± 0.03 for both
 *   classes; anything else would mean leakage of future data into inputs or folds.
 * A smaller model than the default (lookback 64) keeps each run near a minute.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFeatures } from '../../features/feature-set';
import { computeLabels } from '../../features/labels/compute-labels';
import { initBackend } from '../backend';
import { buildSampleSet } from '../data/dataset';
import { plantedMarket, type PlantedMarketOptions } from '../data/planted-market';
import { disposeParams } from '../tft/params';
import { runWalkForward, type FoldReport } from './walk-forward';

async function walkForward(
  kind: PlantedMarketOptions['kind'],
  days: number,
  testDays: number,
): Promise<FoldReport> {
  const minutes = plantedMarket({ kind, start: '2024-01-01', days, seed: 11 });
  const set = buildSampleSet(computeFeatures(minutes, false), computeLabels(minutes));
  const result = await runWalkForward(set, {
    model: { lookback: 64, dModel: 16 },
    train: { epochs: 10, chunkQueries: 512, batchChunks: 2 },
    folds: { trainDays: 60, valDays: 10, testDays },
    maxFolds: 1,
  });
  if (result.final) disposeParams(result.final.params);
  expect(result.folds).toHaveLength(1);
  const f = result.folds[0] as FoldReport;
  // Purged by the label horizon and embargoed by it (the walk-forward's defaults).
  expect(f.purged.train).toBeGreaterThan(0);
  expect(f.embargoed.test).toBeGreaterThan(0);
  // Every scored test decision is in the reliability curves.
  expect(f.reliabilityLong.reduce((a, b) => a + b.count, 0)).toBe(f.model.n);
  expect(f.reliabilityShort.reduce((a, b) => a + b.count, 0)).toBe(f.model.n);
  // Reported in the test log beside the baselines (the assertions follow in each test).
  console.info(
    `${kind}: n=${f.model.n} AUC long ${f.model.auc_long.toFixed(3)} short ${f.model.auc_short.toFixed(3)}` +
      ` (logistic ${f.logistic.auc_long.toFixed(3)} / ${f.logistic.auc_short.toFixed(3)}),` +
      ` log loss ${f.model.logloss.toFixed(3)} (priors ${f.priors.logloss.toFixed(3)}),` +
      ` P10–P90 coverage ${f.model.coverage_p10_p90?.toFixed(3)}`,
  );
  return f;
}

beforeAll(async () => {
  await initBackend();
});

describe('pattern model on planted and null markets', () => {
  it(
    'finds a planted pattern: test AUC ≥ 0.8 for long and short',
    { timeout: 600_000 },
    async () => {
      const f = await walkForward('planted', 120, 15);
      expect(f.model.n).toBeGreaterThan(2000);
      expect(f.model.auc_long).toBeGreaterThanOrEqual(0.8);
      expect(f.model.auc_short).toBeGreaterThanOrEqual(0.8);
      // Calibrated P10–P90 intervals hold about 80% of the test targets.
      expect(f.model.coverage_p10_p90).toBeGreaterThan(0.72);
      expect(f.model.coverage_p10_p90).toBeLessThan(0.88);
    },
  );

  it(
    'finds nothing in a random walk: test AUC within 0.5 ± 0.03',
    { timeout: 600_000 },
    async () => {
      const f = await walkForward('random-walk', 150, 30);
      expect(f.model.n).toBeGreaterThan(4000);
      expect(Math.abs(f.model.auc_long - 0.5)).toBeLessThanOrEqual(0.03);
      expect(Math.abs(f.model.auc_short - 0.5)).toBeLessThanOrEqual(0.03);
    },
  );
});
