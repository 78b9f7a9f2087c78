import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '@shared/market/bar-columns';
import { computeLevels } from './level-batch';
import { decisionBars, everyBar, type LevelColumns } from './level-columns';
import { LevelEngine, VWAP_ANCHORS } from './level-engine';
import { LEVEL, LEVEL_COUNT } from './level-names';
import { referenceKeys, referenceTpo, referenceVwap } from './level-reference';
import { head, minuteSeries, rowsDiffer } from './level-test-support';
import { tpoView, volumeProfileView } from './level-views';
import { findNodes } from './node-scan';
import { pocIndex, profileTotal } from './profile-stats';
import { valueArea } from './value-area';

const NODES = { smoothBins: 9, window: 20, hvnFactor: 1.5, lvnFactor: 0.5 };

/** Levels and flags read after every bar of a streamed engine. */
function streamed(bars: BarColumns): { rows: Float64Array[]; flags: number[] } {
  const e = new LevelEngine();
  const rows: Float64Array[] = [];
  const flags: number[] = [];
  for (let i = 0; i < bars.length; i++) {
    e.pushFrom(bars, i);
    rows.push(Float64Array.from(e.levels()));
    flags.push(e.defined | (e.complete << 16));
  }
  return { rows, flags };
}

function rowOf(cols: LevelColumns, r: number): Float64Array {
  const row = new Float64Array(LEVEL_COUNT);
  for (let k = 0; k < LEVEL_COUNT; k++) row[k] = (cols.columns[k] as Float64Array)[r] as number;
  return row;
}

function flagsOf(cols: LevelColumns, r: number): number {
  return (cols.defined[r] as number) | ((cols.complete[r] as number) << 16);
}

/** POC and value area of plain bins by the shared rules, as prices from `low`. */
function pocAndArea(values: Float64Array, low: number): [number, number, number] {
  const poc = pocIndex(values, 0, values.length);
  const area = new Int32Array(2);
  valueArea(values, 0, values.length, poc, 0.7, profileTotal(values, 0, values.length), area);
  return [low + poc * 0.25, low + (area[0] as number) * 0.25, low + (area[1] as number) * 0.25];
}

describe('level engine properties', () => {
  it('gives the same levels streamed bar by bar as in batch at 5-minute and at every bar', () => {
    fc.assert(
      fc.property(minuteSeries(400, true), (bars) => {
        const s = streamed(bars);
        for (const decisions of [decisionBars(bars.time, bars.length, 5), everyBar(bars.length)]) {
          const cols = computeLevels(bars, decisions);
          for (let r = 0; r < cols.length; r++) {
            const i = cols.index[r] as number;
            const diff = rowsDiffer(s.rows[i] as Float64Array, rowOf(cols, r));
            if (diff !== null) throw new Error(`bar ${i}: ${diff}`);
            expect(flagsOf(cols, r)).toBe(s.flags[i]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('computes the levels at bar k from bars 0..k only (truncated history gives the same row)', () => {
    fc.assert(
      fc.property(
        minuteSeries(400, true),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (bars, picks) => {
          const full = computeLevels(bars, everyBar(bars.length));
          for (const u of picks) {
            const k = Math.min(bars.length - 1, Math.floor(u * bars.length));
            const cut = computeLevels(head(bars, k + 1), Int32Array.of(k));
            const diff = rowsDiffer(rowOf(full, k), rowOf(cut, 0), 0);
            if (diff !== null) throw new Error(`bar ${k}: ${diff}`);
            expect(flagsOf(cut, 0)).toBe(flagsOf(full, k));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps volume POC, value area and nodes equal to a from-scratch computation', () => {
    fc.assert(
      fc.property(minuteSeries(500), (bars) => {
        const e = new LevelEngine();
        for (let i = 0; i < bars.length; i++) {
          e.pushFrom(bars, i);
          if (i % 7 !== 6 && i !== bars.length - 1) continue;
          for (const which of ['session', 'week'] as const) {
            const view = volumeProfileView(e, which);
            if (view === null) continue;
            expect([view.poc, view.val, view.vah]).toEqual(pocAndArea(view.values, view.low));
            const ref = findNodes(view.values, NODES, view.smoothMean);
            const price = (k: number): number => view.low + k * 0.25;
            expect(view.hvn).toEqual(ref.hvn.map(price));
            expect(view.lvn).toEqual(ref.lvn.map(price));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('builds the TPO letters, POC, value area and single prints of a from-scratch TPO', () => {
    fc.assert(
      fc.property(minuteSeries(400), (bars) => {
        const e = new LevelEngine();
        for (let i = 0; i < bars.length; i++) {
          e.pushFrom(bars, i);
          if (i % 5 !== 4 && i !== bars.length - 1) continue;
          const view = tpoView(e);
          const ref = referenceTpo(bars, i);
          expect(view === null).toBe(ref === null);
          if (view === null || ref === null) continue;
          expect(view.low).toBe(ref.low);
          expect(view.letters).toEqual(ref.letters);
          expect(view.singlePrints).toEqual(ref.singles);
          const counts = Float64Array.from(ref.letters, (s) => s.length);
          const [poc, val, vah] = pocAndArea(counts, ref.low);
          const row = e.levels();
          expect([row[LEVEL.tpoPoc], row[LEVEL.tpoVal], row[LEVEL.tpoVah]]).toEqual([
            poc,
            val,
            vah,
          ]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('matches a two-pass VWAP and σ over each anchor period found with luxon', () => {
    fc.assert(
      fc.property(minuteSeries(300), (bars) => {
        const keys = VWAP_ANCHORS.map((anchor) => referenceKeys(bars, anchor));
        const e = new LevelEngine();
        for (let i = 0; i < bars.length; i++) {
          e.pushFrom(bars, i);
          if (i % 11 !== 10 && i !== bars.length - 1) continue;
          const row = e.levels();
          keys.forEach((anchorKeys, a) => {
            const ref = referenceVwap(bars, i, anchorKeys);
            if (Number.isNaN(ref.vwap)) return expect(row[2 * a]).toBeNaN();
            expect(row[2 * a]).toBeCloseTo(ref.vwap, 7);
            expect(row[2 * a + 1]).toBeCloseTo(ref.sigma, 7);
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
