/**
 * Bars for a timeframe from whatever the store holds: aggregated from 1-minute bars when
 * they cover the span, else the native bars of that timeframe, else aggregated from the
 * finest native timeframe that divides it. `adjusted` derives the back-adjusted view from
 * the source series' rolls before aggregating. Used by `nqh bars`, the chart and replay.
 */
import { aggregateColumns } from '@shared/market/aggregate';
import { aggregateDaily } from '@shared/market/aggregate-daily';
import type { BarColumns } from '@shared/market/bar-columns';
import { BAR_TIMEFRAMES, BAR_TIMEFRAME_MINUTES, type BarTimeframe } from '@shared/domain/bar';
import { backAdjust } from './rolls/back-adjust';
import type { MarketStore } from './store/market-store';

export const QUERY_TIMEFRAMES = BAR_TIMEFRAMES;
export type QueryTimeframe = BarTimeframe;
export const QUERY_MINUTES = BAR_TIMEFRAME_MINUTES;

export interface BarsQuery {
  readonly symbol?: string;
  readonly timeframe: QueryTimeframe;
  readonly from?: number;
  readonly to?: number;
  readonly adjusted?: boolean;
}

export interface BarsResult {
  readonly bars: BarColumns;
  /** Which stored series the bars come from (minutes). */
  readonly sourceTimeframe: number | null;
  readonly volumeAbsent: boolean;
  readonly adjusted: boolean;
}

function toTimeframe(src: BarColumns, minutes: number): BarColumns {
  if (minutes === 1440) return aggregateDaily(src);
  const tf = (Object.entries(QUERY_MINUTES).find(([, m]) => m === minutes)?.[0] ?? '1m') as Exclude<
    QueryTimeframe,
    '1d'
  >;
  return aggregateColumns(src, tf);
}

export function queryBars(store: MarketStore, q: BarsQuery): BarsResult {
  const symbol = q.symbol ?? 'NQ';
  const want = QUERY_MINUTES[q.timeframe];
  // Read a day more before `from` for daily bars, whose sessions start the evening before.
  const pad = want === 1440 ? 86_400_000 : 0;
  const from = q.from === undefined ? undefined : q.from - pad;
  // Nothing at or after `to` is read: a session in progress at `to` gives a partial daily
  // bar, never one that includes later minutes (no lookahead).
  const to = q.to;
  const available = store
    .series()
    .filter((s) => s.symbol === symbol && s.timeframe <= want && want % s.timeframe === 0)
    .filter((s) => (to === undefined || s.first < to) && (from === undefined || s.last >= from))
    .map((s) => s.timeframe)
    .sort((a, b) => a - b);
  const source = available[0];
  if (source === undefined) {
    return {
      bars: store.bars(symbol, want, 0, 0).bars,
      sourceTimeframe: null,
      volumeAbsent: false,
      adjusted: false,
    };
  }
  const stored = store.bars(symbol, source, from, to);
  let bars = stored.bars;
  if (q.adjusted) bars = backAdjust(bars, store.rolls(symbol, source));
  if (source !== want) bars = toTimeframe(bars, want);
  if (pad > 0) {
    const lo = q.from === undefined ? 0 : bars.lowerBound(q.from);
    const hi = q.to === undefined ? bars.length : bars.lowerBound(q.to);
    if (lo > 0 || hi < bars.length) {
      bars = bars.copyRange(lo, hi);
    }
  }
  return {
    bars,
    sourceTimeframe: source,
    volumeAbsent: stored.volumeAbsent,
    adjusted: q.adjusted === true,
  };
}

/**
 * The newest `limit` bars of a timeframe ending before `before` (paging back through years
 * of history): reads just enough source bars newest-first, then aggregates. For daily
 * bars, whole sessions are read so the first day is not cut.
 */
export function queryBarsBefore(
  store: MarketStore,
  q: {
    symbol?: string;
    timeframe: QueryTimeframe;
    before: number;
    limit: number;
    adjusted?: boolean;
  },
): BarsResult {
  const symbol = q.symbol ?? 'NQ';
  const want = QUERY_MINUTES[q.timeframe];
  const source = store
    .series()
    .filter(
      (s) =>
        s.symbol === symbol &&
        s.timeframe <= want &&
        want % s.timeframe === 0 &&
        s.first < q.before,
    )
    .map((s) => s.timeframe)
    .sort((a, b) => a - b)[0];
  if (source === undefined) {
    return {
      bars: store.bars(symbol, want, 0, 0).bars,
      sourceTimeframe: null,
      volumeAbsent: false,
      adjusted: false,
    };
  }
  // Source bars per output bar (a trade date has at most 1,380 minutes), plus one bar's worth.
  const per = want === 1440 ? Math.ceil(1380 / source) : want / source;
  const stored = store.barsBefore(symbol, source, q.before, (q.limit + 1) * per);
  let bars = stored.bars;
  if (q.adjusted) bars = backAdjust(bars, store.rolls(symbol, source));
  if (source !== want) bars = toTimeframe(bars, want);
  // The oldest output bar may be partial (its first source bars were not read): drop it
  // unless all of the span was read.
  const drop =
    bars.length > q.limit
      ? bars.length - q.limit
      : stored.bars.length === (q.limit + 1) * per && bars.length > 0
        ? 1
        : 0;
  if (drop > 0) {
    bars = bars.copyRange(drop);
  }
  return {
    bars,
    sourceTimeframe: source,
    volumeAbsent: stored.volumeAbsent,
    adjusted: q.adjusted === true,
  };
}
