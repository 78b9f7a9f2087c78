import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandMask, createAttention, decisionAttention, type AttentionParams } from './attention';
import { disposeParams, SeedSequence } from './params';
import { expectNoLeak, setupBackend, values } from './test-helpers';

const D = 8;
const WINDOW = 4;
const QUERIES = 6;
const TIME = QUERIES + WINDOW - 1;
let params: AttentionParams;

beforeAll(async () => {
  await setupBackend();
  params = createAttention({ dModel: D, numHeads: 2 }, new SeedSequence(9));
});

afterAll(() => disposeParams(params));

/** Output rows (one per query) for `x`, queries in blocks of `block`. */
function outputs(x: tf.Tensor3D, block: number): number[][] {
  return tf.tidy(
    () => decisionAttention(x, params, QUERIES, WINDOW, block).output.arraySync()[0] as number[][],
  );
}

describe('decisionAttention (interpretable, banded, causal)', () => {
  it('returns [B,Q,d] and per-head weights [B,Q,H,window] whose rows sum to 1', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, TIME, D], 0, 1, 'float32', 1) as tf.Tensor3D;
        const { output, headWeights, entropy } = decisionAttention(
          x,
          params,
          QUERIES,
          WINDOW,
          1,
          true,
        );
        expect(output.shape).toEqual([2, QUERIES, D]);
        expect(headWeights!.shape).toEqual([2, QUERIES, 2, WINDOW]);
        for (const s of values(headWeights!.sum(-1))) expect(s).toBeCloseTo(1, 5);
        const e = values(entropy)[0]!;
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThanOrEqual(1 + 1e-6);
      }),
    );
  });

  it('gives each query exactly its window whatever the block size (band mask)', () => {
    const x = tf.randomNormal([1, TIME, D], 0, 1, 'float32', 2) as tf.Tensor3D;
    const one = outputs(x, 1);
    for (const block of [2, 3, 6]) {
      const other = outputs(x, block);
      other.forEach((row, q) => row.forEach((v, j) => expect(v).toBeCloseTo(one[q]![j]!, 5)));
    }
    x.dispose();
  });

  it('a query does not depend on later steps, nor on steps before its window', () => {
    const x = tf.randomNormal([1, TIME, D], 0, 1, 'float32', 3) as tf.Tensor3D;
    const base = outputs(x, 3);
    const q = 2; // key index q + WINDOW − 1 = 5; its window is keys 2..5
    const changedAt = (k: number): number[][] =>
      tf.tidy(() => {
        const bump = tf.oneHot([k], TIME).reshape([1, TIME, 1]).mul(5);
        return outputs(x.add(bump) as tf.Tensor3D, 3);
      });
    // After the query (key 6) and before its window (key 1): no change.
    expect(changedAt(6)[q]).toEqual(base[q]);
    expect(changedAt(1)[q]).toEqual(base[q]);
    // Inside its window (key 3): it changes (the test can fail).
    expect(changedAt(3)[q]).not.toEqual(base[q]);
    x.dispose();
  });

  it('builds the band mask: 0 on each query window, a large negative logit elsewhere', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        expect(bandMask(3, 2).arraySync()).toEqual([
          [0, 0, -1e9, -1e9],
          [-1e9, 0, 0, -1e9],
          [-1e9, -1e9, 0, 0],
        ]);
      }),
    );
  });
});
