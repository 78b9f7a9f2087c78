import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlu, createGrn, glu, grn, type GrnParams } from './grn';
import { collectVariables, disposeParams, SeedSequence } from './params';
import { expectNoLeak, setupBackend, values } from './test-helpers';

let params: GrnParams;

beforeAll(async () => {
  await setupBackend();
  // 3 features → 2 outputs exercises the skip projection; contextDim exercises W3.
  params = createGrn(
    { inputDim: 3, hiddenDim: 4, outputDim: 2, contextDim: 2, dropoutRate: 0.5 },
    new SeedSequence(7),
  );
});

afterAll(() => disposeParams(params));

describe('glu', () => {
  it('equals value ⊙ sigmoid(gate) on hand-set weights', async () => {
    await expectNoLeak(() => {
      const p = createGlu(2, 1, new SeedSequence(1));
      tf.tidy(() => {
        p.value.w.assign(tf.tensor2d([[1], [2]]));
        p.gate.w.assign(tf.tensor2d([[0], [0]]));
        // x = [1, 1]: value = 1 + 2 = 3, gate = σ(0) = 0.5 → 1.5
        expect(values(glu(tf.tensor2d([[1, 1]]), p))[0]).toBeCloseTo(1.5, 6);
      });
      disposeParams(p);
    });
  });
});

describe('grn', () => {
  it('maps batch × time × features to batch × time × output, with and without context', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([4, 6, 3], 0, 1, 'float32', 1);
        const c = tf.randomNormal([4, 2], 0, 1, 'float32', 2);
        expect(grn(x, params).shape).toEqual([4, 6, 2]);
        expect(grn(x, params, c).shape).toEqual([4, 6, 2]);
        // Layer norm with unit gain and zero bias: each output row has mean 0.
        const rowMeans = values(grn(x, params, c).mean(-1));
        for (const m of rowMeans) expect(Math.abs(m)).toBeLessThan(1e-5);
      }),
    );
  });

  it('applies dropout only in training mode', async () => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 3);
        const a = values(grn(x, params));
        expect(values(grn(x, params))).toEqual(a);
        const trained = values(grn(x, params, undefined, { training: true, seed: 11 }));
        expect(trained).not.toEqual(a);
      }),
    );
  });

  it('rejects a context when the GRN was built without one', async () => {
    const p = createGrn({ inputDim: 2, hiddenDim: 2, outputDim: 2 }, new SeedSequence(5));
    expect(() => tf.tidy(() => grn(tf.ones([1, 2]), p, tf.ones([1, 2])))).toThrow(/context/);
    disposeParams(p);
  });

  it('has analytic gradients matching central finite differences', async () => {
    await expectNoLeak(() => {
      const x = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 21);
      const c = tf.randomNormal([2, 2], 0, 1, 'float32', 22);
      // Summing a layer-normalised output would be (nearly) constant, so weight it randomly.
      const r = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 23);
      const loss = (): tf.Scalar => tf.tidy(() => grn(x, params, c).mul(r).sum());
      const vars = collectVariables(params);
      const { value, grads } = tf.variableGrads(loss, vars);
      const analytic: number[] = [];
      const numeric: number[] = [];
      const h = 1e-2;
      for (const v of vars) {
        const base = Float32Array.from(v.dataSync());
        const g = grads[v.name]!.dataSync();
        // A few entries per variable keep the check fast while covering every weight tensor.
        for (let i = 0; i < Math.min(base.length, 3); i += 1) {
          const probe = (delta: number): number => {
            const shifted = Float32Array.from(base);
            shifted[i] = base[i]! + delta;
            tf.tidy(() => v.assign(tf.tensor(shifted, v.shape)));
            return tf.tidy(() => loss().dataSync()[0]!);
          };
          numeric.push((probe(h) - probe(-h)) / (2 * h));
          analytic.push(g[i]!);
          tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
        }
      }
      const norm = (a: number[]): number => Math.sqrt(a.reduce((s, z) => s + z * z, 0));
      const diff = norm(analytic.map((a, i) => a - numeric[i]!));
      expect(norm(analytic)).toBeGreaterThan(1e-3);
      expect(diff / (norm(analytic) + norm(numeric))).toBeLessThan(1e-2);
      tf.dispose([x, c, r, value, ...Object.values(grads)]);
    });
  });
});
