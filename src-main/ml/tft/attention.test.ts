import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  causalMask,
  createAttention,
  interpretableAttention,
  type AttentionParams,
} from './attention';
import { disposeParams, SeedSequence } from './params';
import { expectNoLeak, setupBackend } from './test-helpers';

const T = 5;
let params: AttentionParams;

beforeAll(async () => {
  await setupBackend();
  params = createAttention({ dModel: 8, numHeads: 2 }, new SeedSequence(9));
});

afterAll(() => disposeParams(params));

describe('interpretableAttention', () => {
  it('returns shapes [B,T,d], [B,T,T] and [B,H,T,T]', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([3, T, 8], 0, 1, 'float32', 1) as tf.Tensor3D;
        const { output, weights, headWeights } = interpretableAttention(x, params);
        expect(output.shape).toEqual([3, T, 8]);
        expect(weights.shape).toEqual([3, T, T]);
        expect(headWeights.shape).toEqual([3, 2, T, T]);
      }),
    );
  });

  it('has rows summing to 1 and zero weight on future positions', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, T, 8], 0, 1, 'float32', 2) as tf.Tensor3D;
        const { weights, headWeights } = interpretableAttention(x, params);
        for (const w of [weights, headWeights]) {
          const rows = w.reshape([-1, T, T]).arraySync() as number[][][];
          for (const matrix of rows) {
            matrix.forEach((row, q) => {
              expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
              row.forEach((v, k) => (k > q ? expect(v).toBe(0) : expect(v).toBeGreaterThan(0)));
            });
          }
        }
      }),
    );
  });

  it('output at t does not depend on inputs after t', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([1, T, 8], 0, 1, 'float32', 3) as tf.Tensor3D;
        // Replace the last two steps with different values; steps 0..2 must be unchanged.
        const future = tf.randomNormal([1, 2, 8], 0, 1, 'float32', 4);
        const x2 = tf.concat([x.slice([0, 0, 0], [1, 3, 8]), future], 1) as tf.Tensor3D;
        const a = interpretableAttention(x, params).output.slice([0, 0, 0], [1, 3, 8]);
        const b = interpretableAttention(x2, params).output.slice([0, 0, 0], [1, 3, 8]);
        expect(tf.abs(a.sub(b)).max().dataSync()[0]).toBeLessThan(1e-6);
      }),
    );
  });

  it('builds a strictly upper-triangular mask', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        expect(causalMask(3).arraySync()).toEqual([
          [0, -1e9, -1e9],
          [0, 0, -1e9],
          [0, 0, 0],
        ]);
      }),
    );
  });
});
