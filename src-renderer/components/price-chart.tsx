/**
 * The candlestick + volume chart (lightweight-charts). The chart is created once; a
 * ChartFeed per timeframe and connection keeps its series in step with main (snapshot,
 * live updates, resets, older stored bars during a replay) without React re-renders. Times
 * show in New York time (shifted, see toChartSeconds). An OverlayController beside it draws
 * the price levels (VWAP bands, profiles, TPO, nodes) as series primitives; the legend
 * above the chart toggles them.
 */
import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  HistogramSeries,
  createChart,
  TickMarkType,
  type Time,
} from 'lightweight-charts';
import type { Api } from '../ipc/api';
import { useWorkstation } from '../state/store';
import { chartLabel } from '../format';
import { ChartFeed, type ChartView } from './chart-feed';
import { OverlayController } from '../overlays/overlay-controller';
import { ModelOverlay } from '../overlays/model-overlay';
import { OverlayLegend } from '../overlays/legend/overlay-legend';

const UP = '#26a69a';
const DOWN = '#ef5350';

const seconds = (t: Time): number => (typeof t === 'number' ? t : 0);

export function PriceChart({ api }: { readonly api: Api }) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ChartView | null>(null);
  const timeframe = useWorkstation((s) => s.timeframe);
  const connection = useWorkstation((s) => s.connection);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, {
      autoSize: true,
      layout: {
        background: { color: '#0f1419' },
        textColor: '#c5cdd8',
        panes: { separatorColor: '#2a323d' },
        // The logo injects an inline <style>, which the CSP refuses; attribution is in the toolbar.
        attributionLogo: false,
      },
      grid: { vertLines: { color: '#1b222b' }, horzLines: { color: '#1b222b' } },
      rightPriceScale: { borderColor: '#2a323d' },
      timeScale: {
        borderColor: '#2a323d',
        // Room past the last bar for the model's quantile fan (12 five-minute bars ahead).
        rightOffset: 14,
        timeVisible: true,
        secondsVisible: false,
        tickMarkFormatter: (t: Time, type: TickMarkType) =>
          chartLabel(
            seconds(t),
            type === TickMarkType.DayOfMonth ||
              type === TickMarkType.Month ||
              type === TickMarkType.Year
              ? 'ccc dd LLL'
              : 'HH:mm',
          ),
      },
      localization: {
        timeFormatter: (t: Time) => `${chartLabel(seconds(t), 'ccc dd LLL HH:mm')} ET`,
      },
      crosshair: { mode: 0 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
      borderVisible: false,
      priceFormat: { type: 'price', precision: 2, minMove: 0.25 },
    });
    const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' } }, 1);
    chart.panes()[1]?.setHeight(110);
    chartRef.current = { chart, candles, volume };
    return () => {
      chartRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const el = container.current;
    if (connection !== 'open' || !el) return;
    const feed = new ChartFeed(api, () => chartRef.current, el, timeframe);
    const overlays = new OverlayController(api, () => chartRef.current, el, timeframe);
    const model = new ModelOverlay(api, () => chartRef.current, el, timeframe);
    return () => {
      model.dispose();
      overlays.dispose();
      feed.dispose();
    };
  }, [api, timeframe, connection]);

  return (
    <>
      <div className="chart" ref={container} data-testid="price-chart" data-timeframe={timeframe} />
      <OverlayLegend api={api} />
    </>
  );
}
