import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utcMs } from '@shared/domain/brand';
import { isOnTickGrid } from '@shared/domain/instrument';
import { formingBar } from './forming-bar';

describe('forming bar', () => {
  const up = { time: utcMs(0), open: 100, high: 103, low: 99, close: 102, volume: 60 };

  it('starts at the open and ends exactly at the final bar', () => {
    expect(formingBar(up, 0)).toMatchObject({ open: 100, high: 100, low: 100, close: 100 });
    expect(formingBar(up, 1)).toEqual(up);
  });

  it('visits the low before the high on an up bar', () => {
    expect(formingBar(up, 1 / 3)).toMatchObject({ low: 99, high: 100, close: 99 });
    expect(formingBar(up, 2 / 3)).toMatchObject({ low: 99, high: 103, close: 103 });
  });

  it('only widens, stays inside the final range and on the tick grid (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (a, b, c, d, fractions) => {
          const low = 20_000;
          const high = low + Math.max(a, b, c, d) * 0.25 + 0.25;
          const final = {
            time: utcMs(0),
            open: low + a * 0.25,
            high,
            low,
            close: low + b * 0.25,
            volume: 100,
          };
          let prev = formingBar(final, 0);
          for (const f of [...fractions].sort((x, y) => x - y)) {
            const cur = formingBar(final, f);
            expect(cur.high).toBeGreaterThanOrEqual(prev.high);
            expect(cur.low).toBeLessThanOrEqual(prev.low);
            expect(cur.high).toBeLessThanOrEqual(final.high);
            expect(cur.low).toBeGreaterThanOrEqual(final.low);
            expect(cur.high >= cur.close && cur.close >= cur.low).toBe(true);
            expect(isOnTickGrid(cur.close)).toBe(true);
            prev = cur;
          }
        },
      ),
    );
  });
});
