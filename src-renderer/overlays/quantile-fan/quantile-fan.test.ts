import { describe, expect, it } from 'vitest';
import type { Logical } from 'lightweight-charts';
import type { ModelPrediction } from '@shared/contracts/model';
import { QuantileFan } from './quantile-fan';
import { fakeAttach, recordDraw } from '../fake-chart.test-support';

const T0 = Date.parse('2024-03-05T14:30:00Z');
const BAR = 300_000;

function prediction(i: number, long: number, short: number): ModelPrediction {
  return {
    time: T0 + i * BAR,
    close: 18_000,
    longProbability: long,
    shortProbability: short,
    noneProbability: 1 - long - short,
    confidence: Math.max(long, short),
    quantiles: [
      { horizon: 1, p10: -2, p50: 1, p90: 4 },
      { horizon: 12, p10: -20, p50: 5, p90: 30 },
    ],
  };
}

describe('quantile fan primitive', () => {
  it('draws from the decision close out past the last bar, 10 px per 5-minute horizon bar', () => {
    const fan = new QuantileFan();
    fan.attached(fakeAttach(T0, 10));
    fan.setPrediction(prediction(9, 0.6, 0.2));
    fan.updateAllViews();
    const { path } = recordDraw(fan.paneViews()[0]?.renderer() ?? null);
    // Outline: origin (x of bar 9 = 95, y of 18000 = 2000), P90 at bars 10 and 21, back on P10.
    expect(path.slice(0, 6)).toEqual([
      [95, 2000],
      [105, 1996],
      [215, 1970],
      [215, 2020],
      [105, 2002],
      [95, 2000],
    ]);
    // Then the P50 line.
    expect(path.slice(6)).toEqual([
      [95, 2000],
      [105, 1999],
      [215, 1995],
    ]);
    expect(fan.autoscaleInfo(0 as Logical, 30 as Logical)?.priceRange).toEqual({
      minValue: 17_980,
      maxValue: 18_030,
    });
    expect(fan.autoscaleInfo(30 as Logical, 40 as Logical)).toBeNull();
  });

  it('draws nothing for a decision bar that is not on the chart', () => {
    const fan = new QuantileFan();
    fan.attached(fakeAttach(T0, 10));
    fan.setPrediction(prediction(40, 0.6, 0.2));
    fan.updateAllViews();
    expect(fan.paneViews()[0]?.renderer()).toBeNull();
  });
});
