import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, SeedSequence } from './params';
import { expectNoLeak, setupBackend, values } from './test-helpers';
import { createVsn, variableSelection, type VsnParams } from './variable-selection';

let params: VsnParams;

beforeAll(async () => {
  await setupBackend();
  params = createVsn({ numVariables: 3, dModel: 4, contextDim: 5 }, new SeedSequence(3));
});

afterAll(() => disposeParams(params));

describe('variableSelection', () => {
  it('returns batch × time × dModel and weights summing to 1 per sample and time step', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, 6, 3, 4], 0, 1, 'float32', 1);
        const c = tf.randomNormal([2, 5], 0, 1, 'float32', 2);
        const { output, weights } = variableSelection(x, params, c);
        expect(output.shape).toEqual([2, 6, 4]);
        expect(weights.shape).toEqual([2, 6, 3]);
        for (const s of values(weights.sum(-1))) expect(s).toBeCloseTo(1, 5);
        for (const w of values(weights)) expect(w).toBeGreaterThan(0);
      }),
    );
  });

  it('works on static inputs (no time axis) and without context', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 3);
        const { output, weights } = variableSelection(x, params);
        expect(output.shape).toEqual([5, 4]);
        for (const s of values(weights.sum(-1))) expect(s).toBeCloseTo(1, 5);
      }),
    );
  });

  it('lets the static context change the selection weights', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([1, 2, 3, 4], 0, 1, 'float32', 4);
        const a = values(variableSelection(x, params, tf.zeros([1, 5])).weights);
        const b = values(variableSelection(x, params, tf.ones([1, 5]).mul(3)).weights);
        expect(a).not.toEqual(b);
      }),
    );
  });

  it('rejects inputs whose variable axes do not match the config', () => {
    expect(() => tf.tidy(() => variableSelection(tf.ones([2, 6, 4, 4]), params).output)).toThrow(
      /expected/,
    );
  });
});
