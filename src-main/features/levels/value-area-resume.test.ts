import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pocIndex, profileTotal } from './profile-stats';
import { valueArea } from './value-area';
import { ResumableValueArea } from './value-area-resume';

const SLOTS = 400;

/**
 * A bar: ticks [lo, lo + width] get `w` each; `query` asks for the value area after it (or
 * every bar asks, so that shifts of the old path pile up over many resumes).
 */
const barArb = fc.record({
  lo: fc.integer({ min: 150, max: 250 }),
  width: fc.integer({ min: 0, max: 25 }),
  // Whole or thirds: exact ties (whole) and rounding residue (thirds) both occur.
  w: fc.oneof(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 20 }).map((x) => x / 3),
  ),
  query: fc.boolean(),
});

describe('resumable value area', () => {
  it('equals the value area computed from the POC on every query of a growing profile', () => {
    fc.assert(
      fc.property(
        fc.array(barArb, { minLength: 1, maxLength: 120 }),
        fc.constantFrom(0.7, 0.5, 0.95),
        fc.boolean(),
        (bars, share, every) => {
          const values = new Float64Array(SLOTS);
          const resumed = new ResumableValueArea();
          const expected = new Int32Array(2);
          let first = Infinity;
          let last = -Infinity;
          let cLo = Infinity;
          let cHi = -Infinity;
          bars.forEach((bar, i) => {
            const a = bar.lo;
            const b = bar.lo + bar.width;
            // What VolumeHistogram reports as changed: the bar, and the old edge it joins.
            cLo = Math.min(cLo, a, b > last && first <= last ? last : Infinity);
            cHi = Math.max(cHi, b, a < first && first <= last ? first : -Infinity);
            for (let k = a; k <= b; k++) values[k] = (values[k] as number) + bar.w;
            first = Math.min(first, a);
            last = Math.max(last, b);
            if (!bar.query && !every && i < bars.length - 1) return;
            const n = last - first + 1;
            const total = profileTotal(values, first, n);
            const poc = pocIndex(values, first, n);
            valueArea(values, first, n, poc, share, total, expected);
            // The same total, summed in slot order: the target is identical either way.
            resumed.compute(values, first, last, first + poc, share * total, cLo, cHi);
            expect([resumed.lo - first, resumed.hi - first]).toEqual([expected[0], expected[1]]);
            cLo = Infinity;
            cHi = -Infinity;
          });
        },
      ),
      { numRuns: 600 },
    );
  });

  it('resumes after the POC moves and after a reset', () => {
    const values = new Float64Array(64);
    const r = new ResumableValueArea();
    const out = new Int32Array(2);
    const check = (first: number, last: number, cLo: number, cHi: number): void => {
      const n = last - first + 1;
      const poc = pocIndex(values, first, n);
      const total = profileTotal(values, first, n);
      valueArea(values, first, n, poc, 0.7, total, out);
      r.compute(values, first, last, first + poc, 0.7 * total, cLo, cHi);
      expect([r.lo, r.hi]).toEqual([first + (out[0] as number), first + (out[1] as number)]);
    };
    values.set([1, 2, 5, 2, 1, 1, 1], 20);
    check(20, 26, 20, 26);
    values[25] = 9; // the POC moves up
    check(20, 26, 25, 25);
    values[21] = 3; // inside the area
    check(20, 26, 21, 21);
    r.reset();
    values[30] = 4; // the range grows; its old edge joins the change
    check(20, 30, 26, 30);
  });
});
