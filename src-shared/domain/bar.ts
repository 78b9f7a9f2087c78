/**
 * Bars: stamped at their start, UTC epoch ms. A 1-minute bar at 09:30 covers
 * 09:30:00–09:30:59. Minutes without trades have no bar.
 */
import type { UtcMs } from './brand';

export interface Bar {
  /** Bar start, UTC epoch milliseconds. */
  readonly time: UtcMs;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h'] as const;
/** Intraday timeframes aligned to the New York clock. */
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MINUTES: Readonly<Record<Timeframe, number>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
};

/** Every bar length the store can serve: the intraday ones plus the Globex trade date. */
export const BAR_TIMEFRAMES = [...TIMEFRAMES, '1d'] as const;
export type BarTimeframe = (typeof BAR_TIMEFRAMES)[number];

export const BAR_TIMEFRAME_MINUTES: Readonly<Record<BarTimeframe, number>> = {
  ...TIMEFRAME_MINUTES,
  '1d': 1440,
};

export const MINUTE_MS = 60_000;
