import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingMax, rollingMin } from './rolling';
import { RollingExtreme } from './rolling-extreme';

describe('rolling extreme', () => {
  it('equals a scan of the window after every push, NaN and ±0 included', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.double({ noDefaultInfinity: true }),
      fc.constantFrom(0, -0, Number.NaN),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(value, { maxLength: 200 }), (n, xs) => {
        const hi = new RollingExtreme(n, 1);
        const lo = new RollingExtreme(n, -1);
        const a = Float64Array.from(xs);
        xs.forEach((x, i) => {
          hi.push(x);
          lo.push(x);
          expect(Object.is(hi.value(), rollingMax(a, i, n))).toBe(true);
          expect(Object.is(lo.value(), rollingMin(a, i, n))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
