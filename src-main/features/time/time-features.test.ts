import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isAsiaClock,
  nextSessionClose,
  sessionBounds,
  sessionState,
} from '@shared/calendar/session';
import {
  TIME_FEATURE_NAMES,
  TimeFeatureEncoder,
  computeTimeFeatures,
  type TimeFeatureName,
} from './time-features';

type Row = Record<TimeFeatureName, number>;

/** The features at one UTC ISO instant, by name. */
function at(iso: string): Row {
  const table = computeTimeFeatures([Date.parse(iso)]);
  return Object.fromEntries(table.names.map((n, j) => [n, table.columns[j]?.[0]])) as Row;
}

const f = Math.fround;
const hourSin = (minuteOfDay: number): number => f(Math.sin((2 * Math.PI * minuteOfDay) / 1440));

describe('time features at fixed instants (New York clock)', () => {
  it('at the RTH open, Tue 2024-06-11 09:30 EDT', () => {
    expect(at('2024-06-11T13:30:00Z')).toEqual({
      'time.hourSin': hourSin(570),
      'time.hourCos': f(Math.cos((2 * Math.PI * 570) / 1440)),
      'time.minuteSin': f(Math.sin((2 * Math.PI * 30) / 60)), // ≈ 0
      'time.minuteCos': -1,
      'time.dowMon': 0,
      'time.dowTue': 1,
      'time.dowWed': 0,
      'time.dowThu': 0,
      'time.dowFri': 0,
      'time.sessionAsia': 0,
      'time.sessionEth': 0,
      'time.sessionRth': 1,
      'time.toRthOpen': 0, // the open is now
      'time.toRthClose': 1, // 390 minutes = the cap
      'time.toHalt': 1, // 450 minutes, beyond the 120-minute cap
      'time.asiaClock': 0,
    });
  });

  it('one minute before the open', () => {
    expect(at('2024-06-11T13:29:00Z')).toMatchObject({
      'time.sessionEth': 1,
      'time.sessionRth': 0,
      'time.toRthOpen': f(1 / 240),
      'time.toRthClose': 1,
    });
  });

  it('at 15:59 EDT, one minute before the RTH close', () => {
    expect(at('2024-06-11T19:59:00Z')).toMatchObject({
      'time.sessionRth': 1,
      'time.toRthOpen': 1,
      'time.toRthClose': f(1 / 390),
      'time.toHalt': f(61 / 120),
    });
  });

  it('at 16:00 and 16:59 EDT, after the RTH close', () => {
    expect(at('2024-06-11T20:00:00Z')).toMatchObject({
      'time.sessionEth': 1,
      'time.sessionRth': 0,
      'time.toRthClose': 0,
      'time.toHalt': f(60 / 120),
    });
    expect(at('2024-06-11T20:59:00Z')).toMatchObject({
      'time.toRthClose': 1,
      'time.toHalt': f(1 / 120),
    });
  });

  it('at the 17:00 halt: no session, the halt is now, still Tuesday', () => {
    expect(at('2024-06-11T21:00:00Z')).toMatchObject({
      'time.sessionAsia': 0,
      'time.sessionEth': 0,
      'time.sessionRth': 0,
      'time.toHalt': 0,
      'time.dowTue': 1,
    });
  });

  it('at the 18:00 reopen: the next trade date, Wednesday', () => {
    expect(at('2024-06-11T22:00:00Z')).toMatchObject({
      'time.sessionEth': 1,
      'time.dowTue': 0,
      'time.dowWed': 1,
      'time.toHalt': 1,
    });
  });

  it('at the Asia edges 22:59 / 23:00 / 07:59 / 08:00 EDT', () => {
    const asia = (iso: string) => {
      const r = at(iso);
      return [r['time.sessionAsia'], r['time.sessionEth'], r['time.asiaClock']];
    };
    expect(asia('2024-06-12T02:59:00Z')).toEqual([0, 1, 0]); // 22:59
    expect(asia('2024-06-12T03:00:00Z')).toEqual([1, 0, 1]); // 23:00
    expect(asia('2024-06-12T11:59:00Z')).toEqual([1, 0, 1]); // 07:59
    expect(asia('2024-06-12T12:00:00Z')).toEqual([0, 1, 0]); // 08:00
  });

  it('on the spring-forward Sunday 2024-03-10 and the Monday after', () => {
    // Sunday 18:00 EDT = 22:00Z (the clocks jumped at 02:00 that morning).
    expect(at('2024-03-10T22:00:00Z')).toMatchObject({
      'time.hourSin': -1,
      'time.sessionEth': 1,
      'time.dowMon': 1,
      'time.toRthOpen': 1,
    });
    expect(at('2024-03-11T03:00:00Z')).toMatchObject({ 'time.sessionAsia': 1 }); // 23:00 EDT
    expect(at('2024-03-11T13:30:00Z')).toMatchObject({ 'time.sessionRth': 1, 'time.toRthOpen': 0 });
    // The Friday before, 09:30 was still EST = 14:30Z.
    expect(at('2024-03-08T14:30:00Z')).toMatchObject({ 'time.sessionRth': 1, 'time.toRthOpen': 0 });
  });

  it('on the fall-back Sunday 2024-11-03 and the Monday after', () => {
    expect(at('2024-11-03T23:00:00Z')).toMatchObject({
      'time.hourSin': -1, // 18:00 EST
      'time.sessionEth': 1,
      'time.dowMon': 1,
    });
    expect(at('2024-11-04T13:30:00Z')).toMatchObject({
      'time.sessionEth': 1, // 08:30 EST
      'time.toRthOpen': f(60 / 240),
    });
    expect(at('2024-11-04T14:30:00Z')).toMatchObject({ 'time.sessionRth': 1, 'time.toRthOpen': 0 });
  });

  it('uses the calendar: an early close ends RTH and the session at 13:15', () => {
    // Fri 2024-11-29 (day after Thanksgiving), 12:45 EST.
    expect(at('2024-11-29T17:45:00Z')).toMatchObject({
      'time.sessionRth': 1,
      'time.toRthClose': f(30 / 390),
      'time.toHalt': f(30 / 120),
      'time.dowFri': 1,
    });
  });

  it('gives no session, no weekday and far-away events on a Saturday', () => {
    const r = at('2024-06-15T16:00:00Z');
    const zeros = TIME_FEATURE_NAMES.filter((n) => /dow|session|asiaClock/.test(n));
    expect(zeros.map((n) => r[n])).toEqual(zeros.map(() => 0));
    expect([r['time.toRthOpen'], r['time.toRthClose'], r['time.toHalt']]).toEqual([1, 1, 1]);
  });
});

describe('time features against the calendar and luxon (property)', () => {
  const instant = fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2029, 11, 31) });

  it('agrees with sessionState, isAsiaClock, nextSessionClose and the luxon wall clock', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (raw) => {
        const times = raw.map((t) => Math.floor(t / 60_000) * 60_000).sort((a, b) => a - b);
        const table = computeTimeFeatures(times);
        const col = (name: TimeFeatureName): Float32Array =>
          table.columns[TIME_FEATURE_NAMES.indexOf(name)] as Float32Array;
        times.forEach((t, i) => {
          const ny = DateTime.fromMillis(t, { zone: 'America/New_York' });
          const minute = ny.hour * 60 + ny.minute;
          expect(col('time.hourSin')[i]).toBe(hourSin(minute));
          expect(col('time.asiaClock')[i]).toBe(isAsiaClock(t) ? 1 : 0);
          const state = sessionState(t);
          expect(col('time.sessionRth')[i]).toBe(state === 'RTH' ? 1 : 0);
          expect(col('time.sessionAsia')[i]).toBe(state === 'ASIA' ? 1 : 0);
          const halt = (nextSessionClose(t - 1) - t) / 60_000;
          expect(col('time.toHalt')[i]).toBe(f(Math.min(halt, 120) / 120));
          // Trade-date weekday: the NY date, or the next one from 18:00.
          const trade = ny.hour >= 18 ? ny.plus({ days: 1 }) : ny;
          const dow = ['time.dowMon', 'time.dowTue', 'time.dowWed', 'time.dowThu', 'time.dowFri'];
          dow.forEach((name, d) => {
            expect(col(name as TimeFeatureName)[i]).toBe(trade.weekday === d + 1 ? 1 : 0);
          });
          // The next 09:30 on a date whose session is still open at 09:30.
          const opens = [0, 1].map((k) => {
            const day = ny.plus({ days: k }).set({ hour: 9, minute: 30, second: 0 });
            const close = sessionBounds(day.toISODate() ?? '')?.close ?? -Infinity;
            return close > day.toMillis() && day.toMillis() >= t ? day.toMillis() : Infinity;
          });
          const toOpen = (Math.min(...opens) - t) / 60_000;
          expect(col('time.toRthOpen')[i]).toBe(f(Math.min(toOpen, 240) / 240));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('encodes one instant at a time exactly as the batch does', () => {
    const times = Array.from({ length: 2000 }, (_, i) => Date.UTC(2024, 2, 8) + i * 300_000);
    const batch = computeTimeFeatures(times);
    const encoder = new TimeFeatureEncoder();
    const row = TIME_FEATURE_NAMES.map(() => new Float32Array(1));
    times.forEach((t, i) => {
      encoder.encode(t, row, 0);
      expect(row.map((c) => c[0])).toEqual(batch.columns.map((c) => c[i]));
    });
  });

  it('rejects a cap outside (0, 1440] minutes and a non-finite instant', () => {
    expect(() => new TimeFeatureEncoder({ haltCapMinutes: 0 })).toThrow(RangeError);
    expect(() => new TimeFeatureEncoder({ rthOpenCapMinutes: 1441 })).toThrow(RangeError);
    expect(() => computeTimeFeatures([Number.NaN])).toThrow(RangeError);
  });
});
