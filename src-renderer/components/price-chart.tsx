/**
 * The candlestick + volume chart (lightweight-charts). Loads a snapshot for the selected
 * timeframe, then applies live 1-minute updates through a LiveAggregator, calling the
 * series' `update` so the chart never re-renders from scratch per bar. Times show in New
 * York time (shifted, see toChartSeconds). Data attributes expose the last bar for
 * end-to-end tests.
 */
import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  HistogramSeries,
  createChart,
  TickMarkType,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
  type Time,
} from 'lightweight-charts';
import type { Bar } from '@shared/domain/bar';
import { LiveAggregator } from '@shared/market/live-aggregator';
import type { Api } from '../ipc/api';
import { useWorkstation } from '../state/store';
import { chartLabel, toChartSeconds } from '../format';

const UP = '#26a69a';
const DOWN = '#ef5350';

const toSeconds = (t: number): UTCTimestamp => toChartSeconds(t) as UTCTimestamp;
const seconds = (t: Time): number => (typeof t === 'number' ? t : 0);

function candle(b: Bar) {
  return { time: toSeconds(b.time), open: b.open, high: b.high, low: b.low, close: b.close };
}
function volumeBar(b: Bar) {
  return {
    time: toSeconds(b.time),
    value: b.volume,
    color: b.close >= b.open ? `${UP}80` : `${DOWN}80`,
  };
}

export function PriceChart({ api }: { readonly api: Api }) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{
    chart: IChartApi;
    candles: ISeriesApi<'Candlestick'>;
    volume: ISeriesApi<'Histogram'>;
  } | null>(null);
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
    if (connection !== 'open') return;
    let cancelled = false;
    let stop: (() => void) | undefined;
    const { setBars, setError } = useWorkstation.getState();
    const queued: { bar: Bar; final: boolean }[] = [];
    let aggregator: LiveAggregator | undefined;
    let count = 0;
    const show = (bar: Bar | undefined): void => {
      const c = chartRef.current;
      if (!bar || !c) return;
      c.candles.update(candle(bar));
      c.volume.update(volumeBar(bar));
      const el = container.current;
      if (el) {
        if (el.dataset.lastBarTime !== String(bar.time)) count++;
        el.dataset.lastBarTime = String(bar.time);
        el.dataset.lastClose = String(bar.close);
        el.dataset.barCount = String(count);
      }
      setBars(bar, count);
    };
    stop = api.onEvent('market.bar', ({ bar, final }) => {
      if (!aggregator) queued.push({ bar, final });
      else show(aggregator.apply(bar, final));
    });
    api
      .getHistory({ timeframe, limit: 5000 })
      .then((h) => {
        const c = chartRef.current;
        if (cancelled || !c) return;
        c.candles.setData(h.bars.map(candle));
        c.volume.setData(h.bars.map(volumeBar));
        count = h.bars.length;
        const last = h.bars[h.bars.length - 1];
        aggregator = new LiveAggregator(timeframe, last, h.lastMinuteTime);
        if (last) show(last);
        if (h.forming) show(aggregator.apply(h.forming, false));
        for (const q of queued.splice(0)) show(aggregator.apply(q.bar, q.final));
        c.chart.timeScale().scrollToRealTime();
      })
      .catch((e: unknown) => setError(`history: ${(e as Error).message}`));
    return () => {
      cancelled = true;
      stop?.();
      stop = undefined;
    };
  }, [api, timeframe, connection]);

  return (
    <div className="chart" ref={container} data-testid="price-chart" data-timeframe={timeframe} />
  );
}
