/**
 * A thin strip along the bottom of the price pane: per bar with a prediction, a cell green
 * for a long lean and red for a short one, as opaque as the lean is strong
 * (strip-geometry.ts). Cells are laid out in view updates and only filled per frame.
 */
import type { Time } from 'lightweight-charts';
import type { ModelPrediction } from '@shared/contracts/model';
import { TIMEFRAME_MINUTES, type Timeframe } from '@shared/domain/bar';
import { bucketStart } from '@shared/market/aggregate';
import { toChartSeconds } from '../../format';
import { ChartPrimitive, type BitmapScope } from '../overlay-primitive';
import { cellAlpha, stripCells, type StripCell } from './strip-geometry';

/** Strip height and gap above the pane's bottom edge (media px). */
export const STRIP_HEIGHT = 6;
const STRIP_MARGIN = 2;
/** Cell colours (the candles' green and red). */
export const STRIP_COLORS = { long: '#26a69a', short: '#ef5350' } as const;

/** A series primitive drawing the long/short probability strip. */
export class ProbabilityStrip extends ChartPrimitive {
  private predictions: readonly ModelPrediction[] = [];
  private timeframe: Timeframe = '5m';
  private cells: StripCell[] = [];

  constructor() {
    super('top');
  }

  /** The predictions to show, sorted by time (the model store keeps them so). */
  setPredictions(predictions: readonly ModelPrediction[]): void {
    this.predictions = predictions;
    this.requestRedraw();
  }

  setTimeframe(timeframe: Timeframe): void {
    this.timeframe = timeframe;
    this.requestRedraw();
  }

  protected layout(): boolean {
    const chart = this.chart;
    if (!chart || this.predictions.length === 0) return false;
    const ts = chart.timeScale();
    const tf = this.timeframe;
    const indexOf = (t: number): number | null =>
      ts.timeToIndex(toChartSeconds(bucketStart(t, tf)) as Time, false);
    const g = this.geometry;
    this.cells = stripCells(this.predictions, TIMEFRAME_MINUTES[tf], indexOf, g.from, g.to);
    return this.cells.length > 0;
  }

  protected override drawBitmap(scope: BitmapScope): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    const g = this.geometry;
    const top = Math.round((g.height - STRIP_MARGIN - STRIP_HEIGHT) * vr);
    const h = Math.max(1, Math.round(STRIP_HEIGHT * vr));
    ctx.save();
    for (const c of this.cells) {
      const left = Math.round(g.x(c.logical - 0.5) * hr);
      const right = Math.round(g.x(c.logical - 0.5 + c.span) * hr);
      ctx.globalAlpha = cellAlpha(c.intensity);
      ctx.fillStyle = STRIP_COLORS[c.side];
      ctx.fillRect(left, top, Math.max(1, right - left), h);
    }
    ctx.restore();
  }
}
