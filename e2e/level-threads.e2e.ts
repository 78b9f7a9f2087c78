/**
 * Levels and features on worker threads from the bundled entry (dist/cli/level-worker.cjs):
 * the same numbers, to the bit, as one run on one thread — on synthetic minutes and on a
 * real 2024 quarter from ../shared/data (that part skipped, with a message, without it) —
 * and a worker's error reaches the caller.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { importFile } from '../src-main/data/import/importer';
import { tmpStore } from '../src-main/data/import/test-files';
import { SyntheticMarket } from '../src-main/data/synthetic/synthetic-market';
import {
  computeFeatures,
  computeFeaturesOnThreads,
  type FeatureMatrix,
} from '../src-main/features/feature-set';
import { computeLevels } from '../src-main/features/levels/level-batch';
import { decisionBars } from '../src-main/features/levels/level-columns';
import { firstLevelDifference } from '../src-main/features/levels/level-test-support';
import { LevelThreads } from '../src-main/features/levels/level-threads';

const WORKER = join(__dirname, '..', 'dist', 'cli', 'level-worker.cjs');
const threads = new LevelThreads(WORKER, 1);
const two = new LevelThreads(WORKER, 2);
afterAll(async () => {
  await threads.close();
  await two.close();
});

function sameFeatures(a: FeatureMatrix, b: FeatureMatrix): string | null {
  if (a.length !== b.length) return `${a.length} vs ${b.length} rows`;
  for (let j = 0; j < a.columns.length; j++) {
    const x = a.columns[j] as Float64Array;
    const y = b.columns[j] as Float64Array;
    for (let r = 0; r < a.length; r++) if (!Object.is(x[r], y[r])) return `${a.names[j]} row ${r}`;
  }
  for (let r = 0; r < a.length; r++) if (a.warmup[r] !== b.warmup[r]) return `warm-up row ${r}`;
  return JSON.stringify(a.undefinedCounts) === JSON.stringify(b.undefinedCounts)
    ? null
    : 'undefined counts';
}

describe('level worker threads on synthetic minutes', () => {
  const bars = new BarColumns(200_000);
  new SyntheticMarket({ seed: 5, start: Date.UTC(2024, 0, 2) }).fill(bars, Date.UTC(2024, 4, 1));
  const decisions = decisionBars(bars.time, bars.length, 5);

  it('computes the levels of one thread, bit for bit, with one and with two workers', async () => {
    const whole = computeLevels(bars, decisions);
    expect(firstLevelDifference(await threads.computeLevels(bars, decisions), whole)).toBeNull();
    expect(firstLevelDifference(await two.computeLevels(bars, decisions), whole)).toBeNull();
    // The workers really did a part: a job plans more than one chunk here.
    const job = two.start(bars, decisions, 1 / 3);
    expect(job.here.rowTo).toBeLessThan(decisions.length / 2);
    job.runHere();
    await job.workers;
  });

  it('computes the feature matrix of one thread, bit for bit, also without volume', async () => {
    const noVolume = bars.copyRange(0, bars.length);
    noVolume.volume.fill(Number.NaN);
    expect(
      sameFeatures(
        await computeFeaturesOnThreads(noVolume, true, threads),
        computeFeatures(noVolume, true),
      ),
    ).toBeNull();
  });

  it('computes the feature matrix of one thread, bit for bit', async () => {
    expect(
      sameFeatures(
        await computeFeaturesOnThreads(bars, false, threads),
        computeFeatures(bars, false),
      ),
    ).toBeNull();
  });

  it("passes a worker's error to the caller, and the pool keeps working", async () => {
    // A bar the engine refuses (negative volume), in the part a worker computes.
    const bad = bars.copyRange(0, bars.length);
    const at = bars.length - 1000;
    bad.volume[at] = -1;
    const job = threads.start(bad, decisions, 0.5);
    job.runHere();
    await expect(job.workers).rejects.toThrow(/level worker: bar at .*volume must be ≥ 0/);
    // Decisions beyond the bars are refused before anything is sent.
    expect(() => threads.start(bars.copyRange(0, 1000), decisions, 0.5)).toThrow(
      /decision bars must be increasing indices below 1000/,
    );
    expect(
      firstLevelDifference(
        await threads.computeLevels(bars, decisions),
        computeLevels(bars, decisions),
      ),
    ).toBeNull();
  });

  it('reports a worker that cannot start, and refuses jobs after it', async () => {
    const broken = new LevelThreads(join(__dirname, 'no-such-level-worker.cjs'), 1);
    await expect(broken.computeLevels(bars, decisions)).rejects.toThrow(/no-such-level-worker/);
    await expect(broken.computeLevels(bars, decisions)).rejects.toThrow(
      /level threads are broken: .*no-such-level-worker/,
    );
    await broken.close();
  });
});

const CT = join(__dirname, '..', '..', 'shared', 'data', 'nq', 'ct-1m-2024-2025');
const present = existsSync(CT);
if (!present) console.warn(`level threads on real data skipped: ${CT} not found`);

describe.skipIf(!present)('level worker threads on real NQ minutes', () => {
  const store = tmpStore();
  for (const month of ['09', '10', '11', '12'])
    importFile(store, join(CT, `nq-2024-${month}.1m.csv`));
  const { bars } = store.bars('NQ', 1);
  afterAll(() => store.close());

  it('computes the feature matrix of one thread, bit for bit (across the November DST change)', async () => {
    const one = computeFeatures(bars, false);
    expect(one.length).toBeGreaterThan(15_000);
    expect(sameFeatures(await computeFeaturesOnThreads(bars, false, threads), one)).toBeNull();
  });

  it('computes the roll-adjusted matrix of one thread, bit for bit (the September and December rolls)', async () => {
    const rolls = store.rolls('NQ', 1);
    expect(rolls.map((r) => new Date(r.time).toISOString().slice(0, 7))).toEqual([
      '2024-09',
      '2024-12',
    ]);
    const one = computeFeatures(bars, false, rolls);
    expect(sameFeatures(one, computeFeatures(bars, false))).not.toBeNull();
    expect(
      sameFeatures(await computeFeaturesOnThreads(bars, false, threads, rolls), one),
    ).toBeNull();
  });
});
