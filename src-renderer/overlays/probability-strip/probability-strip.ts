/**
 * A thin strip along the bottom of the price pane: per bar with a prediction, a cell green
 * for a long lean and red for a short one, as opaque as the lean is strong
 * (strip-geometry.ts). Cells are laid out in view updates and only filled per frame.
 */
import type {
  IChartApiBase,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';
import type { ModelPrediction } from '@shared/contracts/model';
import { TIMEFRAME_MINUTES, type Timeframe } from '@shared/domain/bar';
import { bucketStart } from '@shared/market/aggregate';
import { toChartSeconds } from '../../format';
import { ChartGeometry } from '../chart-geometry';
import type { BitmapScope } from '../overlay-primitive';
import { cellAlpha, stripCells, type StripCell } from './strip-geometry';

/** Strip height and gap above the pane's bottom edge (media px). */
export const STRIP_HEIGHT = 6;
const STRIP_MARGIN = 2;
/** Cell colours (the candles' green and red). */
export const STRIP_COLORS = { long: '#26a69a', short: '#ef5350' } as const;

/** A series primitive drawing the long/short probability strip. */
export class ProbabilityStrip implements ISeriesPrimitive<Time> {
  private readonly geometry = new ChartGeometry();
  private chart: IChartApiBase<Time> | null = null;
  private series: ISeriesApi<SeriesType, Time> | null = null;
  private redraw: (() => void) | null = null;
  private predictions: readonly ModelPrediction[] = [];
  private timeframe: Timeframe = '5m';
  private cells: StripCell[] = [];
  private ready = false;
  private readonly views: readonly IPrimitivePaneView[];

  constructor() {
    const renderer: IPrimitivePaneRenderer = {
      draw: (target) => target.useBitmapCoordinateSpace(this.drawBitmap),
    };
    this.views = [{ zOrder: () => 'top', renderer: () => (this.ready ? renderer : null) }];
  }

  /** The predictions to show, sorted by time (the model store keeps them so). */
  setPredictions(predictions: readonly ModelPrediction[]): void {
    this.predictions = predictions;
    this.redraw?.();
  }

  setTimeframe(timeframe: Timeframe): void {
    this.timeframe = timeframe;
    this.redraw?.();
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.chart = param.chart;
    this.series = param.series;
    this.redraw = param.requestUpdate;
  }

  detached(): void {
    this.chart = null;
    this.series = null;
    this.redraw = null;
    this.ready = false;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  updateAllViews(): void {
    const { chart, series } = this;
    this.ready = false;
    if (!chart || !series || this.predictions.length === 0) return;
    if (!this.geometry.refresh(chart, series)) return;
    const ts = chart.timeScale();
    const tf = this.timeframe;
    const indexOf = (t: number): number | null =>
      ts.timeToIndex(toChartSeconds(bucketStart(t, tf)) as Time, false);
    const g = this.geometry;
    this.cells = stripCells(this.predictions, TIMEFRAME_MINUTES[tf], indexOf, g.from, g.to);
    this.ready = this.cells.length > 0;
  }

  private readonly drawBitmap = (scope: BitmapScope): void => {
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
  };
}
