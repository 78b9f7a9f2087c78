import { describe, expect, it } from 'vitest';
import { tileSpan } from './batches';

describe('tileSpan', () => {
  it.each([
    [0, 1000, 64, 30, 1000, 0],
    [100, 777, 64, 30, 1000, 17],
    [950, 1000, 64, 30, 1000, 63],
    [0, 1000, 128, 10, 1000, 5],
  ])('covers every decision row of [%i, %i) exactly once', (from, to, q, history, n, offset) => {
    const chunks = tileSpan(from, to, q, history, n, offset);
    const seen = new Uint8Array(n);
    for (const c of chunks) {
      expect(c.first - history).toBeGreaterThanOrEqual(0);
      expect(c.first + q).toBeLessThanOrEqual(n);
      expect(c.from).toBeGreaterThanOrEqual(c.first);
      expect(c.to).toBeLessThanOrEqual(c.first + q);
      for (let r = c.from; r < c.to; r++) seen[r]! += 1;
    }
    for (let r = 0; r < n; r++) {
      const expected = r >= Math.max(from, history) && r < to ? 1 : 0;
      expect(seen[r], `row ${r}`).toBe(expected);
    }
  });

  it('refuses data too short for one sequence', () => {
    expect(() => tileSpan(0, 50, 64, 30, 60)).toThrow(/cannot hold/);
  });
});
