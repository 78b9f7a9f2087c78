/**
 * The feature set on real NQ 1-minute files (read from ../shared/data at test time; skipped
 * with a message where absent) and on the synthetic market: finite everywhere, warm-up
 * flagged, streaming equal to batch, and no lookahead at random cut points.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { importFile } from '../data/import/importer';
import { tmpStore } from '../data/import/test-files';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { Prng } from '../data/synthetic/prng';
import { computeLabels } from './labels/compute-labels';
import { computeLevels } from './levels/level-batch';
import { decisionBars } from './levels/level-columns';
import { computeFeatures, FEATURE_NAMES } from './feature-set';
import { FeatureStream } from './feature-stream';

const DATA = join(__dirname, '..', '..', '..', 'shared', 'data', 'nq');
const present = existsSync(DATA);
if (!present) console.warn(`real-data feature tests skipped: ${DATA} not found`);

function load(file: string): BarColumns {
  const store = tmpStore();
  importFile(store, file);
  const { bars } = store.bars('NQ', 1);
  store.close();
  return bars;
}

function prefix(b: BarColumns, n: number): BarColumns {
  return b.copyRange(0, n);
}

function synthetic(minutes: number): BarColumns {
  const b = new BarColumns(minutes + 1);
  const m = new SyntheticMarket({ seed: 3, start: Date.UTC(2024, 0, 2) });
  for (let i = 0; i < minutes; i++) b.pushBar(m.nextBar());
  return b;
}

describe('feature set', () => {
  it('has unique, versioned names and no classic indicators', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    const words = FEATURE_NAMES.flatMap((n) => n.toLowerCase().split(/[._]/));
    for (const classic of ['rsi', 'macd', 'ema', 'sma', 'stoch', 'bollinger', 'atr', 'adx']) {
      expect(words).not.toContain(classic);
    }
  });

  it('streams rows equal to the batch rows (synthetic market, 3 weeks)', () => {
    const bars = synthetic(25_000);
    const batch = computeFeatures(bars, false);
    const stream = new FeatureStream(false);
    const rows = [];
    for (let i = 0; i < bars.length; i++) {
      rows.push(
        ...stream.push(
          bars.time[i] as number,
          bars.open[i] as number,
          bars.high[i] as number,
          bars.low[i] as number,
          bars.close[i] as number,
          bars.volume[i] as number,
        ),
      );
    }
    expect(rows.length).toBe(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const r = rows[i]!;
      expect(r.time).toBe(batch.time[i]);
      expect(r.warmup).toBe(batch.warmup[i] === 1);
      for (let j = 0; j < FEATURE_NAMES.length; j++) {
        const a = r.values[j] as number;
        const b = (batch.columns[j] as Float64Array)[i] as number;
        if (Math.abs(a - b) > 1e-9)
          throw new Error(`row ${i} ${FEATURE_NAMES[j]}: stream ${a} vs batch ${b}`);
      }
    }
  });
});

describe.skipIf(!present)('feature set on real NQ data', () => {
  const files = present
    ? [
        join(DATA, 'firstrate-sample-2023-11', 'NQ_1min_sample.csv'),
        ...readdirSync(join(DATA, 'ct-1m-2024-2025')).map((f) => join(DATA, 'ct-1m-2024-2025', f)),
      ]
    : [];
  // Each file is imported once for the tests below.
  const imported = new Map<string, BarColumns>();
  const real = (file: string): BarColumns => {
    let b = imported.get(file);
    if (b === undefined) imported.set(file, (b = load(file)));
    return b;
  };

  it('is finite on every real 1-minute file, undefined values only in flagged warm-up rows', () => {
    for (const file of files) {
      const m = computeFeatures(real(file), false);
      expect(m.length, file).toBeGreaterThan(0);
      for (const c of m.columns) {
        for (let i = 0; i < m.length; i++) {
          if (!Number.isFinite(c[i] as number)) throw new Error(`${file}: non-finite value`);
        }
      }
      // Every feature that lacked history did so on flagged rows only.
      let warm = 0;
      for (let i = 0; i < m.length; i++) warm += m.warmup[i] as number;
      for (const [name, count] of Object.entries(m.undefinedCounts)) {
        expect(count, `${file} ${name}`).toBeLessThanOrEqual(warm);
      }
    }
  });

  it('streams rows equal to the batch rows on every real 1-minute file', () => {
    expect(files.length).toBe(14);
    for (const file of files) {
      const bars = real(file);
      const batch = computeFeatures(bars, false);
      const stream = new FeatureStream(false);
      let row = 0;
      for (let i = 0; i < bars.length; i++) {
        const out = stream.push(
          bars.time[i] as number,
          bars.open[i] as number,
          bars.high[i] as number,
          bars.low[i] as number,
          bars.close[i] as number,
          bars.volume[i] as number,
        );
        for (const r of out) {
          expect(r.time).toBe(batch.time[row]);
          expect(r.warmup).toBe(batch.warmup[row] === 1);
          for (let j = 0; j < FEATURE_NAMES.length; j++) {
            const d = Math.abs(
              (r.values[j] as number) - ((batch.columns[j] as Float64Array)[row] as number),
            );
            if (d > 1e-9)
              throw new Error(`${file} row ${row} ${FEATURE_NAMES[j]}: differs by ${d}`);
          }
          row++;
        }
      }
      expect(row, file).toBe(batch.length);
    }
  });

  it('leaves under 1% of rows in warm-up after the first 25 trade dates of the 2024 year', () => {
    const store = tmpStore();
    const dir = join(DATA, 'ct-1m-2024-2025');
    for (const f of readdirSync(dir)
      .filter((n) => n.startsWith('nq-2024-'))
      .sort()) {
      importFile(store, join(dir, f));
    }
    const m = computeFeatures(store.bars('NQ', 1).bars, false);
    store.close();
    const start = m.time.findIndex((t) => t >= Date.UTC(2024, 1, 8));
    let warm = 0;
    for (let i = start; i < m.length; i++) warm += m.warmup[i] as number;
    expect(warm / (m.length - start)).toBeLessThan(0.01);
  });

  it('gives the same features, raw levels and label inputs at 200 random minutes of March 2024 (DST change, roll) from the truncated history as from the full', () => {
    const store = tmpStore();
    importFile(store, join(DATA, 'ct-1m-2024-2025', 'nq-2024-03.1m.csv'));
    const bars = store.bars('NQ', 1).bars;
    const rolls = store.rolls('NQ', 1);
    store.close();
    expect(rolls.length).toBe(1);
    // 1–14 March: the 10 March clock change and the 12 March roll; each cut recomputed.
    const n = bars.lowerBound(Date.UTC(2024, 2, 15));
    const minutes = prefix(bars, n);
    const full = computeFeatures(minutes, false, rolls);
    const fullLevels = computeLevels(minutes, decisionBars(minutes.time, minutes.length, 5));
    const fullLabels = computeLabels(minutes, { rollTimes: rolls.map((r) => r.time) });
    const rng = new Prng(7);
    let rollsKnown = 0;
    for (let k = 0; k < 200; k++) {
      // Any minute, not only a 5-minute bar's end: a bucket still open is no decision yet.
      const cut = 2_000 + rng.int(n - 2_000);
      const part = prefix(minutes, cut);
      const cutTime = minutes.time[cut] as number;
      // Only the rolls seen by then.
      const known = rolls.filter((r) => r.time < cutTime);
      rollsKnown += known.length;
      const f = computeFeatures(part, false, known);
      const lv = computeLevels(part, decisionBars(part.time, part.length, 5));
      expect(f.length).toBeGreaterThan(0);
      expect(lv.length).toBe(f.length);
      for (let i = Math.max(0, f.length - 3); i < f.length; i++) {
        expect(f.time[i]).toBe(full.time[i]);
        expect(f.warmup[i]).toBe(full.warmup[i]);
        for (let j = 0; j < FEATURE_NAMES.length; j++) {
          const a = (f.columns[j] as Float64Array)[i] as number;
          const b = (full.columns[j] as Float64Array)[i] as number;
          if (a !== b) throw new Error(`cut ${cutTime} row ${i} ${FEATURE_NAMES[j]}: ${a} vs ${b}`);
        }
        expect(lv.index[i]).toBe(fullLevels.index[i]);
        expect(lv.defined[i]).toBe(fullLevels.defined[i]);
        expect(lv.complete[i]).toBe(fullLevels.complete[i]);
        lv.columns.forEach((c, j) => {
          if (!Object.is(c[i], fullLevels.columns[j]?.[i]))
            throw new Error(
              `cut ${cutTime} row ${i} level ${j}: ${c[i]} vs ${fullLevels.columns[j]?.[i]}`,
            );
        });
      }
      // Label inputs (entry, stop distance) use data up to the decision bar only: the last
      // decision row (a 5-minute bar still open at the cut has a label row, but no decision).
      const labels = computeLabels(part, { rollTimes: known.map((r) => r.time) });
      const last = f.length - 1;
      expect(labels.time[last]).toBe(fullLabels.time[last]);
      expect(labels.entry[last]).toBe(fullLabels.entry[last]);
      expect(Object.is(labels.stop[last], fullLabels.stop[last])).toBe(true);
    }
    // Cuts fell on both sides of the roll.
    expect(rollsKnown).toBeGreaterThan(0);
    expect(rollsKnown).toBeLessThan(200);
  });
});
