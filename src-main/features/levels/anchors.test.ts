import { describe, expect, it } from 'vitest';
import { LevelEngine } from './level-engine';
import { LevelBit } from './level-names';
import { candles, ny, type CandleRow } from './level-test-support';
import { tpoView } from './level-views';

/** A bar whose typical price is `p` (h = l = c = p) with volume 10. */
function at(time: string, p: number): CandleRow {
  return [time, p, p, p, p, 10];
}

function run(rows: readonly CandleRow[]): LevelEngine {
  const bars = candles(rows);
  const e = new LevelEngine();
  for (let i = 0; i < bars.length; i++) e.pushFrom(bars, i);
  return e;
}

describe('VWAP anchors', () => {
  it('opens the week at the Sunday 18:00 ET session after the spring DST change', () => {
    // Clocks went forward on Sun 2024-03-10 02:00: 18:00 EDT is 22:00 UTC (not 23:00).
    expect(new Date(ny('2024-03-10 18:00')).toISOString()).toBe('2024-03-10T22:00:00.000Z');
    const e = run([at('2024-03-08 16:59', 100), at('2024-03-10 18:00', 200)]);
    expect(e.level('vwapWeek')).toBe(200);
    expect(e.level('vwapDay')).toBe(200);
    expect(e.level('vwapHour')).toBe(200);
    expect(e.level('vwapMonth')).toBe(150); // March runs on: (100 + 200) / 2
    expect(e.complete & LevelBit.weekVwap).toBe(LevelBit.weekVwap);
    expect(e.complete & LevelBit.monthVwap).toBe(0);
  });

  it('opens the week at the Sunday 18:00 ET session after the autumn DST change', () => {
    // Clocks went back on Sun 2024-11-03 02:00: 18:00 EST is 23:00 UTC.
    expect(new Date(ny('2024-11-03 18:00')).toISOString()).toBe('2024-11-03T23:00:00.000Z');
    const e = run([
      at('2024-11-01 16:59', 100),
      at('2024-11-03 18:00', 200),
      at('2024-11-03 18:59', 300),
      at('2024-11-03 19:00', 400),
    ]);
    expect(e.level('vwapWeek')).toBe(300); // (200 + 300 + 400) / 3
    expect(e.level('vwapHour')).toBe(400); // 19:00 EST is a new New York hour
    expect(e.level('vwapMonth')).toBe(250);
  });

  it('letters the first RTH period from 09:30 New York time after the DST change', () => {
    const e = run([at('2024-03-11 09:29', 100), at('2024-03-11 09:30', 101)]);
    // 09:30 EDT = 13:30 UTC; a fixed EST offset would put it at 14:30 UTC.
    expect(new Date(ny('2024-03-11 09:30')).toISOString()).toBe('2024-03-11T13:30:00.000Z');
    expect(tpoView(e)?.letters).toEqual(['A']);
    expect(tpoView(e)?.low).toBe(101);
  });

  it('starts a new day at 18:00 ET mid-week while the week runs on', () => {
    const e = run([at('2024-03-12 16:59', 100), at('2024-03-12 18:00', 200)]);
    expect(e.level('vwapDay')).toBe(200);
    expect(e.level('vwapWeek')).toBe(150);
  });

  it('starts the month with the first session whose trade date is in it', () => {
    // The 18:00 ET session of Tue 30 April trades for Wed 1 May: it opens May's VWAP.
    const e = run([at('2024-04-30 16:59', 100), at('2024-04-30 18:00', 200)]);
    expect(e.level('vwapMonth')).toBe(200);
    expect(e.level('vwapWeek')).toBe(150);
  });

  it('starts April on Sunday 31 March after the Good Friday closure', () => {
    // Thu 28 March closes at 17:00; Good Friday is closed; Sun 31 March 18:00 trades for
    // Mon 1 April: a new week and a new month on a March calendar day.
    const e = run([at('2024-03-28 16:59', 100), at('2024-03-31 18:00', 200)]);
    expect(e.level('vwapMonth')).toBe(200);
    expect(e.level('vwapWeek')).toBe(200);
  });

  it('opens the week with the Monday evening session when Monday is a holiday', () => {
    // New Year's Day 2024 (Monday) has no session: the week opens Mon 18:00 for Tue 2 Jan.
    const e = run([at('2023-12-29 16:59', 100), at('2024-01-01 18:00', 200)]);
    expect(e.level('vwapWeek')).toBe(200);
    expect(e.level('vwapMonth')).toBe(200);
  });
});
