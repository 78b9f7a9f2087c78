import { describe, expect, it } from 'vitest';
import {
  aucBinary,
  brierScore,
  classMetrics,
  coverage,
  expectedCalibrationError,
  logLoss,
  pinballLoss,
  reliabilityCurve,
} from './metrics';
import { makeRng } from './test-support';

/** O(n²) reference: P(score₊ > score₋) + ½ P(tie). */
function bruteAuc(scores: ArrayLike<number>, pos: ArrayLike<number>): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!pos[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (pos[j]) continue;
      pairs++;
      const a = scores[i] as number;
      const b = scores[j] as number;
      num += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return num / pairs;
}

describe('aucBinary', () => {
  it('matches the hand-computed textbook example', () => {
    // Positive 0.35 beats 0.1 but loses to 0.4; positive 0.8 beats both: 3 of 4 pairs.
    expect(aucBinary([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('gives ties the average rank (a tied pair counts one half)', () => {
    expect(aucBinary([0.5, 0.5], [1, 0])).toBe(0.5);
    // Pairs: (.5 vs .1) 1, (.5 vs .5) ½, (.9 vs .1) 1, (.9 vs .5) 1 → 3.5 / 4.
    expect(aucBinary([0.1, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBeCloseTo(0.875, 12);
    expect(aucBinary([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, and accepts booleans', () => {
    expect(aucBinary([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(aucBinary([4, 3, 2, 1], [false, false, true, true])).toBe(0);
  });

  it('returns NaN when one class is absent', () => {
    expect(aucBinary([1, 2, 3], [0, 0, 0])).toBeNaN();
    expect(aucBinary([1, 2, 3], [1, 1, 1])).toBeNaN();
    expect(aucBinary([], [])).toBeNaN();
  });

  it('skips non-finite scores', () => {
    expect(aucBinary([0.1, NaN, 0.9], [0, 0, 1])).toBe(1);
  });

  it('equals the pairwise count on random data with many ties, and is rank-invariant', () => {
    const rng = makeRng(7);
    const n = 300;
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = Math.round(rng.normal() * 3) / 3; // heavy ties
      y[i] = rng.uniform() < 0.3 + 0.1 * (s[i] as number) ? 1 : 0;
    }
    const auc = aucBinary(s, y);
    expect(auc).toBeCloseTo(bruteAuc(s, y), 12);
    expect(
      aucBinary(
        s.map((v) => Math.exp(v) * 5 - 2),
        y,
      ),
    ).toBeCloseTo(auc, 12);
    expect(
      aucBinary(
        s.map((v) => -v),
        y,
      ),
    ).toBeCloseTo(1 - auc, 12);
  });
});

// Three rows: [p_long, p_short, p_none].
const P = new Float64Array([0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6]);

describe('logLoss', () => {
  it('averages −log p[label] over labelled rows', () => {
    expect(logLoss(P, Int8Array.from([0, 1, 2]))).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.6) + Math.log(0.6)) / 3,
      12,
    );
  });

  it('skips label −1 and masked rows', () => {
    const expected = -(Math.log(0.7) + Math.log(0.6)) / 2;
    expect(logLoss(P, Int8Array.from([0, 1, -1]))).toBeCloseTo(expected, 12);
    expect(logLoss(P, Int8Array.from([0, 2, 1]), [1, 0, 1])).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.2)) / 2,
      12,
    );
    expect(logLoss(P, Int8Array.from([-1, -1, -1]))).toBeNaN();
  });

  it('clips zero probabilities to 1e-12', () => {
    expect(logLoss(new Float64Array([0, 1, 0]), Int8Array.from([0]))).toBeCloseTo(
      -Math.log(1e-12),
      9,
    );
  });

  it('clips probabilities above 1 (no negative loss)', () => {
    expect(logLoss(new Float64Array([1.5, 0, 0]), Int8Array.from([0]))).toBe(0);
  });

  it('rejects a probability array of the wrong shape', () => {
    expect(() => logLoss(new Float64Array(4), Int8Array.from([0, 1]))).toThrow(/expected 2×3/);
  });
});

describe('brierScore', () => {
  it('sums squared errors against the one-hot label, averaged over rows', () => {
    // Row 0 (long): .3² + .2² + .1² = .14; row 1 (short): .1² + .4² + .3² = .26.
    expect(brierScore(P, Int8Array.from([0, 1, -1]))).toBeCloseTo(0.2, 12);
    expect(brierScore(P, Int8Array.from([0, 1, 2]), [true, true, false])).toBeCloseTo(0.2, 12);
  });

  it('is 2/3 for a uniform forecast, 0 for a perfect one and 2 for a confidently wrong one', () => {
    const u = new Float64Array([1 / 3, 1 / 3, 1 / 3]);
    expect(brierScore(u, Int8Array.from([2]))).toBeCloseTo(2 / 3, 12);
    expect(brierScore(new Float64Array([0, 0, 1]), Int8Array.from([2]))).toBe(0);
    expect(brierScore(new Float64Array([1, 0, 0]), Int8Array.from([2]))).toBe(2);
  });
});

describe('reliabilityCurve', () => {
  it('bins equal-width, reports empty bins with count 0, and puts p = 1 in the last bin', () => {
    const curve = reliabilityCurve([0.05, 0.15, 0.12, 0.95, 1, NaN], [0, 1, 0, 1, 1, 1]);
    expect(curve).toHaveLength(10);
    expect(curve.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(curve[0]?.meanPredicted).toBeCloseTo(0.05, 12);
    expect(curve[0]?.observedFrequency).toBe(0);
    expect(curve[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(curve[1]?.observedFrequency).toBe(0.5);
    expect(curve[9]?.meanPredicted).toBeCloseTo(0.975, 12);
    expect(curve[9]?.observedFrequency).toBe(1);
    expect(curve[4]?.meanPredicted).toBeNaN();
    expect(curve[4]?.lo).toBeCloseTo(0.4, 12);
    // ECE = (1·|.05−0| + 2·|.135−.5| + 2·|.975−1|) / 5.
    expect(expectedCalibrationError(curve)).toBeCloseTo((0.05 + 0.73 + 0.05) / 5, 12);
  });

  it('is near the diagonal for a calibrated forecast', () => {
    const rng = makeRng(3);
    const n = 20000;
    const p = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      p[i] = rng.uniform();
      y[i] = rng.uniform() < (p[i] as number) ? 1 : 0;
    }
    const curve = reliabilityCurve(p, y, 5);
    for (const b of curve)
      expect(Math.abs(b.observedFrequency - b.meanPredicted)).toBeLessThan(0.03);
    expect(expectedCalibrationError(curve)).toBeLessThan(0.02);
  });
});

describe('pinballLoss and coverage', () => {
  it('computes the pinball loss by hand', () => {
    // Under-prediction by 1 costs q, over-prediction by 1 costs 1 − q.
    expect(pinballLoss([0, 0], [1, -1], 0.9)).toBeCloseTo((0.9 + 0.1) / 2, 12);
    expect(pinballLoss([0, 0, 0], [2, -4, NaN], 0.5)).toBeCloseTo((1 + 2) / 2, 12);
    expect(pinballLoss([1], [NaN], 0.5)).toBeNaN();
    expect(() => pinballLoss([0], [0], 1)).toThrow(/not in \(0, 1\)/);
  });

  it('is minimised by the true quantile', () => {
    const rng = makeRng(11);
    const t = Float64Array.from({ length: 20000 }, () => rng.normal());
    const at = (v: number): number => pinballLoss(new Float64Array(t.length).fill(v), t, 0.9);
    const q90 = 1.2816;
    expect(at(q90)).toBeLessThan(at(q90 - 0.3));
    expect(at(q90)).toBeLessThan(at(q90 + 0.3));
  });

  it('counts the fraction of finite targets inside [lo, hi], bounds included', () => {
    expect(coverage([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 1, 2, NaN])).toBeCloseTo(2 / 3, 12);
    expect(coverage([0], [1], [NaN])).toBeNaN();
  });
});

describe('classMetrics', () => {
  it('combines AUCs, log loss, Brier score and priors over included rows', () => {
    const probs = new Float64Array([
      0.6,
      0.3,
      0.1, // long
      0.2,
      0.5,
      0.3, // short
      0.3,
      0.3,
      0.4, // none
      0.5,
      0.4,
      0.1, // short
      0.9,
      0.05,
      0.05, // excluded by the mask
      0.1,
      0.1,
      0.8, // unknown label
    ]);
    const labels = Int8Array.from([0, 1, 2, 1, 0, -1]);
    const mask = [1, 1, 1, 1, 0, 1];
    const m = classMetrics(probs, labels, mask);
    expect(m.n).toBe(4);
    expect(m.priors).toEqual([0.25, 0.5, 0.25]);
    // p_long: long 0.6 beats .2, .3, .5 → 1. p_short: shorts .5, .4 vs negatives .3, .3 → 1.
    expect(m.auc_long).toBe(1);
    expect(m.auc_short).toBe(1);
    expect(m.logloss).toBeCloseTo(
      -(Math.log(0.6) + Math.log(0.5) + Math.log(0.4) + Math.log(0.4)) / 4,
      12,
    );
    expect(m.brier).toBeCloseTo(brierScore(probs, labels, mask), 12);
  });

  it('reports NaN AUC when a class is missing', () => {
    const m = classMetrics(new Float64Array([0.5, 0.3, 0.2]), Int8Array.from([2]));
    expect(m.auc_long).toBeNaN();
    expect(m.priors).toEqual([0, 0, 1]);
  });
});
