/**
 * Candle-table fixtures for the label tests: a few hand-written 1-minute bars, readable at a
 * glance. Test support only; production code does not import this file.
 */
import { BarColumns } from '@shared/market/bar-columns';

/** One hand-written 1-minute bar: [minutes after the table start, open, high, low, close]. */
export type CandleRow = readonly [number, number, number, number, number];

const MINUTE_MS = 60_000;

/** 1-minute bars at `start` (UTC ISO instant) + each row's minute offset; volume 1. */
export function candles(start: string, rows: readonly CandleRow[]): BarColumns {
  const t0 = Date.parse(start);
  const out = new BarColumns(rows.length);
  for (const [minute, o, h, l, c] of rows) out.push(t0 + minute * MINUTE_MS, o, h, l, c, 1);
  return out;
}

/**
 * History for a decision: one 1-minute bar at the start of each consecutive five-minute
 * bucket, so each five-minute bar equals that minute. Bar i has low = `close`, high =
 * `close` + ranges[i], open = close = `close`. Returns rows starting at minute `firstMinute`.
 */
export function historyRows(
  ranges: readonly number[],
  close: number,
  firstMinute = 0,
): CandleRow[] {
  return ranges.map((r, i) => [firstMinute + 5 * i, close, close + r, close, close] as const);
}

/** `count` flat sparse rows (one per five minutes) from `firstMinute`, all inside (low, high). */
export function flatRows(
  count: number,
  firstMinute: number,
  bar: readonly [number, number, number, number],
): CandleRow[] {
  return Array.from({ length: count }, (_, i) => [firstMinute + 5 * i, ...bar] as const);
}

/** Concatenates the rows of several 1-minute tables that share a start (already in order). */
export function joinRows(...parts: ReadonlyArray<readonly CandleRow[]>): CandleRow[] {
  return parts.flat();
}
