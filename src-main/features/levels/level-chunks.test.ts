/**
 * Chunked levels (`level-chunks.ts`) equal one run over the whole series, to the bit, on
 * synthetic minutes and on real NQ minutes from ../shared/data (read at test time; that part
 * is skipped, with a message, where the folder is absent).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { importFile } from '../../data/import/importer';
import { tmpStore } from '../../data/import/test-files';
import { SyntheticMarket } from '../../data/synthetic/synthetic-market';
import { AnchorClock } from './anchor-clock';
import { computeLevels, fillLevels } from './level-batch';
import { planLevelChunks, WARMUP_DATES, type LevelChunk } from './level-chunks';
import { decisionBars, LevelColumns } from './level-columns';
import { firstLevelDifference } from './level-test-support';

/** Levels of each chunk computed on its own (its own engine over its own bars). */
function chunked(
  bars: BarColumns,
  decisions: Int32Array,
  chunks: readonly LevelChunk[],
): LevelColumns {
  const out = new LevelColumns(decisions.length);
  for (const c of chunks) {
    const own = bars.copyRange(c.firstBar, bars.length);
    fillLevels(own, c.firstBar, decisions, c.warmRow, c.rowFrom, c.rowTo, out);
  }
  return out;
}

function monthKeyAt(t: number): number {
  const clock = new AnchorClock(30);
  clock.update(t);
  return clock.monthKey;
}

function checkPlan(bars: BarColumns, decisions: Int32Array, chunks: readonly LevelChunk[]): void {
  expect(chunks[0]).toMatchObject({ firstBar: 0, warmRow: 0, rowFrom: 0 });
  expect(chunks[chunks.length - 1]?.rowTo).toBe(decisions.length);
  for (let k = 1; k < chunks.length; k++) {
    const c = chunks[k] as LevelChunk;
    expect(c.rowFrom).toBe((chunks[k - 1] as LevelChunk).rowTo);
    // Rows start at a month's first bar; the engine starts whole trade dates earlier.
    const first = decisions[c.rowFrom] as number;
    const before = decisions[c.rowFrom - 1] as number;
    expect(monthKeyAt(bars.time[first] as number)).not.toBe(
      monthKeyAt(bars.time[before] as number),
    );
    const span = ((bars.time[first] as number) - (bars.time[c.firstBar] as number)) / 86_400_000;
    expect(span).toBeGreaterThanOrEqual(WARMUP_DATES);
  }
}

describe('chunked levels on synthetic minutes', () => {
  const bars = new BarColumns(200_000);
  new SyntheticMarket({ seed: 11, start: Date.UTC(2024, 0, 2) }).fill(bars, Date.UTC(2024, 3, 20));
  const decisions = decisionBars(bars.time, bars.length, 5);
  const whole = computeLevels(bars, decisions);

  it('equal one whole run, bit for bit, cut in two and in three', () => {
    for (const cuts of [[0.5], [0.3, 0.7]]) {
      const chunks = planLevelChunks(bars, decisions, cuts);
      expect(chunks.length).toBe(cuts.length + 1);
      checkPlan(bars, decisions, chunks);
      expect(firstLevelDifference(chunked(bars, decisions, chunks), whole)).toBeNull();
    }
  });

  it('would differ without the warm-up (the comparison can fail)', () => {
    const [, second] = planLevelChunks(bars, decisions, [0.5]);
    const cold = {
      ...(second as LevelChunk),
      firstBar: decisions[(second as LevelChunk).rowFrom - 1]! + 1,
    };
    cold.warmRow = cold.rowFrom;
    const chunks = [planLevelChunks(bars, decisions, [0.5])[0] as LevelChunk, cold];
    expect(firstLevelDifference(chunked(bars, decisions, chunks), whole)).not.toBeNull();
  });

  it('gives one chunk when no month start has enough trade dates before it', () => {
    const short = bars.copyRange(0, 20_000);
    const d = decisionBars(short.time, short.length, 5);
    expect(planLevelChunks(short, d, [0.5])).toEqual([
      { firstBar: 0, warmRow: 0, rowFrom: 0, rowTo: d.length },
    ]);
  });
});

const CT = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'nq', 'ct-1m-2024-2025');
const present = existsSync(CT);
if (!present) console.warn(`chunked levels on real data skipped: ${CT} not found`);

describe.skipIf(!present)('chunked levels on real NQ minutes', () => {
  const store = tmpStore();
  for (const month of ['01', '02', '03', '04'])
    importFile(store, join(CT, `nq-2024-${month}.1m.csv`));
  const { bars } = store.bars('NQ', 1);
  afterAll(() => store.close());

  it('equal one whole run, bit for bit (cuts across the March DST change)', () => {
    const decisions = decisionBars(bars.time, bars.length, 5);
    const chunks = planLevelChunks(bars, decisions, [0.3, 0.6]);
    expect(chunks.length).toBe(3);
    checkPlan(bars, decisions, chunks);
    expect(
      firstLevelDifference(chunked(bars, decisions, chunks), computeLevels(bars, decisions)),
    ).toBeNull();
  });
});
