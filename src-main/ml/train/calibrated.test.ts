import { describe, expect, it } from 'vitest';
import { adaptQuantiles, type Predictions } from './calibrated';

/** Seeded standard normals. */
function normals(n: number, seed: number): Float64Array {
  let s = seed;
  const u = (): number => ((s = (s * 16807) % 2147483647) + 0.5) / 2147483647;
  return Float64Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  );
}

/** Predictions for one horizon with fixed P10/P90 = ∓1.2816 (right for σ = 1). */
function fixedBands(n: number): Predictions {
  const quantiles = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) quantiles.set([-1.2816, 0, 1.2816], i * 3);
  return {
    from: 0,
    to: n,
    probs: new Float64Array(n * 3),
    confidence: new Float64Array(n),
    quantiles,
  };
}

const coverage = (q: Float64Array, y: Float64Array, from: number): number => {
  let inside = 0;
  for (let i = from; i < y.length; i++) {
    if ((y[i] as number) >= (q[i * 3] as number) && (y[i] as number) <= (q[i * 3 + 2] as number))
      inside++;
  }
  return inside / (y.length - from);
};

describe('adaptQuantiles', () => {
  it('brings coverage back to about 80% after volatility doubles', () => {
    const n = 6000;
    const y = normals(n, 3).map((v, i) => (i < 1000 ? v : 2 * v));
    const pred = fixedBands(n);
    expect(coverage(pred.quantiles, y, 2000)).toBeLessThan(0.55);
    const adapted = adaptQuantiles(pred, Float32Array.from(y), [3]);
    expect(coverage(adapted.quantiles, y, 2000)).toBeGreaterThan(0.76);
    expect(coverage(adapted.quantiles, y, 2000)).toBeLessThan(0.84);
  });

  it('never uses a target before it is known (horizon h: rows ≤ i − h only)', () => {
    const n = 400;
    const y = normals(n, 5);
    const base = adaptQuantiles(fixedBands(n), Float32Array.from(y), [6]);
    const i = 250;
    // Change every target that is not yet known at row i (rows > i − 6).
    const changed = Float32Array.from(y, (v, j) => (j > i - 6 ? v * 10 : v));
    const other = adaptQuantiles(fixedBands(n), changed, [6]);
    for (let r = 0; r <= i; r++) {
      expect(other.quantiles[r * 3]).toBe(base.quantiles[r * 3]);
      expect(other.quantiles[r * 3 + 2]).toBe(base.quantiles[r * 3 + 2]);
    }
    // ...but the rows after it do see them (the test can fail).
    expect(other.quantiles[(n - 1) * 3]).not.toBe(base.quantiles[(n - 1) * 3]);
  });

  it('leaves the median alone', () => {
    const n = 100;
    const out = adaptQuantiles(fixedBands(n), Float32Array.from(normals(n, 9)), [1]);
    for (let i = 0; i < n; i++) expect(out.quantiles[i * 3 + 1]).toBe(0);
  });
});
