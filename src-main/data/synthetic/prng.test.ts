import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

function draws(prng: Prng, n: number, f: (p: Prng) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(f(prng));
  return out;
}

function moments(xs: readonly number[]): { mean: number; variance: number; kurtosis: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  const variance = m2 / n;
  return { mean, variance, kurtosis: m4 / n / (variance * variance) };
}

describe('Prng', () => {
  it('matches the xoshiro128** reference implementation for state (1, 2, 3, 4)', () => {
    // Expected values from the authors' reference C code (prng.di.unimi.it, xoshiro128starstar.c).
    const prng = Prng.fromState(1, 2, 3, 4);
    expect(draws(prng, 6, (p) => p.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('repeats the same stream for the same seed', () => {
    const a = draws(new Prng(12345), 1000, (p) => p.nextUint32());
    const b = draws(new Prng(12345), 1000, (p) => p.nextUint32());
    expect(a).toEqual(b);
  });

  it('gives unrelated streams for neighbouring seeds', () => {
    const a = draws(new Prng(1), 1000, (p) => p.nextUint32());
    const b = draws(new Prng(2), 1000, (p) => p.nextUint32());
    const same = a.filter((x, i) => x === b[i]).length;
    expect(same).toBe(0);
    // Correlation of the uniform streams stays near zero.
    const ua = a.map((x) => x / 2 ** 32 - 0.5);
    const ub = b.map((x) => x / 2 ** 32 - 0.5);
    const corr = ua.reduce((s, x, i) => s + x * (ub[i] as number), 0) / (1000 / 12);
    expect(Math.abs(corr)).toBeLessThan(0.12);
  });

  it('accepts zero, negative, fractional and huge seeds and rejects non-finite ones', () => {
    for (const seed of [0, -1, 3.7, 2 ** 40, -(2 ** 52)]) {
      const x = new Prng(seed).next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(new Prng(3.7).next()).toBe(new Prng(3).next());
    expect(() => new Prng(Number.NaN)).toThrow(RangeError);
    expect(() => new Prng(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('draws uniforms in [0, 1) that fill ten equal buckets evenly (chi-square)', () => {
    const prng = new Prng(7);
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      const x = prng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = Math.floor(x * 10);
      counts[k] = (counts[k] as number) + 1;
    }
    const expected = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.9th percentile is 27.9.
    expect(chi2).toBeLessThan(27.9);
    const { mean, variance } = moments(draws(new Prng(8), n, (p) => p.next()));
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('never returns 0 or 1 from nextOpen, so its logarithm is finite', () => {
    const prng = new Prng(9);
    for (let i = 0; i < 50_000; i++) {
      const x = prng.nextOpen();
      expect(x > 0 && x < 1).toBe(true);
    }
  });

  it('draws standard normals with mean 0, variance 1, kurtosis 3 and 95% inside ±1.96', () => {
    const xs = draws(new Prng(11), 200_000, (p) => p.normal());
    const { mean, variance, kurtosis } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.1);
    const inside = xs.filter((x) => Math.abs(x) < 1.959964).length / xs.length;
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.003);
  });

  it('draws integers in [0, n) covering every value', () => {
    const prng = new Prng(13);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const k = prng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(7);
  });

  it('is deterministic and in range for any integer seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), (seed) => {
        const a = draws(new Prng(seed), 50, (p) => p.next());
        const b = draws(new Prng(seed), 50, (p) => p.next());
        expect(a).toEqual(b);
        for (const x of a) expect(x >= 0 && x < 1).toBe(true);
        for (const z of draws(new Prng(seed), 50, (p) => p.normal())) {
          expect(Number.isFinite(z)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
