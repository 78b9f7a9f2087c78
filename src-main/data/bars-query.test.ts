import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryBars, queryBarsBefore, type QueryTimeframe } from './bars-query';
import { importFile } from './import/importer';
import { tmpCsv, tmpStore } from './import/test-files';
import { SyntheticMarket } from './synthetic/synthetic-market';
import { nyIso } from './ny-format';

function storeWithSyntheticDays() {
  const market = new SyntheticMarket({ seed: 5, start: Date.UTC(2024, 2, 4) });
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < 6000; i++) {
    const b = market.nextBar();
    lines.push(
      `${nyIso(b.time).slice(0, 19).replace('T', ' ')},${b.open.toFixed(2)},${b.high.toFixed(2)},${b.low.toFixed(2)},${b.close.toFixed(2)},${b.volume}`,
    );
  }
  const store = tmpStore();
  importFile(store, tmpCsv('syn.csv', lines));
  return store;
}

describe('paging back through stored bars', () => {
  const store = storeWithSyntheticDays();
  const all = store.bars('NQ', 1).bars;
  const first = all.time[0] as number;
  const last = all.time[all.length - 1] as number;

  it('returns the newest complete bars before a time, equal to the tail of a range query (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last + 60_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom<QueryTimeframe>('1m', '5m', '15m', '1h', '1d'),
        (before, limit, timeframe) => {
          const page = queryBarsBefore(store, { timeframe, before, limit }).bars;
          const full = queryBars(store, { timeframe, to: before }).bars;
          expect(page.length).toBeLessThanOrEqual(limit);
          const offset = full.length - page.length;
          for (let i = 0; i < page.length; i++) {
            expect(page.at(i)).toEqual(full.at(offset + i));
          }
          if (timeframe !== '1d' && page.length < limit)
            expect(page.length).toBeGreaterThanOrEqual(Math.min(limit, full.length) - 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
