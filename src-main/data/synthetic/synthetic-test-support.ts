/**
 * Helpers shared by the synthetic-market tests: fixtures and an independent New York clock
 * (luxon offsets, not the generator's NyClock), so the tests do not grade the code with
 * its own arithmetic.
 */
import { DateTime } from 'luxon';
import type { Bar } from '@shared/domain/bar';
import { isOnTickGrid } from '@shared/domain/instrument';
import { BarColumns } from '@shared/market/bar-columns';
import { SyntheticMarket } from './synthetic-market';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Wednesday 2024-03-06 00:00 UTC (Tuesday 19:00 ET): 14 days cover two weekends and the
 * 2024-03-10 spring-forward change. */
export const MARCH_START = Date.UTC(2024, 2, 6);
/** Wednesday 2024-10-30: 14 days cover the 2024-11-03 fall-back change. */
export const OCTOBER_START = Date.UTC(2024, 9, 30);
/** Friday 2024-12-20: 22 days cover Christmas, New Year and the 2025-01-09 early close. */
export const HOLIDAY_START = Date.UTC(2024, 11, 20);

/** A bar with its New York wall-clock facts. */
export interface NyBar extends Bar {
  /** Minutes since New York midnight. */
  readonly nyMinute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly nyWeekday: number;
  /** Globex trade date 'YYYY-MM-DD' (trade date D starts 18:00 ET on D−1). */
  readonly tradeDate: string;
  readonly rth: boolean;
}

/** All bars of `days` days from `start`, as columns. */
export function generate(seed: number, start: number, days: number): BarColumns {
  const out = new BarColumns(1 << 14);
  new SyntheticMarket({ seed, start }).fill(out, start + days * DAY);
  return out;
}

/** New York's UTC offset (ms) from luxon, cached per UTC hour: DST changes on the hour. */
const offsetCache = new Map<number, number>();
function nyOffsetMs(t: number): number {
  const hour = Math.floor(t / HOUR);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR, { zone: 'America/New_York' }).offset * MINUTE;
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** The bar with its New York minute, weekday, trade date and RTH flag. */
export function withNyTime(bar: Bar): NyBar {
  const wall = new Date(bar.time + nyOffsetMs(bar.time));
  const nyMinute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return {
    ...bar,
    nyMinute,
    nyWeekday: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(),
    // Shifting the wall clock by 6 h maps the 18:00 open onto the trade date's midnight.
    tradeDate: new Date(wall.getTime() + 6 * HOUR).toISOString().slice(0, 10),
    rth: nyMinute >= 570 && nyMinute < 960,
  };
}

/** Median; the mean of the middle two for an even count. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Arithmetic mean. */
export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** High − low per trade date over the bars that `pick` selects. */
export function dailyRanges(bars: readonly NyBar[], pick: (b: NyBar) => boolean): number[] {
  const byDate = new Map<string, { high: number; low: number }>();
  for (const b of bars) {
    if (!pick(b)) continue;
    const r = byDate.get(b.tradeDate);
    if (r === undefined) byDate.set(b.tradeDate, { high: b.high, low: b.low });
    else {
      r.high = Math.max(r.high, b.high);
      r.low = Math.min(r.low, b.low);
    }
  }
  return [...byDate.values()].map((r) => r.high - r.low);
}

/** What is wrong with a bar's prices and volume; empty when it is valid. */
export function ohlcvProblems(b: Bar): string[] {
  const problems: string[] = [];
  for (const p of [b.open, b.high, b.low, b.close]) {
    if (!isOnTickGrid(p)) problems.push(`off grid ${p}`);
  }
  if (b.high < Math.max(b.open, b.close)) problems.push('high below body');
  if (Math.min(b.open, b.close) < b.low) problems.push('low above body');
  if (!(b.low > 0)) problems.push('non-positive low');
  if (!Number.isInteger(b.volume) || b.volume <= 0) problems.push(`volume ${b.volume}`);
  return problems.map((p) => `${new Date(b.time).toISOString()}: ${p}`);
}
