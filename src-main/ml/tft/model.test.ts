import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTft, DEFAULT_TFT_CONFIG, historySteps, tftForward, type TftParams } from './model';
import { disposeParams } from './params';
import { expectNoLeak, setupBackend, values } from './test-helpers';

const small = (encoder: 'conv' | 'lstm'): TftParams =>
  createTft({
    ...DEFAULT_TFT_CONFIG,
    numTemporal: 5,
    staticCardinalities: [7, 4, 3],
    lookback: 12,
    dModel: 8,
    numHeads: 2,
    varHidden: 4,
    encoder,
    convLayers: 3,
    seed: 3,
  });

let conv: TftParams;
let lstm: TftParams;

/** Random inputs of `time` steps: temporal normals and valid static categories. */
function inputs(time: number, seed: number): { x: tf.Tensor3D; s: tf.Tensor3D } {
  return tf.tidy(() => ({
    x: tf.randomNormal([1, time, 5], 0, 1, 'float32', seed) as tf.Tensor3D,
    s: tf.stack(
      [
        tf.randomUniform([1, time], 0, 7, 'int32', seed + 1),
        tf.randomUniform([1, time], 0, 4, 'int32', seed + 2),
        tf.randomUniform([1, time], 0, 3, 'int32', seed + 3),
      ],
      2,
    ) as tf.Tensor3D,
  }));
}

/** Logits of the last decision step of rows [0, end) of x and s. */
function lastLogits(p: TftParams, x: tf.Tensor3D, s: tf.Tensor3D, end: number): number[] {
  return tf.tidy(() => {
    const h = historySteps(p) + 1;
    const out = tftForward(p, {
      temporal: x.slice([0, end - h, 0], [1, h, 5]),
      statics: s.slice([0, end - h, 0], [1, h, 3]),
      queries: 1,
    });
    return values(out.logits);
  });
}

beforeAll(async () => {
  await setupBackend();
  conv = small('conv');
  lstm = small('lstm');
});
afterAll(() => {
  disposeParams(conv);
  disposeParams(lstm);
});

describe('tftForward', () => {
  it('gives logits, non-crossing quantiles, selection weights summing to 1, without leaks', async () => {
    await expectNoLeak(() => {
      const { x, s } = inputs(historySteps(conv) + 8, 1);
      tf.tidy(() => {
        const out = tftForward(conv, { temporal: x, statics: s, queries: 8, block: 4 });
        expect(out.logits.shape).toEqual([1, 8, 3]);
        expect(out.quantiles.shape).toEqual([1, 8, 4, 3]);
        const q = values(out.quantiles);
        for (let i = 0; i < q.length; i += 3) {
          expect(q[i]!).toBeLessThanOrEqual(q[i + 1]!);
          expect(q[i + 1]!).toBeLessThanOrEqual(q[i + 2]!);
        }
        for (const w of values(out.temporalWeights.sum(-1))) expect(w).toBeCloseTo(1, 5);
        for (const w of values(out.staticWeights.sum(-1))) expect(w).toBeCloseTo(1, 5);
        const e = values(out.attentionEntropy)[0]!;
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThanOrEqual(1 + 1e-6);
      });
      tf.dispose([x, s]);
    });
  });

  it('returns attention over exactly the lookback, rows summing to 1 per head', () => {
    const { x, s } = inputs(historySteps(conv) + 1, 2);
    tf.tidy(() => {
      const out = tftForward(conv, { temporal: x, statics: s, queries: 1, withAttention: true });
      expect(out.attention!.shape).toEqual([1, 1, 2, 12]);
      for (const r of values(out.attention!.sum(-1))) expect(r).toBeCloseTo(1, 5);
    });
    tf.dispose([x, s]);
  });

  it('a decision computed alone equals the same decision among many (shared windows)', () => {
    const queries = 16;
    const { x, s } = inputs(historySteps(conv) + queries, 3);
    const many = tf.tidy(() =>
      values(tftForward(conv, { temporal: x, statics: s, queries, block: 8 }).logits),
    );
    for (const k of [0, 7, 15]) {
      const end = historySteps(conv) + k + 1;
      const alone = lastLogits(conv, x, s, end);
      for (let c = 0; c < 3; c++) expect(alone[c]!).toBeCloseTo(many[k * 3 + c]!, 4);
    }
    tf.dispose([x, s]);
  });

  it.each(['conv', 'lstm'] as const)(
    '%s: never looks ahead (a later row cannot move a decision; its own row does)',
    (kind) => {
      const p = kind === 'conv' ? conv : lstm;
      const h = historySteps(p);
      const time = h + 1 + 6;
      const { x, s } = inputs(time, 4);
      const end = h + 1; // decision at row h
      const base = lastLogits(p, x, s, end);
      // Change every row after the decision: the decision's output must not move.
      const later = tf.tidy(() =>
        tf.concat([x.slice([0, 0, 0], [1, end, 5]), tf.ones([1, time - end, 5]).mul(9)], 1),
      ) as tf.Tensor3D;
      expect(lastLogits(p, later, s, end)).toEqual(base);
      // Change the decision row itself: it must move (the test can fail).
      const now = tf.tidy(() =>
        tf.concat([x.slice([0, 0, 0], [1, end - 1, 5]), tf.ones([1, time - end + 1, 5]).mul(9)], 1),
      ) as tf.Tensor3D;
      expect(lastLogits(p, now, s, end)).not.toEqual(base);
      tf.dispose([x, s, later, now]);
    },
  );
});
