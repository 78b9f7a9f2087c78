import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { focalLoss, pinballLoss } from './losses';
import { expectNoLeak, setupBackend } from './test-helpers';

beforeAll(async () => {
  await setupBackend();
});

const scalar = (t: tf.Tensor): number => t.dataSync()[0]!;

describe('pinballLoss', () => {
  // quantiles q = [0.1, 0.5, 0.9], ρ_q(e) = max(q·e, (q − 1)·e), e = y − ŷ
  // sample 0: y = 1, ŷ = [0, 1, 2] → e = [1, 0, −1]
  //   ρ = [max(0.1, −0.9), 0, max(−0.9, 0.1)] = [0.1, 0, 0.1] → mean 0.2 / 3
  // sample 1: y = 2, ŷ = [3, 1, 4] → e = [−1, 1, −2]
  //   ρ = [max(−0.1, 0.9), max(0.5, −0.5), max(−1.8, 0.2)] = [0.9, 0.5, 0.2] → mean 1.6 / 3
  // overall mean = (0.2 + 1.6) / 6 = 0.3
  const q = [0.1, 0.5, 0.9];

  it('matches the hand-computed value', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = pinballLoss(
          tf.tensor1d([1, 2]),
          tf.tensor2d([
            [0, 1, 2],
            [3, 1, 4],
          ]),
          q,
        );
        expect(scalar(loss)).toBeCloseTo(0.3, 6);
      }),
    );
  });

  it('excludes masked samples (mask [1, 0] keeps only sample 0 → 0.2 / 3)', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = pinballLoss(
          tf.tensor1d([1, 2]),
          tf.tensor2d([
            [0, 1, 2],
            [3, 1, 4],
          ]),
          q,
          tf.tensor1d([1, 0]),
        );
        expect(scalar(loss)).toBeCloseTo(0.2 / 3, 6);
      }),
    );
  });

  it('handles batch × horizon × quantile (same numbers laid out as 1 sample × 2 horizons)', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = pinballLoss(
          tf.tensor2d([[1, 2]]),
          tf.tensor3d([
            [
              [0, 1, 2],
              [3, 1, 4],
            ],
          ]),
          q,
        );
        expect(scalar(loss)).toBeCloseTo(0.3, 6);
      }),
    );
  });
});

describe('focalLoss', () => {
  // FL = −α_y (1 − p_y)^γ ln p_y, γ = 2, α = [1, 2, 0.5] for {long, short, none}
  // sample 0: label 0, p = 0.5: 1 · 0.25 · ln 2        = 0.25 · 0.693147 = 0.173287
  // sample 1: label 1, p = 0.8: 2 · 0.04 · ln(1/0.8)   = 0.08 · 0.223144 = 0.017851
  // sample 2: label 2, p = 0.6: 0.5 · 0.16 · ln(1/0.6) = 0.08 · 0.510826 = 0.040866
  // mean = (0.173287 + 0.017851 + 0.040866) / 3 = 0.232004 / 3 = 0.077335
  const probs = (): tf.Tensor2D =>
    tf.tensor2d([
      [0.5, 0.3, 0.2],
      [0.1, 0.8, 0.1],
      [0.2, 0.2, 0.6],
    ]);
  const labels = (): tf.Tensor1D => tf.tensor1d([0, 1, 2], 'int32');

  it('matches the hand-computed value', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = focalLoss(probs(), labels(), { classWeights: [1, 2, 0.5] });
        expect(scalar(loss)).toBeCloseTo(0.077335, 5);
      }),
    );
  });

  it('reduces to cross-entropy when γ = 0 and α = 1: (ln 2 + ln 1.25 + ln(5/3)) / 3', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = focalLoss(probs(), labels(), { gamma: 0 });
        expect(scalar(loss)).toBeCloseTo((Math.log(2) + Math.log(1.25) + Math.log(5 / 3)) / 3, 5);
      }),
    );
  });

  it('applies the sample mask (mask [0, 1, 1] → (0.017851 + 0.040866) / 2)', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const mask = tf.tensor1d([0, 1, 1]);
        const loss = focalLoss(probs(), labels(), { classWeights: [1, 2, 0.5], mask });
        expect(scalar(loss)).toBeCloseTo((0.017851 + 0.040866) / 2, 5);
      }),
    );
  });

  it('stays finite when the true-class probability is 0', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const loss = focalLoss(tf.tensor2d([[0, 1, 0]]), tf.tensor1d([0], 'int32'));
        expect(Number.isFinite(scalar(loss))).toBe(true);
      }),
    );
  });
});
