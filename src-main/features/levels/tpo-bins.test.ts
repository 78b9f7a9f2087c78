import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pocIndex, profileTotal } from './profile-stats';
import { TpoBins } from './tpo-profile';
import { valueArea } from './value-area';

describe('TPO bins', () => {
  it('keep total, POC and value area equal to a scan of the counts after every mark', () => {
    const mark = fc.record({
      lo: fc.integer({ min: 0, max: 60 }),
      width: fc.integer({ min: 0, max: 12 }),
      period: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(mark, { minLength: 1, maxLength: 60 }), (marks) => {
        // A small capacity, so the window also moves and doubles.
        const bins = new TpoBins(16);
        const area = new Int32Array(2);
        const expected = new Int32Array(2);
        for (const m of marks) {
          bins.mark(1000 + m.lo, 1000 + m.lo + m.width, 1 << m.period);
          const n = bins.size;
          const total = profileTotal(bins.data, bins.from, n);
          const poc = pocIndex(bins.data, bins.from, n);
          valueArea(bins.data, bins.from, n, poc, 0.7, total, expected);
          expect(bins.total).toBe(total);
          expect(bins.pocTick()).toBe(bins.lo + poc);
          bins.valueArea(0.7, area);
          expect([area[0], area[1]]).toEqual([
            bins.lo + (expected[0] as number),
            bins.lo + (expected[1] as number),
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
