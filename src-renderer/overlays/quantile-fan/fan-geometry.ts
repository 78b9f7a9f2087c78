/**
 * Pure geometry of the quantile fan: where each horizon lands on the time scale and the
 * fan's outline. Horizons count 5-minute bars after the decision bar, so on the 5-minute
 * chart horizon h is exactly h bars to the right of the decision bar (session breaks are
 * already absent from the bar sequence). On other timeframes the horizon's minutes become
 * a fractional bar offset from the decision bar's bucket: `(t + h·5 min − bucket) / barMs`
 * (1m: 5h bars; 15m: h/3 bars); such an offset ignores a break that falls inside the
 * horizon, which moves a point by at most one bar.
 */
import type { ModelPrediction } from '@shared/contracts/model';

/** Length of the model's bars (the horizon unit). */
export const MODEL_BAR_MS = 5 * 60_000;

/** One vertex column of the fan: a logical x and the three prices there. */
export interface FanPoint {
  readonly logical: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/**
 * Logical offset, from the chart bar that holds the decision bar, of the time
 * `decisionTime + horizonBars · 5 min`, on a chart of `timeframeMinutes` bars.
 * `bucketStart` is the start of that chart bar (UTC ms).
 */
export function horizonOffset(
  decisionTime: number,
  bucketStart: number,
  horizonBars: number,
  timeframeMinutes: number,
): number {
  const barMs = timeframeMinutes * 60_000;
  return (decisionTime + horizonBars * MODEL_BAR_MS - bucketStart) / barMs;
}

/**
 * The fan's columns in prices, oldest first: the origin (the decision close, width zero)
 * then each horizon with finite quantiles, by horizon. Quantiles are points relative to
 * the close; each column is sorted so the band never inverts. `anchorLogical` is the
 * logical index of the chart bar starting at `bucketStart` that holds the decision bar.
 */
export function fanPoints(
  prediction: Pick<ModelPrediction, 'time' | 'close' | 'quantiles'>,
  anchorLogical: number,
  bucketStart: number,
  timeframeMinutes: number,
): FanPoint[] {
  const { time, close } = prediction;
  if (!Number.isFinite(close)) return [];
  const origin = anchorLogical + horizonOffset(time, bucketStart, 0, timeframeMinutes);
  const out: FanPoint[] = [{ logical: origin, p10: close, p50: close, p90: close }];
  const bands = prediction.quantiles
    .filter(
      (q) =>
        q.horizon > 0 && Number.isFinite(q.p10) && Number.isFinite(q.p50) && Number.isFinite(q.p90),
    )
    .sort((a, b) => a.horizon - b.horizon);
  let lastHorizon = 0;
  for (const q of bands) {
    if (q.horizon === lastHorizon) continue;
    lastHorizon = q.horizon;
    const [lo, mid, hi] = [q.p10, q.p50, q.p90].sort((a, b) => a - b) as [number, number, number];
    out.push({
      logical: anchorLogical + horizonOffset(time, bucketStart, q.horizon, timeframeMinutes),
      p10: close + lo,
      p50: close + mid,
      p90: close + hi,
    });
  }
  return out.length > 1 ? out : [];
}

/**
 * The fan's outline as pixel pairs [x0, y0, x1, y1, …]: along P90 from the origin out, then
 * back along P10, ready for one closed path. Empty for fewer than two columns.
 */
export function fanOutline(
  points: readonly FanPoint[],
  x: (logical: number) => number,
  y: (price: number) => number,
): number[] {
  if (points.length < 2) return [];
  const out: number[] = [];
  for (const p of points) out.push(x(p.logical), y(p.p90));
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as FanPoint;
    out.push(x(p.logical), y(p.p10));
  }
  return out;
}
