/**
 * A stand-in chart and series for primitive tests: 5-minute bars from `t0` at logical
 * 0 … n − 1, 10 px per bar from x = 5, and price p at y = 20000 − p on a 400 px pane.
 * Only what the primitives read is implemented.
 */
import type {
  IChartApiBase,
  ISeriesApi,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';
import { toChartSeconds } from '../format';

export function fakeAttach(t0: number, n: number): SeriesAttachedParameter<Time> {
  const chartTimes = Array.from({ length: n }, (_, i) => toChartSeconds(t0 + i * 300_000));
  const timeScale = {
    getVisibleLogicalRange: () => ({ from: 0, to: n + 20 }),
    logicalToCoordinate: (l: number) => 5 + l * 10,
    timeToIndex: (t: number) => {
      const i = chartTimes.indexOf(t);
      return i < 0 ? null : i;
    },
  };
  const chart = { timeScale: () => timeScale, paneSize: () => ({ width: 800, height: 400 }) };
  const series = { coordinateToPrice: (y: number) => 20_000 - y };
  return {
    chart: chart as unknown as IChartApiBase<Time>,
    series: series as unknown as ISeriesApi<SeriesType, Time>,
    requestUpdate: () => {},
  } as unknown as SeriesAttachedParameter<Time>;
}

/** Records fillRect / moveTo / lineTo calls of one draw. */
export function recordDraw(renderer: { draw: (target: never) => void } | null): {
  fills: number[][];
  path: number[][];
  styles: string[];
} {
  const rec = { fills: [] as number[][], path: [] as number[][], styles: [] as string[] };
  const ctx = {
    save() {},
    restore() {},
    beginPath() {},
    closePath() {},
    fill() {},
    stroke() {},
    arc() {},
    moveTo: (x: number, y: number) => rec.path.push([x, y]),
    lineTo: (x: number, y: number) => rec.path.push([x, y]),
    fillRect: (x: number, y: number, w: number, h: number) => rec.fills.push([x, y, w, h]),
    set fillStyle(v: string) {
      rec.styles.push(v);
    },
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
  };
  const target = {
    useBitmapCoordinateSpace: (f: (s: unknown) => void) =>
      f({ context: ctx, horizontalPixelRatio: 1, verticalPixelRatio: 1 }),
  };
  renderer?.draw(target as never);
  return rec;
}
