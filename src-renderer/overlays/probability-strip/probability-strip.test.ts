import { describe, expect, it } from 'vitest';
import type { ModelPrediction } from '@shared/contracts/model';
import { fakeAttach, recordDraw } from '../fake-chart.test-support';
import { ProbabilityStrip } from './probability-strip';

const T0 = Date.parse('2024-03-05T14:30:00Z');
const BAR = 300_000;

const prediction = (i: number, long: number, short: number): ModelPrediction => ({
  time: T0 + i * BAR,
  close: 18_000,
  longProbability: long,
  shortProbability: short,
  noneProbability: 1 - long - short,
  confidence: Math.max(long, short),
  quantiles: [],
});

describe('probability strip primitive', () => {
  it('fills one cell per predicted bar along the bottom, in the side’s colour', () => {
    const strip = new ProbabilityStrip();
    strip.attached(fakeAttach(T0, 10));
    strip.setPredictions([prediction(2, 0.7, 0.1), prediction(3, 0.1, 0.8)]);
    strip.updateAllViews();
    const { fills, styles } = recordDraw(strip.paneViews()[0]?.renderer() ?? null);
    expect(fills).toEqual([
      [20, 392, 10, 6],
      [30, 392, 10, 6],
    ]);
    expect(styles).toEqual(['#26a69a', '#ef5350']);
  });
});
