/**
 * Features across contract rolls (DOMAIN.md: "Features and labels never span a roll without
 * adjustment"): a series with a planted roll gives the features of the same market without
 * the gap; the stream adjusts as the batch does; on real data with its detected roll, no
 * roll after a decision moves it.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import type { PriceRoll } from '@shared/market/roll-offsets';
import { importFile } from '../data/import/importer';
import { tmpStore } from '../data/import/test-files';
import { Prng } from '../data/synthetic/prng';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { computeFeatures, FEATURE_NAMES, type FeatureMatrix } from './feature-set';
import { FeatureStream } from './feature-stream';

const DATA = join(__dirname, '..', '..', '..', 'shared', 'data', 'nq');
const MARCH = join(DATA, 'ct-1m-2024-2025', 'nq-2024-03.1m.csv');
const present = existsSync(MARCH);
if (!present) console.warn(`real-data roll tests skipped: ${MARCH} not found`);

/** Log returns: the features that need the price level, not only differences of prices. */
const RETURNS = new Set(['pa.ret_1', 'pa.ret_3', 'pa.ret_6', 'pa.ret_12', 'pa.ret_24']);
for (const n of ['ctx_15m_ret', 'ctx_1h_ret', 'ctx_d_ret']) RETURNS.add(n);

function synthetic(minutes: number): BarColumns {
  const b = new BarColumns(minutes + 1);
  const m = new SyntheticMarket({ seed: 11, start: Date.UTC(2024, 0, 2) });
  for (let i = 0; i < minutes; i++) b.pushBar(m.nextBar());
  return b;
}

/** `bars` with `gap` added to every price of the bars at index ≥ from. */
function shifted(bars: BarColumns, from: number, gap: number): BarColumns {
  const out = new BarColumns(bars.length);
  for (let i = 0; i < bars.length; i++) {
    const g = i >= from ? gap : 0;
    out.push(
      bars.time[i] as number,
      (bars.open[i] as number) + g,
      (bars.high[i] as number) + g,
      (bars.low[i] as number) + g,
      (bars.close[i] as number) + g,
      bars.volume[i] as number,
    );
  }
  return out;
}

function column(m: FeatureMatrix, name: string): Float64Array {
  return m.columns[FEATURE_NAMES.indexOf(name)] as Float64Array;
}

/** Streams `bars` through a FeatureStream and checks every row against `batch` (1e-9). */
function expectStreamEqualsBatch(
  stream: FeatureStream,
  bars: BarColumns,
  batch: FeatureMatrix,
  beforeMinute: (t: number) => void = () => undefined,
): void {
  let row = 0;
  for (let i = 0; i < bars.length; i++) {
    const t = bars.time[i] as number;
    beforeMinute(t);
    for (const r of stream.push(
      t,
      bars.open[i] as number,
      bars.high[i] as number,
      bars.low[i] as number,
      bars.close[i] as number,
      bars.volume[i] as number,
    )) {
      expect(r.time).toBe(batch.time[row]);
      expect(r.warmup).toBe(batch.warmup[row] === 1);
      for (let j = 0; j < FEATURE_NAMES.length; j++) {
        const d = Math.abs(
          (r.values[j] as number) - ((batch.columns[j] as Float64Array)[row] as number),
        );
        if (d > 1e-9) throw new Error(`row ${row} ${FEATURE_NAMES[j]}: differs by ${d}`);
      }
      row++;
    }
  }
  expect(row).toBe(batch.length);
}

describe('features across a contract roll', () => {
  // Six weeks: the volatility regime (20 completed trade dates) is defined after the roll.
  const market = synthetic(42_000);
  const at = 30_000;
  const gap = 250.5;
  const roll: PriceRoll = { time: market.time[at] as number, gap };
  const rolled = shifted(market, at, gap);
  const adjusted = computeFeatures(rolled, false, [roll]);
  const plain = computeFeatures(market, false);

  it('gives the features of the market without the gap; log returns in the new contract', () => {
    const level = computeFeatures(shifted(market, 0, gap), false);
    expect(adjusted.length).toBe(plain.length);
    let after = 0;
    for (let i = 0; i < plain.length; i++) {
      expect(adjusted.warmup[i]).toBe(plain.warmup[i]);
      // Rows whose 5-minute bar ends before the roll know nothing of it.
      const afterRoll = (adjusted.time[i] as number) + 300_000 > roll.time;
      if (afterRoll) after++;
      for (const name of FEATURE_NAMES) {
        const a = column(adjusted, name)[i] as number;
        if (afterRoll && RETURNS.has(name)) {
          // Both prices of a return in the decision's contract: the market 250.5 higher.
          const b = column(level, name)[i] as number;
          if (Math.abs(a - b) > 1e-9) throw new Error(`row ${i} ${name}: ${a} vs ${b}`);
        } else {
          const b = column(plain, name)[i] as number;
          if (!Object.is(a, b)) throw new Error(`row ${i} ${name}: ${a} vs ${b}`);
        }
      }
    }
    expect(after).toBeGreaterThan(2000);
  });

  it('differs from the unadjusted series right after the roll (the gap is what it removes)', () => {
    const unadjusted = computeFeatures(rolled, false);
    const i = adjusted.time.findIndex((t) => t + 300_000 > roll.time);
    // The first row after the roll: a 24-bar return over the gap, the week VWAP pulled away.
    const ret = column(unadjusted, 'pa.ret_24')[i] as number;
    expect(Math.abs(ret - (column(adjusted, 'pa.ret_24')[i] as number))).toBeGreaterThan(100);
    expect(column(unadjusted, 'lvl.vwap_w_ticks')[i]).not.toBe(
      column(adjusted, 'lvl.vwap_w_ticks')[i],
    );
    // The roll day's return, squared, makes the next days look stressed.
    const regime = (m: FeatureMatrix) => [...column(m, 'static.volRegime').subarray(i)].join();
    expect(regime(unadjusted)).not.toBe(regime(adjusted));
  });

  it('streams the batch rows, with the roll given at the start or added live', () => {
    expectStreamEqualsBatch(new FeatureStream(false, [roll]), rolled, adjusted);
    const live = new FeatureStream(false);
    expectStreamEqualsBatch(live, rolled, adjusted, (t) => {
      if (t === roll.time) live.addRoll(roll);
    });
  });
});

describe.skipIf(!present)('features across the real March 2024 roll', () => {
  const store = tmpStore();
  if (present) importFile(store, MARCH);
  const bars = store.bars('NQ', 1).bars;
  const rolls = store.rolls('NQ', 1);
  store.close();

  it('finds the roll in the file', () => {
    expect(rolls.length).toBe(1);
    expect(new Date((rolls[0] as PriceRoll).time).toISOString().slice(0, 10)).toBe('2024-03-12');
    expect(Math.abs((rolls[0] as PriceRoll).gap)).toBeGreaterThan(200);
  });

  it('streams rows equal to the batch rows with the roll adjusted', () => {
    expectStreamEqualsBatch(
      new FeatureStream(false, rolls),
      bars,
      computeFeatures(bars, false, rolls),
    );
  });

  it('computes the rows at 60 random cuts around the roll from the truncated history exactly as from the whole', () => {
    const full = computeFeatures(bars, false, rolls);
    const rollTime = (rolls[0] as PriceRoll).time;
    const from = full.time.findIndex((t) => t >= rollTime - 3 * 86_400_000);
    const to = full.time.findIndex((t) => t >= rollTime + 4 * 86_400_000);
    const rng = new Prng(5);
    let afterRoll = 0;
    for (let k = 0; k < 60; k++) {
      const row = from + rng.int(to - from);
      const cut = (full.time[row] as number) + 300_000;
      if (cut > rollTime) afterRoll++;
      const part = computeFeatures(bars.copyRange(0, bars.lowerBound(cut)), false, rolls);
      expect(part.length).toBe(row + 1);
      for (let i = row - 2; i <= row; i++) {
        expect(part.warmup[i]).toBe(full.warmup[i]);
        for (let j = 0; j < FEATURE_NAMES.length; j++) {
          const a = (part.columns[j] as Float64Array)[i] as number;
          const b = (full.columns[j] as Float64Array)[i] as number;
          if (!Object.is(a, b))
            throw new Error(`cut ${cut} row ${i} ${FEATURE_NAMES[j]}: ${a} vs ${b}`);
        }
      }
    }
    expect(afterRoll).toBeGreaterThan(10);
    expect(afterRoll).toBeLessThan(50);
  });
});
