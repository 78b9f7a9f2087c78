/**
 * Aggregation of 1-minute bars to intraday timeframes aligned to the New York clock.
 * New York's UTC offset is always a whole number of hours, so buckets of 60 minutes or a
 * divisor of 60 start at the same instants in UTC and in New York time: plain integer
 * arithmetic on UTC ms is exact, including across DST changes.
 * open = first open, high = max, low = min, close = last close, volume = sum.
 */
import { MINUTE_MS, TIMEFRAME_MINUTES, type Bar, type Timeframe } from '../domain/bar';
import { utcMs } from '../domain/brand';
import { BarColumns } from './bar-columns';

/** Start of the `timeframe` bucket that contains instant `t`. */
export function bucketStart(t: number, timeframe: Timeframe): number {
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  return Math.floor(t / size) * size;
}

/** Aggregates columnar 1-minute bars to `timeframe` (a new BarColumns). */
export function aggregateColumns(src: BarColumns, timeframe: Timeframe): BarColumns {
  if (timeframe === '1m') return src;
  const out = new BarColumns(Math.ceil(src.length / TIMEFRAME_MINUTES[timeframe]) + 1);
  let bucket = Number.NaN;
  let o = 0;
  let h = 0;
  let l = 0;
  let c = 0;
  let v = 0;
  for (let i = 0; i < src.length; i++) {
    const t = src.time[i] as number;
    const b = bucketStart(t, timeframe);
    if (b !== bucket) {
      if (!Number.isNaN(bucket)) out.push(bucket, o, h, l, c, v);
      bucket = b;
      o = src.open[i] as number;
      h = src.high[i] as number;
      l = src.low[i] as number;
      v = 0;
    } else {
      h = Math.max(h, src.high[i] as number);
      l = Math.min(l, src.low[i] as number);
    }
    c = src.close[i] as number;
    v += src.volume[i] as number;
  }
  if (!Number.isNaN(bucket)) out.push(bucket, o, h, l, c, v);
  return out;
}

/**
 * Folds one 1-minute bar into an aggregated bar: the updated bar when the minute belongs
 * to `last`'s bucket, or a new bar for the minute's bucket otherwise. Pure: a forming
 * minute is folded into the aggregate of closed minutes (see LiveAggregator).
 */
export function foldMinute(last: Bar | undefined, minute: Bar, timeframe: Timeframe): Bar {
  const b = bucketStart(minute.time, timeframe);
  if (last === undefined || last.time !== b) {
    return { ...minute, time: utcMs(b) };
  }
  return {
    time: last.time,
    open: last.open,
    high: Math.max(last.high, minute.high),
    low: Math.min(last.low, minute.low),
    close: minute.close,
    volume: last.volume + minute.volume,
  };
}
