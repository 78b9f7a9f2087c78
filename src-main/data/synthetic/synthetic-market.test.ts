import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isTradingMinute } from '@shared/calendar/session';
import type { Bar } from '@shared/domain/bar';
import { BarColumns } from '@shared/market/bar-columns';
import { SyntheticMarket } from './synthetic-market';
import {
  DAY,
  HOLIDAY_START,
  HOUR,
  MARCH_START,
  MINUTE,
  OCTOBER_START,
  generate,
  ohlcvProblems,
  withNyTime,
  type NyBar,
} from './synthetic-test-support';

const march = generate(42, MARCH_START, 14);
const marchBars = march.slice().map(withNyTime);
const octoberBars = generate(42, OCTOBER_START, 14).slice().map(withNyTime);
const holidayBars = generate(42, HOLIDAY_START, 22).slice().map(withNyTime);
const fixtures = [
  ['March 2024 (spring forward)', marchBars],
  ['October 2024 (fall back)', octoberBars],
  ['Christmas 2024 (holidays)', holidayBars],
] as const;

describe('SyntheticMarket calendar and invariants', () => {
  it.each(fixtures.slice(0, 2))(
    'spans ≥ 10 trade dates, weekends and a DST change: %s',
    (_, bars) => {
      expect(new Set(bars.map((b) => b.tradeDate)).size).toBeGreaterThanOrEqual(10);
      expect(bars.filter((b) => b.nyWeekday === 7).length).toBeGreaterThan(0);
      const offsets = new Set(
        bars.map((b) => DateTime.fromMillis(b.time, { zone: 'America/New_York' }).offset),
      );
      expect([...offsets].sort((a, b) => a - b)).toEqual([-300, -240]);
    },
  );

  it.each(fixtures)('puts every price on the 0.25 grid with a consistent OHLC: %s', (_, bars) => {
    expect(bars.flatMap(ohlcvProblems)).toEqual([]);
  });

  it.each(fixtures)('emits bars only in trading minutes of the Globex calendar: %s', (_, bars) => {
    expect(bars.filter((b) => !isTradingMinute(b.time)).map((b) => b.time)).toEqual([]);
  });

  it.each(fixtures)(
    'never emits a bar in the halt, on Saturday, Fri ≥ 17:00, Sun < 18:00: %s',
    (_, bars) => {
      const closed = bars.filter(
        (b) =>
          (b.nyMinute >= 17 * 60 && b.nyMinute < 18 * 60) ||
          b.nyWeekday === 6 ||
          (b.nyWeekday === 5 && b.nyMinute >= 17 * 60) ||
          (b.nyWeekday === 7 && b.nyMinute < 18 * 60),
      );
      expect(closed).toEqual([]);
    },
  );

  it.each(fixtures)('skips only minutes that are not trading minutes: %s', (_, bars) => {
    const problems: string[] = [];
    for (let i = 1; i < bars.length; i++) {
      const prev = (bars[i - 1] as NyBar).time;
      const time = (bars[i] as NyBar).time;
      if (time <= prev || time % MINUTE !== 0) problems.push(`bad time ${time} after ${prev}`);
      for (let t = prev + MINUTE; t < time; t += MINUTE) {
        if (isTradingMinute(t)) problems.push(`skipped trading minute ${t}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('honours holiday closures and early closes from the calendar table', () => {
    const dates = new Set(holidayBars.map((b) => b.tradeDate));
    expect(dates.has('2024-12-25')).toBe(false);
    expect(dates.has('2025-01-01')).toBe(false);
    expect(dates.has('2024-12-24')).toBe(true);
    // Christmas Eve closes at 13:15 ET; the 2025-01-09 day of mourning at 09:30 ET.
    const late = (date: string, minute: number): NyBar[] =>
      holidayBars.filter((b) => b.tradeDate === date && b.nyMinute >= minute && b.nyMinute < 1020);
    expect(late('2024-12-24', 13 * 60 + 15)).toEqual([]);
    expect(late('2025-01-09', 9 * 60 + 30)).toEqual([]);
  });

  it('starts at the first trading minute at or after start, rounding up to the minute', () => {
    // Saturday 2024-03-09 12:00:30 UTC: the week reopens Sunday 18:00 EDT = 22:00 UTC.
    const weekend = new SyntheticMarket({ seed: 1, start: Date.UTC(2024, 2, 9, 12, 0, 30) });
    expect(weekend.peekNextTime()).toBe(Date.UTC(2024, 2, 10, 22));
    // Wednesday 2024-03-06 14:31:10 UTC is a trading minute; the next whole one is 14:32.
    const midweek = new SyntheticMarket({ seed: 1, start: Date.UTC(2024, 2, 6, 14, 31, 10) });
    expect(midweek.nextBar().time).toBe(Date.UTC(2024, 2, 6, 14, 32));
  });

  it('gives identical bars for the same seed and start, and different bars for another seed', () => {
    const again = generate(42, MARCH_START, 14);
    expect(again.slice()).toEqual(march.slice());
    const other = generate(43, MARCH_START, 14);
    expect(Array.from(other.time)).toEqual(Array.from(march.time));
    const sameClose = marchBars.filter((b, i) => b.close === other.close[i]).length;
    expect(sameClose).toBeLessThan(marchBars.length / 10);
  });

  it('fills columns with exactly the bars repeated nextBar() calls return', () => {
    const until = MARCH_START + 6 * DAY;
    const one = new SyntheticMarket({ seed: 5, start: MARCH_START });
    const expected: Bar[] = [];
    while (one.peekNextTime() < until) expected.push(one.nextBar());

    const other = new SyntheticMarket({ seed: 5, start: MARCH_START });
    const out = new BarColumns(16);
    // In uneven chunks, so chunk boundaries cannot matter.
    const chunk = 7 * HOUR + 13 * MINUTE;
    let count = 0;
    for (let t = MARCH_START; t < until; t += chunk) {
      count += other.fill(out, Math.min(until, t + chunk));
    }
    expect(count).toBe(expected.length);
    expect(out.slice()).toEqual(expected);
    expect(other.peekNextTime()).toBeGreaterThanOrEqual(until);
    expect(other.fill(out, until)).toBe(0);
  });

  it('keeps prices on the grid and OHLC consistent for any seed, start and price (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.double({ min: 2_000, max: 40_000, noNaN: true }),
        (seed, start, startPrice) => {
          const market = new SyntheticMarket({ seed, start, startPrice });
          let last = start - 1;
          for (let i = 0; i < 400; i++) {
            const bar = market.nextBar();
            expect(ohlcvProblems(bar)).toEqual([]);
            expect(bar.time > last && isTradingMinute(bar.time)).toBe(true);
            last = bar.time;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a non-finite start and a non-positive or non-finite start price', () => {
    expect(() => new SyntheticMarket({ seed: 1, start: Number.NaN })).toThrow(RangeError);
    expect(() => new SyntheticMarket({ seed: 1, start: 0, startPrice: 0 })).toThrow(RangeError);
    expect(
      () => new SyntheticMarket({ seed: 1, start: 0, startPrice: Number.POSITIVE_INFINITY }),
    ).toThrow(RangeError);
  });
});
