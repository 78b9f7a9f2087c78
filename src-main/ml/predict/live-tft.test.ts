import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTft,
  DEFAULT_TFT_CONFIG,
  historySteps,
  tftForward,
  type TftParams,
} from '../tft/model';
import { disposeParams } from '../tft/params';
import { expectNoLeak, setupBackend } from '../tft/test-helpers';
import { LiveTft } from './live-tft';

const M = 6;
const NS = 3;
let p: TftParams;

beforeAll(async () => {
  await setupBackend();
  p = createTft({
    ...DEFAULT_TFT_CONFIG,
    numTemporal: M,
    staticCardinalities: [7, 4, 3],
    lookback: 24,
    dModel: 8,
    numHeads: 2,
    varHidden: 4,
    seed: 9,
  });
});
afterAll(() => disposeParams(p));

describe('LiveTft', () => {
  it('equals the full forward pass at every new bar, without leaking tensors', async () => {
    const decisions = 12;
    const rows = historySteps(p) + decisions;
    let s = 7;
    const rand = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const x = Float32Array.from({ length: rows * M }, rand);
    const st = Int32Array.from(
      { length: rows * NS },
      (_, i) => [3, 2, 1][i % NS]! - (i % 5 === 0 ? 1 : 0),
    );
    const full = tf.tidy(() =>
      tftForward(p, {
        temporal: tf.tensor3d(x, [1, rows, M]),
        statics: tf.tensor3d(st, [1, rows, NS], 'int32'),
        queries: decisions,
      }).logits.dataSync(),
    );
    await expectNoLeak(() => {
      const live = new LiveTft(p);
      const k = live.rowsPerPush;
      let compared = 0;
      for (let t = k - 1; t < rows; t++) {
        live.push(x.slice((t - k + 1) * M, (t + 1) * M), st.slice((t - k + 1) * NS, (t + 1) * NS));
        const q = t - (rows - decisions);
        if (q < 0) {
          continue;
        }
        expect(live.ready).toBe(true);
        const out = live.predict(q === decisions - 1);
        for (let c = 0; c < 3; c++) expect(out.logits[c]!).toBeCloseTo(full[q * 3 + c]!, 5);
        compared++;
      }
      expect(compared).toBe(decisions);
    });
  });

  it('refuses to predict before a full window is cached', () => {
    const live = new LiveTft(p);
    expect(() => live.predict()).toThrow(/0 of 24 steps/);
  });
});
