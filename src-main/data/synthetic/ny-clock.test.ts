import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NyClock } from './ny-clock';

const MINUTE = 60_000;

function luxonParts(t: number): { minute: number; weekday: number; tradeDate: string } {
  const d = DateTime.fromMillis(t, { zone: 'America/New_York' });
  return {
    minute: d.hour * 60 + d.minute,
    weekday: d.weekday % 7,
    tradeDate: (d.hour >= 18 ? d.plus({ days: 1 }) : d).toISODate() ?? '',
  };
}

/** Checks every minute of [from, to) against luxon, as the generator walks forward. */
function expectMatchesLuxon(clock: NyClock, from: number, to: number): void {
  let lastKey = Number.NaN;
  let lastDate = '';
  for (let t = from; t < to; t += MINUTE) {
    const want = luxonParts(t);
    expect(clock.minuteOfDay(t)).toBe(want.minute);
    expect(clock.weekday(t)).toBe(want.weekday);
    const key = clock.tradeDayKey(t);
    // The key changes exactly when the trade date does.
    expect(key !== lastKey).toBe(want.tradeDate !== lastDate);
    lastKey = key;
    lastDate = want.tradeDate;
  }
}

describe('NyClock', () => {
  it('matches luxon minute by minute across the spring-forward change (2024-03-10)', () => {
    expectMatchesLuxon(new NyClock(), Date.UTC(2024, 2, 8, 12), Date.UTC(2024, 2, 12, 12));
  });

  it('matches luxon minute by minute across the fall-back change (2024-11-03)', () => {
    expectMatchesLuxon(new NyClock(), Date.UTC(2024, 10, 1, 12), Date.UTC(2024, 10, 5, 12));
  });

  it('stays correct when asked about times out of order', () => {
    const clock = new NyClock();
    const times = [
      Date.UTC(2024, 10, 3, 6, 30), // 01:30 EDT, first pass
      Date.UTC(2024, 2, 10, 6, 59), // 01:59 EST, a minute before spring forward
      Date.UTC(2024, 10, 3, 5, 59), // 01:59 EDT
      Date.UTC(2024, 2, 10, 7, 0), // 03:00 EDT
      Date.UTC(2024, 10, 3, 6, 0) + 17_345, // 01:00:17 EST, second pass (seconds ignored)
      Date.UTC(2023, 6, 4, 13, 30),
    ];
    for (const t of times) {
      expect(clock.minuteOfDay(t)).toBe(luxonParts(t).minute);
      expect(clock.weekday(t)).toBe(luxonParts(t).weekday);
    }
  });

  it('reports −4 h in summer and −5 h in winter', () => {
    const clock = new NyClock();
    expect(clock.offsetAt(Date.UTC(2024, 6, 1))).toBe(-4 * 3_600_000);
    expect(clock.offsetAt(Date.UTC(2024, 0, 1))).toBe(-5 * 3_600_000);
  });
});
