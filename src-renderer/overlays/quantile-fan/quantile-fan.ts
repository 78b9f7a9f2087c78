/**
 * The pattern model's P10–P90 fan ahead of the decision bar: a translucent band from the
 * decision close out to each horizon (1, 3, 6, 12 five-minute bars), P50 as a line, and a
 * dot per horizon on P50. Times beyond the last bar have no bar to look up, so every
 * horizon is placed by logical-index arithmetic from the decision bar (fan-geometry.ts),
 * which the time scale extrapolates past its last bar. The fan's prices take part in
 * autoscale so the band is never clipped. Give the chart a right offset (bars of empty
 * space) for the fan to show ahead of the last bar.
 */
import type { AutoscaleInfo, Logical, Time } from 'lightweight-charts';
import type { ModelPrediction } from '@shared/contracts/model';
import { TIMEFRAME_MINUTES, type Timeframe } from '@shared/domain/bar';
import { bucketStart } from '@shared/market/aggregate';
import { toChartSeconds } from '../../format';
import { ChartPrimitive, type BitmapScope } from '../overlay-primitive';
import { fanOutline, fanPoints, type FanPoint } from './fan-geometry';

/** Fan colours (distinct from the candles and the level overlays). */
export const FAN_COLORS = {
  band: 'rgba(24, 255, 255, 0.14)',
  edge: 'rgba(24, 255, 255, 0.45)',
  median: '#18ffff',
} as const;

/** A series primitive drawing one prediction's quantile fan. */
export class QuantileFan extends ChartPrimitive {
  private prediction: ModelPrediction | null = null;
  private timeframe: Timeframe = '5m';
  private points: FanPoint[] = [];
  /** Pixel outline (media px) and the P50 polyline, laid out per view update. */
  private outline: number[] = [];
  private median: number[] = [];

  constructor() {
    super('normal');
  }

  /** Shows `prediction`'s fan (null hides it). */
  setPrediction(prediction: ModelPrediction | null): void {
    this.prediction = prediction;
    this.requestRedraw();
  }

  /** The chart's bar length, which turns horizons into bar offsets. */
  setTimeframe(timeframe: Timeframe): void {
    this.timeframe = timeframe;
    this.requestRedraw();
  }

  /** The fan's points come first: autoscale needs them even before the geometry is known. */
  override updateAllViews(): void {
    this.points = [];
    const chart = this.chart;
    if (chart && this.prediction) {
      const bucket = bucketStart(this.prediction.time, this.timeframe);
      const anchor = chart.timeScale().timeToIndex(toChartSeconds(bucket) as Time, false);
      if (anchor !== null) {
        this.points = fanPoints(this.prediction, anchor, bucket, TIMEFRAME_MINUTES[this.timeframe]);
      }
    }
    super.updateAllViews();
  }

  protected layout(): boolean {
    if (this.points.length === 0) return false;
    const g = this.geometry;
    const x = (l: number): number => g.x(l);
    const y = (p: number): number => g.y(p);
    this.outline = fanOutline(this.points, x, y);
    this.median = [];
    for (const p of this.points) this.median.push(x(p.logical), y(p.p50));
    return this.outline.length > 0;
  }

  /** Keeps the fan inside the price scale while any of it is in the visible logical range. */
  autoscaleInfo(startTimePoint: Logical, endTimePoint: Logical): AutoscaleInfo | null {
    const pts = this.points;
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (!first || !last || last.logical < startTimePoint || first.logical > endTimePoint) {
      return null;
    }
    let minValue = Infinity;
    let maxValue = -Infinity;
    for (const p of pts) {
      minValue = Math.min(minValue, p.p10);
      maxValue = Math.max(maxValue, p.p90);
    }
    return { priceRange: { minValue, maxValue } };
  }

  protected override drawBitmap(scope: BitmapScope): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    const o = this.outline;
    ctx.save();
    ctx.beginPath();
    for (let i = 0; i < o.length; i += 2) {
      const px = (o[i] as number) * hr;
      const py = (o[i + 1] as number) * vr;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.closePath();
    ctx.fillStyle = FAN_COLORS.band;
    ctx.fill();
    ctx.strokeStyle = FAN_COLORS.edge;
    ctx.lineWidth = Math.max(1, Math.round(hr));
    ctx.stroke();
    const m = this.median;
    ctx.beginPath();
    for (let i = 0; i < m.length; i += 2) {
      const px = (m[i] as number) * hr;
      const py = (m[i + 1] as number) * vr;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.strokeStyle = FAN_COLORS.median;
    ctx.lineWidth = Math.max(1, Math.round(2 * hr));
    ctx.stroke();
    ctx.fillStyle = FAN_COLORS.median;
    const r = 2.5 * hr;
    for (let i = 2; i < m.length; i += 2) {
      ctx.beginPath();
      ctx.arc((m[i] as number) * hr, (m[i + 1] as number) * vr, r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  }
}
