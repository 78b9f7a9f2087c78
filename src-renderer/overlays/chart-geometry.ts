/**
 * The chart's coordinate mapping for one frame, read once per view update so the drawing
 * loops do arithmetic instead of calling into the chart per point: x is linear in the
 * logical (bar) index and y is linear in price (the chart's price scale is in Normal mode;
 * a logarithmic scale would need `priceToCoordinate` per point). Media (CSS) pixels.
 */
import type { IChartApiBase, ISeriesApi, Logical, SeriesType, Time } from 'lightweight-charts';
import type { Timeframe } from '@shared/domain/bar';
import { bucketStart } from '@shared/market/aggregate';
import { toChartSeconds } from '../format';
import type { LevelData } from './level-data';

/** Linear time and price mapping of the chart for one frame. */
export class ChartGeometry {
  /** x = x0 + logical · spacing. */
  x0 = 0;
  spacing = 1;
  /** y = priceA · price + priceB. */
  priceA = 0;
  priceB = 0;
  /** Visible logical range. */
  from = 0;
  to = 0;
  /** Pane size. */
  width = 0;
  height = 0;
  /** Logical index of data row 0 (row k at rowBase + k); NaN when rows and bars disagree. */
  rowBase = Number.NaN;
  private chart: IChartApiBase<Time> | null = null;

  /** Reads the mapping; false when the chart cannot map yet (no data, zero size). */
  refresh(chart: IChartApiBase<Time>, series: ISeriesApi<SeriesType, Time>): boolean {
    this.chart = chart;
    const ts = chart.timeScale();
    const range = ts.getVisibleLogicalRange();
    const xa = ts.logicalToCoordinate(0 as Logical);
    const xb = ts.logicalToCoordinate(1 as Logical);
    const size = chart.paneSize(0);
    if (!range || xa === null || xb === null || size.height <= 0) return false;
    const pa = series.coordinateToPrice(0);
    const pb = series.coordinateToPrice(size.height);
    if (pa === null || pb === null || pa === pb) return false;
    this.from = range.from;
    this.to = range.to;
    this.x0 = xa;
    this.spacing = xb - xa;
    this.width = size.width;
    this.height = size.height;
    this.priceA = size.height / (pb - pa);
    this.priceB = -this.priceA * pa;
    return this.spacing > 0;
  }

  x(logical: number): number {
    return this.x0 + logical * this.spacing;
  }

  y(price: number): number {
    return this.priceA * price + this.priceB;
  }

  /**
   * Places the data rows on the time scale. Rows and chart bars come from the same minutes,
   * so row k is bar `rowBase + k`: anchored on the newest row (the chart is never behind
   * main) and checked on the oldest row that is on the chart.
   */
  placeRows(data: LevelData): boolean {
    const ts = this.chart?.timeScale();
    const n = data.length;
    this.rowBase = Number.NaN;
    if (!ts || n === 0) return false;
    const last = ts.timeToIndex(data.chartTime[n - 1] as Time, false);
    if (last === null) return false;
    const base = last - (n - 1);
    const k0 = Math.max(0, -base);
    if (k0 >= n || ts.timeToIndex(data.chartTime[k0] as Time, false) !== base + k0) return false;
    this.rowBase = base;
    return true;
  }

  /** Logical index of the bar of `timeframe` holding UTC instant `t` (nearest bar; NaN if none). */
  indexOf(t: number, timeframe: Timeframe): number {
    const ts = this.chart?.timeScale();
    const i = ts?.timeToIndex(toChartSeconds(bucketStart(t, timeframe)) as Time, true);
    return i === null || i === undefined ? Number.NaN : i;
  }
}
