import { describe, expect, it } from 'vitest';
import {
  fitClassPriors,
  fitLogistic,
  predictClassPriors,
  predictLogistic,
  softmaxRows,
} from './baselines';
import { classMetrics, logLoss } from './metrics';
import { makeRng, sampleClass, type Rng } from './test-support';

interface Data {
  X: Float32Array;
  y: Int8Array;
  /** True class probabilities (n×3), for the oracle. */
  p: Float64Array;
}

/** Planted signal: z_long = a·x0 + ½x2, z_short = a·x1 − ½x2, z_none = 0; other features noise. */
function planted(rng: Rng, n: number, d: number, a: number): Data {
  const X = new Float32Array(n * d);
  const y = new Int8Array(n);
  const logits = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = rng.normal() * (1 + j) + j; // unequal scales
    const x0 = ((X[i * d] as number) - 0) / 1;
    const x1 = ((X[i * d + 1] as number) - 1) / 2;
    const x2 = ((X[i * d + 2] as number) - 2) / 3;
    logits[i * 3] = a * x0 + 0.5 * x2;
    logits[i * 3 + 1] = a * x1 - 0.5 * x2;
  }
  const p = softmaxRows(logits);
  for (let i = 0; i < n; i++) y[i] = sampleClass(rng, p.subarray(i * 3, i * 3 + 3));
  return { X, y, p };
}

function noise(rng: Rng, n: number, d: number): Data {
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  const p = new Float64Array(n * 3).fill(1 / 3);
  const y = Int8Array.from({ length: n }, () => sampleClass(rng, [0.3, 0.3, 0.4]));
  return { X, y, p };
}

describe('class-prior baseline', () => {
  it('fits the frequencies of labelled, masked-in rows', () => {
    const labels = Int8Array.from([0, 0, 1, 2, -1, 1]);
    expect(Array.from(fitClassPriors(labels).priors)).toEqual([0.4, 0.4, 0.2]);
    expect(Array.from(fitClassPriors(labels, [1, 1, 1, 1, 1, 0]).priors)).toEqual([
      0.5, 0.25, 0.25,
    ]);
    // Laplace: (2+1, 0+1, 1+1) / 6.
    const s = fitClassPriors(Int8Array.from([0, 0, 2]), undefined, 1).priors;
    expect(s[0]).toBeCloseTo(0.5, 12);
    expect(s[1]).toBeCloseTo(1 / 6, 12);
    expect(() => fitClassPriors(Int8Array.from([-1]))).toThrow(/no labelled row/);
  });

  it('predicts the same row for every sample, and its log loss is the label entropy', () => {
    const labels = Int8Array.from([0, 0, 1, 2]);
    const model = fitClassPriors(labels);
    const probs = predictClassPriors(model, 4);
    expect(Array.from(probs.subarray(9, 12))).toEqual([0.5, 0.25, 0.25]);
    const entropy = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    expect(logLoss(probs, labels)).toBeCloseTo(entropy, 12);
  });
});

describe('multinomial logistic regression', () => {
  it('recovers a planted linear signal (test AUC > 0.9, near the oracle)', () => {
    const rng = makeRng(1);
    const d = 12;
    const train = planted(rng, 20000, d, 4);
    const test = planted(rng, 10000, d, 4);
    const model = fitLogistic(train.X, d, train.y);
    expect(model.converged).toBe(true);
    const m = classMetrics(predictLogistic(model, test.X), test.y);
    const oracle = classMetrics(test.p, test.y);
    expect(m.auc_long).toBeGreaterThan(0.9);
    // Optimality of the unpenalised intercepts: mean training probability = class frequency.
    const fitted = predictLogistic(model, train.X);
    const priors = fitClassPriors(train.y).priors;
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let i = 0; i < train.y.length; i++) s += fitted[i * 3 + k] as number;
      expect(s / train.y.length).toBeCloseTo(priors[k] as number, 4);
    }
    expect(m.auc_short).toBeGreaterThan(0.9);
    expect(m.auc_long).toBeGreaterThan(oracle.auc_long - 0.005);
    expect(m.logloss).toBeLessThan(oracle.logloss + 0.01);
    // The true raw-space coefficient of x0 for "long" is 4 (x0 has sd 1): weight/scale ≈ 4
    // relative to "none" (softmax is only identified up to a shift; none's weight is the base).
    const w = (k: number, j: number): number =>
      (model.weights[k * d + j] as number) / (model.scale[j] as number);
    expect(w(0, 0) - w(2, 0)).toBeGreaterThan(3.6);
    expect(w(0, 0) - w(2, 0)).toBeLessThan(4.4);
  });

  it('finds nothing in pure noise (test AUC ≈ 0.5, log loss ≈ the prior baseline)', () => {
    const rng = makeRng(2);
    const d = 20;
    const train = noise(rng, 20000, d);
    const test = noise(rng, 20000, d);
    const model = fitLogistic(train.X, d, train.y);
    const probs = predictLogistic(model, test.X);
    const m = classMetrics(probs, test.y);
    expect(Math.abs(m.auc_long - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(m.auc_short - 0.5)).toBeLessThan(0.02);
    const prior = logLoss(predictClassPriors(fitClassPriors(train.y), test.y.length), test.y);
    expect(m.logloss).toBeLessThan(prior + 0.005);
  });

  it('ignores masked and unlabelled rows, and drops rows with non-finite features', () => {
    const rng = makeRng(3);
    const d = 4;
    const base = planted(rng, 3000, d, 2);
    const model = fitLogistic(base.X, d, base.y);
    // Append garbage: rows with flipped labels (masked out), label −1, and a NaN feature.
    const n = 3000 + 300;
    const X = new Float32Array(n * d);
    X.set(base.X);
    const y = new Int8Array(n);
    y.set(base.y);
    const mask = new Uint8Array(n).fill(1);
    for (let i = 3000; i < n; i++) {
      for (let j = 0; j < d; j++) X[i * d + j] = 50 * (j + 1);
      const kind = i % 3;
      y[i] = kind === 1 ? -1 : 0;
      if (kind === 0) mask[i] = 0;
      if (kind === 2) X[i * d + 3] = NaN;
    }
    const masked = fitLogistic(X, d, y, mask);
    expect(masked.nTrain).toBe(3000);
    expect(masked.nDroppedNonFinite).toBe(100);
    expect(Array.from(masked.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(masked.mean)).toEqual(Array.from(model.mean));
  });

  it('predicts a non-finite feature as its training mean', () => {
    const rng = makeRng(9);
    const d = 3;
    const data = planted(rng, 3000, d, 2);
    const model = fitLogistic(data.X, d, data.y);
    const row = Float32Array.from([0.7, NaN, 2.5]);
    const atMean = Float32Array.from([0.7, model.mean[1] as number, 2.5]);
    const a = predictLogistic(model, row);
    const b = predictLogistic(model, atMean);
    for (let k = 0; k < 3; k++) expect(a[k]).toBeCloseTo(b[k] as number, 5);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic', () => {
    const rng = makeRng(4);
    const data = planted(rng, 2000, 6, 1);
    const a = fitLogistic(data.X, 6, data.y);
    const b = fitLogistic(data.X, 6, data.y);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.iterations).toBe(b.iterations);
  });

  it('shrinks toward the priors under a strong L2 penalty', () => {
    const rng = makeRng(5);
    const data = planted(rng, 4000, 5, 3);
    const strong = fitLogistic(data.X, 5, data.y, undefined, { l2: 1e3 });
    const probs = predictLogistic(strong, data.X.subarray(0, 5));
    const priors = fitClassPriors(data.y).priors;
    for (let k = 0; k < 3; k++) expect(probs[k]).toBeCloseTo(priors[k] as number, 2);
  });

  it('raises the rare class with balanced class weights', () => {
    const rng = makeRng(6);
    const n = 6000;
    const d = 3;
    const X = Float32Array.from({ length: n * d }, () => rng.normal());
    const y = Int8Array.from({ length: n }, (_, i) => {
      const x0 = X[i * d] as number;
      return sampleClass(rng, [0.05 + 0.04 * Math.tanh(x0), 0.45, 0.5 - 0.04 * Math.tanh(x0)]);
    });
    const meanLong = (p: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += p[i * 3] as number;
      return s / n;
    };
    const plain = meanLong(predictLogistic(fitLogistic(X, d, y), X));
    const balanced = meanLong(
      predictLogistic(fitLogistic(X, d, y, undefined, { classWeights: 'balanced' }), X),
    );
    expect(plain).toBeLessThan(0.1);
    expect(balanced).toBeGreaterThan(0.25);
  });

  it('rejects a matrix of the wrong shape', () => {
    expect(() => fitLogistic(new Float32Array(5), 2, Int8Array.from([0, 1, 2]))).toThrow(
      /expected 3×2/,
    );
  });

  it('fits n = 70,000 × d = 85 in a few seconds', () => {
    const rng = makeRng(8);
    const d = 85;
    const data = planted(rng, 70000, d, 1);
    const t0 = performance.now();
    const model = fitLogistic(data.X, d, data.y);
    const ms = performance.now() - t0;
    console.log(`fitLogistic 70000×85: ${ms.toFixed(0)} ms, ${model.iterations} iterations`);
    expect(ms).toBeLessThan(6000);
    expect(model.iterations).toBeLessThanOrEqual(200);
  });
});
