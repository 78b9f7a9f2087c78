import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingMedian } from './rolling-median';

/** The definition: sort the last n values, take the middle (or the mean of the two middle). */
function sortedMedian(xs: readonly number[], n: number): number {
  if (xs.length < n) return Number.NaN;
  const w = Float64Array.from(xs.slice(xs.length - n)).sort();
  return n % 2 === 1
    ? (w[(n - 1) >> 1] as number)
    : ((w[n / 2 - 1] as number) + (w[n / 2] as number)) / 2;
}

describe('rolling median', () => {
  it('equals the median of the sorted window after every push, NaN and ±0 included', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 6 }).map((x) => x / 4),
      fc.double({ noDefaultInfinity: true }),
      fc.constantFrom(0, -0, Number.NaN),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(value, { maxLength: 200 }), (n, xs) => {
        const m = new RollingMedian(n);
        const seen: number[] = [];
        for (const x of xs) {
          m.push(x);
          seen.push(x);
          expect(Object.is(m.median(), sortedMedian(seen, n))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
