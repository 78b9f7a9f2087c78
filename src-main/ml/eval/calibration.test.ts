import { describe, expect, it } from 'vitest';
import { softmaxRows } from './baselines';
import {
  applyQuantileRecalibration,
  applyTemperature,
  empiricalQuantile,
  fitQuantileRecalibration,
  fitTemperature,
  MAX_TEMPERATURE,
  temperatureNll,
} from './calibration';
import { coverage, logLoss } from './metrics';
import { makeRng, sampleClass, type Rng } from './test-support';

/** Calibrated generator: labels drawn from softmax(z); returns the logits scaled by `scale`. */
function generate(rng: Rng, n: number, scale: number): { logits: Float64Array; labels: Int8Array } {
  const z = Float64Array.from({ length: n * 3 }, () => 1.5 * rng.normal());
  const p = softmaxRows(z);
  const labels = Int8Array.from({ length: n }, (_, i) =>
    sampleClass(rng, p.subarray(i * 3, i * 3 + 3)),
  );
  return { logits: z.map((v) => v * scale), labels };
}

describe('temperature scaling', () => {
  it('applies softmax(logits / T) (hand-computed)', () => {
    const logits = [0, Math.log(2), Math.log(4)];
    const p1 = applyTemperature(logits, 1);
    expect(p1[0]).toBeCloseTo(1 / 7, 12);
    expect(p1[2]).toBeCloseTo(4 / 7, 12);
    // T = 2 → weights 1, √2, 2.
    const p2 = applyTemperature(logits, 2);
    expect(p2[1]).toBeCloseTo(Math.SQRT2 / (3 + Math.SQRT2), 12);
    expect(() => applyTemperature(logits, 0)).toThrow();
  });

  it('recovers T ≈ 3 from logits scaled ×3 and T ≈ 1 from calibrated logits', () => {
    const rng = makeRng(21);
    const over = generate(rng, 20000, 3);
    const T = fitTemperature(over.logits, over.labels);
    expect(T).toBeGreaterThan(2.7);
    expect(T).toBeLessThan(3.3);
    const calibrated = generate(rng, 20000, 1);
    const T1 = fitTemperature(calibrated.logits, calibrated.labels);
    expect(Math.abs(T1 - 1)).toBeLessThan(0.1);
  });

  it('minimises the NLL: the fitted T beats T = 1 and nearby temperatures', () => {
    const rng = makeRng(22);
    const { logits, labels } = generate(rng, 5000, 0.4); // under-confident → T < 1
    const T = fitTemperature(logits, labels);
    expect(T).toBeLessThan(0.5);
    const nll = temperatureNll(logits, labels, T);
    expect(nll).toBeCloseTo(logLoss(applyTemperature(logits, T), labels), 10);
    expect(nll).toBeLessThan(temperatureNll(logits, labels, 1));
    expect(nll).toBeLessThanOrEqual(temperatureNll(logits, labels, T * 1.01));
    expect(nll).toBeLessThanOrEqual(temperatureNll(logits, labels, T / 1.01));
  });

  it('ignores unlabelled and masked rows', () => {
    const rng = makeRng(23);
    const { logits, labels } = generate(rng, 4000, 3);
    const T = fitTemperature(logits, labels);
    // Confidently wrong extra rows, excluded by label −1 or the mask.
    const n = 4000 + 200;
    const l2 = new Float64Array(n * 3);
    l2.set(logits);
    const y2 = new Int8Array(n);
    y2.set(labels);
    const mask = new Uint8Array(n).fill(1);
    for (let i = 4000; i < n; i++) {
      l2[i * 3] = 30;
      y2[i] = i % 2 === 0 ? -1 : 2;
      mask[i] = i % 2 === 0 ? 1 : 0;
    }
    expect(fitTemperature(l2, y2, mask)).toBeCloseTo(T, 6);
    expect(fitTemperature(l2, y2)).toBeGreaterThan(T * 1.2); // the wrong rows do matter unmasked
  });

  it('hits the upper bound for uninformative logits and rejects an empty fit', () => {
    const rng = makeRng(24);
    const logits = Float64Array.from({ length: 3000 }, () => rng.normal());
    const labels = Int8Array.from({ length: 1000 }, () => sampleClass(rng, [1 / 3, 1 / 3, 1 / 3]));
    expect(fitTemperature(logits, labels)).toBeGreaterThan(MAX_TEMPERATURE / 4);
    expect(fitTemperature(logits, labels)).toBeLessThanOrEqual(MAX_TEMPERATURE);
    expect(() => fitTemperature(new Float64Array(3), Int8Array.from([-1]))).toThrow(/no labelled/);
  });
});

describe('empiricalQuantile', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(empiricalQuantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(empiricalQuantile([10, 0], 0.1)).toBeCloseTo(1, 12);
    expect(empiricalQuantile([5], 0.9)).toBe(5);
    expect(empiricalQuantile([], 0.5)).toBeNaN();
  });
});

describe('quantile recalibration', () => {
  it('computes the scales by hand and skips zero widths and NaN targets', () => {
    // p50 = 0, widths 1: residuals = targets −5..5. Q_0.1 (h = 1) = −4, Q_0.9 (h = 9) = 4.
    const targets = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 100, NaN];
    const n = targets.length;
    const p10 = new Float64Array(n).fill(-1);
    const p50 = new Float64Array(n);
    const p90 = new Float64Array(n).fill(1);
    p10[11] = 0; // zero widths on the outlier row
    p90[11] = 0;
    const r = fitQuantileRecalibration(p10, p50, p90, targets);
    expect(r).toEqual({ lowScale: 4, highScale: 4, nLow: 11, nHigh: 11 });
    // nominal 0.5: α = 0.25, h = 2.5 → −2.5 and 2.5.
    const r50 = fitQuantileRecalibration(p10, p50, p90, targets, 0.5);
    expect(r50.lowScale).toBeCloseTo(2.5, 12);
    expect(r50.highScale).toBeCloseTo(2.5, 12);
    const out = applyQuantileRecalibration([-1, 9], [0, 10], [2, 11], r);
    expect(Array.from(out.p10)).toEqual([-4, 6]);
    expect(Array.from(out.p50)).toEqual([0, 10]);
    expect(Array.from(out.p90)).toEqual([8, 14]);
  });

  it('keeps the identity when a tail has no usable row, and never crosses the median', () => {
    const none = fitQuantileRecalibration([0], [0], [0], [1]);
    expect(none).toEqual({ lowScale: 1, highScale: 1, nLow: 0, nHigh: 0 });
    // Every target far above p50: the lower quantile of residuals is positive → scale 0.
    const above = fitQuantileRecalibration([-1, -1], [0, 0], [1, 1], [5, 6]);
    expect(above.lowScale).toBe(0);
  });

  /** Heteroscedastic forecast whose intervals are `shrink` times too narrow. */
  function sample(rng: Rng, n: number, shrink: number, skew: boolean) {
    const p10 = new Float64Array(n);
    const p50 = new Float64Array(n);
    const p90 = new Float64Array(n);
    const target = new Float64Array(n);
    const z90 = 1.2815515655446004;
    for (let i = 0; i < n; i++) {
      const mu = 3 * rng.normal();
      const sigma = Math.exp(0.5 * rng.normal());
      // Skewed noise: Exp(1) − ln 2 (median 0), else standard normal.
      const eps = skew ? -Math.log(1 - rng.uniform()) - Math.LN2 : rng.normal();
      target[i] = mu + sigma * eps;
      p50[i] = mu;
      p10[i] = mu - shrink * z90 * sigma;
      p90[i] = mu + shrink * z90 * sigma;
    }
    return { p10, p50, p90, target };
  }

  function tails(q: {
    p10: ArrayLike<number>;
    p90: ArrayLike<number>;
    target: ArrayLike<number>;
  }): { below: number; above: number } {
    let below = 0;
    let above = 0;
    for (let i = 0; i < q.target.length; i++) {
      if ((q.target[i] as number) < (q.p10[i] as number)) below++;
      if ((q.target[i] as number) > (q.p90[i] as number)) above++;
    }
    return { below: below / q.target.length, above: above / q.target.length };
  }

  it('restores 80% coverage of under-dispersed quantiles on fresh samples', () => {
    const rng = makeRng(31);
    const val = sample(rng, 20000, 0.5, false);
    const test = sample(rng, 20000, 0.5, false);
    expect(coverage(test.p10, test.p90, test.target)).toBeLessThan(0.5);
    const r = fitQuantileRecalibration(val.p10, val.p50, val.p90, val.target);
    expect(r.lowScale).toBeCloseTo(2, 1);
    expect(r.highScale).toBeCloseTo(2, 1);
    const fixed = {
      ...applyQuantileRecalibration(test.p10, test.p50, test.p90, r),
      target: test.target,
    };
    expect(Math.abs(coverage(fixed.p10, fixed.p90, fixed.target) - 0.8)).toBeLessThan(0.02);
    const t = tails(fixed);
    expect(Math.abs(t.below - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(t.above - 0.1)).toBeLessThan(0.015);
  });

  it('fits each tail separately for skewed errors', () => {
    const rng = makeRng(32);
    const val = sample(rng, 20000, 0.5, true);
    const test = sample(rng, 20000, 0.5, true);
    const r = fitQuantileRecalibration(val.p10, val.p50, val.p90, val.target);
    // Exp(1) − ln 2: Q_0.1 = −ln 0.9 − ln 2 ≈ −0.588, Q_0.9 = ln 10 − ln 2 ≈ 1.609; half-width
    // 0.5 · 1.2816 = 0.641 → scales ≈ 0.92 and ≈ 2.51.
    expect(r.lowScale).toBeCloseTo(0.917, 1);
    expect(r.highScale).toBeCloseTo(2.511, 1);
    const fixed = {
      ...applyQuantileRecalibration(test.p10, test.p50, test.p90, r),
      target: test.target,
    };
    expect(Math.abs(coverage(fixed.p10, fixed.p90, fixed.target) - 0.8)).toBeLessThan(0.02);
    const t = tails(fixed);
    expect(Math.abs(t.below - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(t.above - 0.1)).toBeLessThan(0.015);
  });
});
