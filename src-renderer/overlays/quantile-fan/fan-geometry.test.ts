import { describe, expect, it } from 'vitest';
import type { ModelPrediction } from '@shared/contracts/model';
import { fanOutline, fanPoints, horizonOffset } from './fan-geometry';

const T = Date.parse('2024-03-05T14:35:00Z');
const prediction: Pick<ModelPrediction, 'time' | 'close' | 'quantiles'> = {
  time: T,
  close: 18_000,
  quantiles: [
    { horizon: 3, p10: -6, p50: 1, p90: 8 },
    { horizon: 1, p10: -2, p50: 0.5, p90: 3 },
    { horizon: 12, p10: -20, p50: 4, p90: 25 },
    { horizon: 6, p10: -10, p50: 2, p90: 12 },
  ],
};

describe('quantile fan geometry', () => {
  it('puts horizon h exactly h bars right of the decision bar on the 5-minute chart', () => {
    for (const h of [1, 3, 6, 12]) expect(horizonOffset(T, T, h, 5)).toBe(h);
  });

  it('converts horizon minutes to bar offsets on other timeframes', () => {
    // 1m: 5 one-minute bars per horizon bar.
    expect(horizonOffset(T, T, 3, 1)).toBe(15);
    // 15m: the decision bar 14:35 sits in the 14:30 bucket, a third of a bar in.
    const bucket15 = Date.parse('2024-03-05T14:30:00Z');
    expect(horizonOffset(T, bucket15, 0, 15)).toBeCloseTo(1 / 3);
    expect(horizonOffset(T, bucket15, 12, 15)).toBeCloseTo(1 / 3 + 4);
    // 1h: twelve 5-minute bars are one hourly bar.
    expect(horizonOffset(T, Date.parse('2024-03-05T14:00:00Z'), 12, 60)).toBeCloseTo(35 / 60 + 1);
  });

  it('starts at the decision close and orders the columns by horizon in absolute prices', () => {
    const pts = fanPoints(prediction, 100, T, 5);
    expect(pts.map((p) => p.logical)).toEqual([100, 101, 103, 106, 112]);
    expect(pts[0]).toEqual({ logical: 100, p10: 18_000, p50: 18_000, p90: 18_000 });
    expect(pts[4]).toEqual({ logical: 112, p10: 17_980, p50: 18_004, p90: 18_025 });
  });

  it('never inverts a band and skips non-finite or repeated horizons', () => {
    const pts = fanPoints(
      {
        time: T,
        close: 100,
        quantiles: [
          { horizon: 1, p10: 5, p50: 0, p90: -5 },
          { horizon: 1, p10: -1, p50: 0, p90: 1 },
          { horizon: 3, p10: Number.NaN, p50: 0, p90: 1 },
        ],
      },
      0,
      T,
      5,
    );
    expect(pts).toHaveLength(2);
    expect(pts[1]).toMatchObject({ p10: 95, p50: 100, p90: 105 });
  });

  it('gives nothing to draw without a horizon', () => {
    expect(fanPoints({ time: T, close: 1, quantiles: [] }, 0, T, 5)).toEqual([]);
  });

  it('outlines out along P90 and back along P10', () => {
    const pts = fanPoints(prediction, 0, T, 5).slice(0, 3);
    const outline = fanOutline(
      pts,
      (l) => l * 10,
      (p) => 18_100 - p,
    );
    expect(outline).toEqual([0, 100, 10, 97, 30, 92, 30, 106, 10, 102, 0, 100]);
    expect(
      fanOutline(
        pts.slice(0, 1),
        (l) => l,
        (p) => p,
      ),
    ).toEqual([]);
  });
});
