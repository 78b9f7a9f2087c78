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

  it('is finite on every real 1-minute file, undefined values only in flagged warm-up rows', () => {
    for (const file of files) {
      const m = computeFeatures(load(file), false);
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

  it('streams rows equal to the batch rows on real files (FirstRate sample, the March 2024 roll month)', () => {
    for (const file of [
      join(DATA, 'firstrate-sample-2023-11', 'NQ_1min_sample.csv'),
      join(DATA, 'ct-1m-2024-2025', 'nq-2024-03.1m.csv'),
    ]) {
      const bars = load(file);
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

  it('computes features, levels and label inputs at 200 random cut points from the truncated history exactly as from the full history', () => {
    const bars = load(join(DATA, 'firstrate-sample-2023-11', 'NQ_1min_sample.csv'));
    const full = computeFeatures(bars, false);
    const fullLabels = computeLabels(bars);
    const rng = new Prng(99);
    for (let k = 0; k < 200; k++) {
      // Cut right after a 5-minute bar's last minute.
      const row = 30 + rng.int(full.length - 31);
      const cutTime = (full.time[row] as number) + 300_000;
      let n = bars.lowerBound(cutTime);
      const part = computeFeatures(prefix(bars, n), false);
      expect(part.length).toBeGreaterThanOrEqual(row);
      for (let i = Math.max(0, part.length - 3); i < part.length; i++) {
        expect(part.time[i]).toBe(full.time[i]);
        expect(part.warmup[i]).toBe(full.warmup[i]);
        for (let j = 0; j < FEATURE_NAMES.length; j++) {
          const a = (part.columns[j] as Float64Array)[i] as number;
          const b = (full.columns[j] as Float64Array)[i] as number;
          if (a !== b) throw new Error(`cut ${cutTime} row ${i} ${FEATURE_NAMES[j]}: ${a} vs ${b}`);
        }
      }
      // Label inputs (entry, stop distance) use data up to the decision bar only.
      const partLabels = computeLabels(prefix(bars, n));
      const last = partLabels.length - 1;
      expect(partLabels.entry[last]).toBe(fullLabels.entry[last]);
      expect(Object.is(partLabels.stop[last], fullLabels.stop[last])).toBe(true);
      n = 0;
    }
  });
});
