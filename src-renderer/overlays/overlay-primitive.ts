/**
 * Base of the overlay series primitives (lightweight-charts plugins API). The library calls
 * `updateAllViews` when the view changes and then the renderer's `draw`; subclasses do all
 * coordinate work in `layout` (into arrays they keep) and only stroke and fill in their
 * draw callbacks, which are bound once so a frame allocates nothing of ours.
 */
import type {
  IChartApiBase,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  PrimitivePaneViewZOrder,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';
import { ChartGeometry } from './chart-geometry';
import type { LevelData } from './level-data';

/** The canvas target handed to a renderer. */
export type DrawTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];
/** Drawing scope in device pixels (crisp lines and rectangles). */
export type BitmapScope = Parameters<Parameters<DrawTarget['useBitmapCoordinateSpace']>[0]>[0];
/** Drawing scope in CSS pixels (text). */
export type MediaScope = Parameters<Parameters<DrawTarget['useMediaCoordinateSpace']>[0]>[0];

/**
 * A series primitive: attachment to a chart and series, one pane view, `layout` in view
 * updates (after the geometry is read), `draw` per frame (`drawBitmap` by default).
 */
export abstract class ChartPrimitive implements ISeriesPrimitive<Time> {
  protected readonly geometry = new ChartGeometry();
  protected chart: IChartApiBase<Time> | null = null;
  protected series: ISeriesApi<SeriesType, Time> | null = null;
  private redraw: (() => void) | null = null;
  private ready = false;
  private readonly views: readonly IPrimitivePaneView[];

  constructor(zOrder: PrimitivePaneViewZOrder) {
    const renderer: IPrimitivePaneRenderer = { draw: (target) => this.draw(target) };
    this.views = [{ zOrder: () => zOrder, renderer: () => (this.ready ? renderer : null) }];
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
    this.ready = chart !== null && series !== null && this.geometry.refresh(chart, series);
    if (this.ready) this.ready = this.layout();
  }

  /** Asks the chart to redraw (new data). */
  requestRedraw(): void {
    this.redraw?.();
  }

  /** Recomputes coordinates from the data and `geometry`; false when there is nothing to draw. */
  protected abstract layout(): boolean;

  /**
   * Paints the frame: in device pixels through `drawBitmap`, unless a primitive drawing in
   * another space (text in CSS pixels) overrides this.
   */
  protected draw(target: DrawTarget): void {
    target.useBitmapCoordinateSpace(this.bitmapPainter);
  }

  /** Paints in device pixels (crisp lines and rectangles). */
  protected drawBitmap(_scope: BitmapScope): void {}

  /** `drawBitmap` bound once, not a closure per frame. */
  private readonly bitmapPainter = (scope: BitmapScope): void => this.drawBitmap(scope);
}

/** A series primitive drawing from LevelData. */
export abstract class OverlayPrimitive extends ChartPrimitive {
  constructor(
    protected readonly data: LevelData,
    zOrder: PrimitivePaneViewZOrder,
  ) {
    super(zOrder);
  }
}

/** Grows a typed array to hold at least `n` entries (allocates only when data outgrows it). */
export function ensureFloat32(a: Float32Array<ArrayBuffer>, n: number): Float32Array<ArrayBuffer> {
  return a.length >= n ? a : new Float32Array(Math.max(n, a.length * 2, 64));
}
