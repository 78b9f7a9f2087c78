import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CME_SCHEDULE, CME_SCHEDULE_FIRST_YEAR, CME_SCHEDULE_LAST_YEAR } from './cme-schedule';
import {
  isAsiaClock,
  isTradingMinute,
  nextSessionClose,
  nextSessionOpen,
  scheduleEntry,
  sessionBounds,
  sessionSegmentEnd,
  sessionState,
  sessionStatus,
  tradeDateOf,
  type SessionState,
} from './session';

const at = (iso: string): number => Date.parse(iso);
const HOUR_MS = 3_600_000;

/** Asserts the state at each instant: [UTC ISO instant, expected state]. */
function expectStates(cases: ReadonlyArray<readonly [string, SessionState]>): void {
  for (const [iso, state] of cases) {
    expect({ iso, state: sessionState(at(iso)) }).toEqual({ iso, state });
  }
}

describe('daily halt', () => {
  it('halts from 17:00 to 18:00 ET on a weekday', () => {
    expectStates([
      ['2024-06-11T20:59:59Z', 'ETH'], // Tue 16:59:59 EDT
      ['2024-06-11T21:00:00Z', 'HALT'], // Tue 17:00:00 EDT
      ['2024-06-11T21:59:59Z', 'HALT'], // Tue 17:59:59 EDT
      ['2024-06-11T22:00:00Z', 'ETH'], // Tue 18:00:00 EDT
    ]);
  });

  it('treats the minute bars of the halt as non-trading', () => {
    expect(isTradingMinute(at('2024-06-11T20:59:00Z'))).toBe(true); // Tue 16:59 EDT
    expect(isTradingMinute(at('2024-06-11T21:00:00Z'))).toBe(false); // Tue 17:00 EDT
    expect(isTradingMinute(at('2024-06-11T21:59:00Z'))).toBe(false); // Tue 17:59 EDT
    expect(isTradingMinute(at('2024-06-11T22:00:00Z'))).toBe(true); // Tue 18:00 EDT
  });

  it('holds at the same wall-clock times in winter', () => {
    expectStates([
      ['2024-01-10T21:59:59Z', 'ETH'], // Wed 16:59:59 EST
      ['2024-01-10T22:00:00Z', 'HALT'], // Wed 17:00:00 EST
      ['2024-01-10T23:00:00Z', 'ETH'], // Wed 18:00:00 EST
    ]);
  });
});

describe('weekend', () => {
  it('closes from the Friday 17:00 ET close to the Sunday 18:00 ET open', () => {
    expectStates([
      ['2024-06-14T20:59:59Z', 'ETH'], // Fri 16:59:59 EDT
      ['2024-06-14T21:00:00Z', 'CLOSED'], // Fri 17:00:00 EDT
      ['2024-06-15T16:00:00Z', 'CLOSED'], // Sat 12:00 EDT
      ['2024-06-16T21:59:59Z', 'CLOSED'], // Sun 17:59:59 EDT
      ['2024-06-16T22:00:00Z', 'ETH'], // Sun 18:00:00 EDT
    ]);
  });

  it('reports the Asia clock on a closed Saturday night without opening the market', () => {
    const t = at('2024-06-16T03:30:00Z'); // Sat 23:30 EDT
    expect(sessionState(t)).toBe('CLOSED');
    expect(isAsiaClock(t)).toBe(true);
    expect(isTradingMinute(t)).toBe(false);
  });
});

describe('trade dates', () => {
  it("assigns the Sunday 18:00 ET open to Monday's trade date", () => {
    expect(tradeDateOf(at('2024-06-16T22:00:00Z'))).toBe('2024-06-17'); // Sun 18:00 EDT
  });

  it('has no trade date during the daily halt', () => {
    expect(tradeDateOf(at('2024-06-17T21:30:00Z'))).toBeNull(); // Mon 17:30 EDT
  });

  it("assigns 17:00 ET minus a second to that day's trade date", () => {
    expect(tradeDateOf(at('2024-06-17T20:59:59Z'))).toBe('2024-06-17'); // Mon 16:59:59 EDT
  });

  it('has no trade date on a weekend', () => {
    expect(tradeDateOf(at('2024-06-15T16:00:00Z'))).toBeNull(); // Sat 12:00 EDT
  });

  it('runs a normal trade date from 18:00 ET the day before to 17:00 ET', () => {
    expect(sessionBounds('2024-06-12')).toEqual({
      open: at('2024-06-11T22:00:00Z'), // Tue 18:00 EDT
      close: at('2024-06-12T21:00:00Z'), // Wed 17:00 EDT
    });
  });

  it('has no session on a Saturday', () => {
    expect(sessionBounds('2024-06-15')).toBeNull();
  });

  it('rejects a malformed trade date', () => {
    expect(() => sessionBounds('2024-02-30')).toThrow(RangeError);
    expect(() => sessionBounds('20240612')).toThrow(RangeError);
  });

  it('rejects a non-finite instant', () => {
    expect(() => sessionState(Number.NaN)).toThrow(RangeError);
    expect(() => isTradingMinute(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('DST changes in 2024', () => {
  it('opens the Sunday 2024-03-10 session at 18:00 EDT, an hour earlier in UTC', () => {
    expect(sessionBounds('2024-03-08')).toEqual({
      open: at('2024-03-07T23:00:00Z'), // Thu 18:00 EST
      close: at('2024-03-08T22:00:00Z'), // Fri 17:00 EST
    });
    expect(sessionBounds('2024-03-11')).toEqual({
      open: at('2024-03-10T22:00:00Z'), // Sun 18:00 EDT
      close: at('2024-03-11T21:00:00Z'), // Mon 17:00 EDT
    });
    expect(sessionState(at('2024-03-10T21:59:59Z'))).toBe('CLOSED'); // Sun 17:59:59 EDT
    expect(sessionState(at('2024-03-10T22:00:00Z'))).toBe('ETH'); // Sun 18:00 EDT
  });

  it('opens the Sunday 2024-11-03 session at 18:00 EST, an hour later in UTC', () => {
    expect(sessionBounds('2024-11-01')).toEqual({
      open: at('2024-10-31T22:00:00Z'), // Thu 18:00 EDT
      close: at('2024-11-01T21:00:00Z'), // Fri 17:00 EDT
    });
    expect(sessionBounds('2024-11-04')).toEqual({
      open: at('2024-11-03T23:00:00Z'), // Sun 18:00 EST
      close: at('2024-11-04T22:00:00Z'), // Mon 17:00 EST
    });
    expect(sessionState(at('2024-11-03T22:59:59Z'))).toBe('CLOSED'); // Sun 17:59:59 EST
    expect(sessionState(at('2024-11-03T23:00:00Z'))).toBe('ETH'); // Sun 18:00 EST
  });

  it('keeps every session 23 hours long, since the clocks change on the closed Sunday', () => {
    for (const date of ['2024-03-08', '2024-03-11', '2024-11-01', '2024-11-04']) {
      const bounds = sessionBounds(date);
      expect(bounds && bounds.close - bounds.open).toBe(23 * HOUR_MS);
    }
  });

  it('closes the weekend for 48 h over the 23-hour Sunday and 50 h over the 25-hour Sunday', () => {
    const spring = sessionStatus(at('2024-03-08T22:00:00Z')); // Fri 17:00 EST
    expect(spring.state).toBe('CLOSED');
    expect(spring.nextChange - at('2024-03-08T22:00:00Z')).toBe(48 * HOUR_MS);
    const autumn = sessionStatus(at('2024-11-01T21:00:00Z')); // Fri 17:00 EDT
    expect(autumn.state).toBe('CLOSED');
    expect(autumn.nextChange - at('2024-11-01T21:00:00Z')).toBe(50 * HOUR_MS);
  });

  it('reads both 01:30 ET instants of 2024-11-03 as the closed Asia clock', () => {
    for (const iso of ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z']) {
      // 01:30 EDT, then 01:30 EST an hour later
      expect(sessionState(at(iso))).toBe('CLOSED');
      expect(isAsiaClock(at(iso))).toBe(true);
    }
  });

  it('starts Asia at 23:00 ET on the Sunday evenings of both changes', () => {
    expectStates([
      ['2024-03-11T02:59:59Z', 'ETH'], // Sun 22:59:59 EDT
      ['2024-03-11T03:00:00Z', 'ASIA'], // Sun 23:00 EDT
      ['2024-11-04T03:59:59Z', 'ETH'], // Sun 22:59:59 EST
      ['2024-11-04T04:00:00Z', 'ASIA'], // Sun 23:00 EST
    ]);
  });
});

describe('Asia session', () => {
  it('covers the New York clock [23:00, 08:00) exactly', () => {
    expectStates([
      ['2024-06-13T02:59:59Z', 'ETH'], // Wed 22:59:59 EDT
      ['2024-06-13T03:00:00Z', 'ASIA'], // Wed 23:00:00 EDT
      ['2024-06-13T11:59:59Z', 'ASIA'], // Thu 07:59:59 EDT
      ['2024-06-13T12:00:00Z', 'ETH'], // Thu 08:00:00 EDT
    ]);
    expect(isAsiaClock(at('2024-06-13T02:59:59Z'))).toBe(false); // Wed 22:59:59 EDT
    expect(isAsiaClock(at('2024-06-13T03:00:00Z'))).toBe(true); // Wed 23:00:00 EDT
    expect(isAsiaClock(at('2024-06-13T11:59:59Z'))).toBe(true); // Thu 07:59:59 EDT
    expect(isAsiaClock(at('2024-06-13T12:00:00Z'))).toBe(false); // Thu 08:00:00 EDT
  });

  it('keeps the Asia session across midnight in winter', () => {
    expectStates([
      ['2024-01-11T04:00:00Z', 'ASIA'], // Wed 23:00 EST
      ['2024-01-11T05:00:00Z', 'ASIA'], // Thu 00:00 EST
      ['2024-01-11T13:00:00Z', 'ETH'], // Thu 08:00 EST
    ]);
  });
});

describe('regular trading hours', () => {
  it('covers the New York clock [09:30, 16:00) exactly', () => {
    expectStates([
      ['2024-06-12T13:29:59Z', 'ETH'], // Wed 09:29:59 EDT
      ['2024-06-12T13:30:00Z', 'RTH'], // Wed 09:30:00 EDT
      ['2024-06-12T19:59:59Z', 'RTH'], // Wed 15:59:59 EDT
      ['2024-06-12T20:00:00Z', 'ETH'], // Wed 16:00:00 EDT
    ]);
  });

  it('follows the New York clock in winter', () => {
    expectStates([
      ['2024-01-10T14:29:59Z', 'ETH'], // Wed 09:29:59 EST
      ['2024-01-10T14:30:00Z', 'RTH'], // Wed 09:30:00 EST
      ['2024-01-10T21:00:00Z', 'ETH'], // Wed 16:00:00 EST
    ]);
  });
});

describe('holidays from the calendar table', () => {
  it('closes at 13:15 ET on Christmas Eve 2024 and stays closed until Dec 25 18:00 ET', () => {
    expectStates([
      ['2024-12-24T18:14:59Z', 'RTH'], // Tue 13:14:59 EST
      ['2024-12-24T18:15:00Z', 'CLOSED'], // Tue 13:15 EST
      ['2024-12-25T17:00:00Z', 'CLOSED'], // Wed 12:00 EST (Christmas)
      ['2024-12-25T22:59:59Z', 'CLOSED'], // Wed 17:59:59 EST
      ['2024-12-25T23:00:00Z', 'ETH'], // Wed 18:00 EST
    ]);
    expect(sessionBounds('2024-12-24')).toEqual({
      open: at('2024-12-23T23:00:00Z'), // Mon 18:00 EST
      close: at('2024-12-24T18:15:00Z'), // Tue 13:15 EST
    });
    expect(sessionBounds('2024-12-25')).toBeNull();
    expect(tradeDateOf(at('2024-12-25T23:00:00Z'))).toBe('2024-12-26'); // Wed 18:00 EST
  });

  it('closes for Good Friday 2024-03-29 from Thursday 17:00 ET to Sunday 18:00 ET', () => {
    expect(scheduleEntry('2024-03-29')?.kind).toBe('closed');
    expect(sessionBounds('2024-03-29')).toBeNull();
    expectStates([
      ['2024-03-28T20:59:59Z', 'ETH'], // Thu 16:59:59 EDT
      ['2024-03-28T21:00:00Z', 'CLOSED'], // Thu 17:00 EDT
      ['2024-03-29T16:00:00Z', 'CLOSED'], // Fri 12:00 EDT
      ['2024-03-31T22:00:00Z', 'ETH'], // Sun 18:00 EDT
    ]);
    const status = sessionStatus(at('2024-03-28T21:00:00Z')); // Thu 17:00 EDT
    expect(status.nextChange).toBe(at('2024-03-31T22:00:00Z')); // Sun 18:00 EDT
    expect(status.nextState).toBe('ETH');
  });

  it('halts at 13:00 ET on MLK day 2024-01-15 and reopens at 18:00 ET', () => {
    expectStates([
      ['2024-01-15T17:59:59Z', 'RTH'], // Mon 12:59:59 EST (RTH by the clock rule)
      ['2024-01-15T18:00:00Z', 'HALT'], // Mon 13:00 EST
      ['2024-01-15T22:59:59Z', 'HALT'], // Mon 17:59:59 EST
      ['2024-01-15T23:00:00Z', 'ETH'], // Mon 18:00 EST
    ]);
    const status = sessionStatus(at('2024-01-15T18:00:00Z')); // Mon 13:00 EST
    expect(status).toMatchObject({ state: 'HALT', tradeDate: null, nextState: 'ETH' });
    expect(status.nextChange).toBe(at('2024-01-15T23:00:00Z')); // Mon 18:00 EST
    expect(tradeDateOf(at('2024-01-15T23:00:00Z'))).toBe('2024-01-16'); // Mon 18:00 EST
  });

  it('closes a Monday holiday from Friday 17:00 ET to Monday 18:00 ET (New Year 2017)', () => {
    expectStates([
      ['2016-12-30T22:00:00Z', 'CLOSED'], // Fri 17:00 EST
      ['2017-01-02T17:00:00Z', 'CLOSED'], // Mon 12:00 EST, New Year's Day observed
      ['2017-01-02T23:00:00Z', 'ETH'], // Mon 18:00 EST
    ]);
    expect(sessionBounds('2017-01-03')?.open).toBe(at('2017-01-02T23:00:00Z'));
  });

  it('halts after the 09:30 ET close of the 2018-12-05 day of mourning', () => {
    expectStates([
      ['2018-12-05T14:29:59Z', 'ETH'], // Wed 09:29:59 EST
      ['2018-12-05T14:30:00Z', 'HALT'], // Wed 09:30 EST
      ['2018-12-05T23:00:00Z', 'ETH'], // Wed 18:00 EST
    ]);
  });

  it('closes the Friday after Thanksgiving 2024 at 13:15 ET for the weekend', () => {
    const status = sessionStatus(at('2024-11-29T18:00:00Z')); // Fri 13:00 EST
    expect(status.state).toBe('RTH');
    expect(status.nextChange).toBe(at('2024-11-29T18:15:00Z')); // Fri 13:15 EST
    expect(status.nextState).toBe('CLOSED');
  });
});

describe('next change', () => {
  const cases: ReadonlyArray<readonly [string, string, SessionState, string, SessionState]> = [
    // [instant, its ET time, state, next change, next state]
    ['2024-06-14T20:30:00Z', 'Fri 16:30 EDT', 'ETH', '2024-06-14T21:00:00Z', 'CLOSED'],
    ['2024-06-16T16:00:00Z', 'Sun 12:00 EDT', 'CLOSED', '2024-06-16T22:00:00Z', 'ETH'],
    ['2024-06-11T14:00:00Z', 'Tue 10:00 EDT', 'RTH', '2024-06-11T20:00:00Z', 'ETH'],
    ['2024-06-11T20:30:00Z', 'Tue 16:30 EDT', 'ETH', '2024-06-11T21:00:00Z', 'HALT'],
    ['2024-06-11T21:30:00Z', 'Tue 17:30 EDT', 'HALT', '2024-06-11T22:00:00Z', 'ETH'],
    ['2024-06-12T00:00:00Z', 'Tue 20:00 EDT', 'ETH', '2024-06-12T03:00:00Z', 'ASIA'],
    ['2024-06-12T06:00:00Z', 'Wed 02:00 EDT', 'ASIA', '2024-06-12T12:00:00Z', 'ETH'],
    ['2024-06-12T12:30:00Z', 'Wed 08:30 EDT', 'ETH', '2024-06-12T13:30:00Z', 'RTH'],
    ['2024-12-24T15:00:00Z', 'Tue 10:00 EST', 'RTH', '2024-12-24T18:15:00Z', 'CLOSED'],
  ];
  for (const [iso, et, state, next, nextState] of cases) {
    it(`moves from ${state} at ${et} to ${nextState} at ${next}`, () => {
      const status = sessionStatus(at(iso));
      expect(status.state).toBe(state);
      expect(status.nextChange).toBe(at(next));
      expect(status.nextState).toBe(nextState);
    });
  }

  it('finds the next session open strictly after an instant', () => {
    // Fri 17:00 EDT → Sun 18:00 EDT
    expect(nextSessionOpen(at('2024-06-14T21:00:00Z'))).toBe(at('2024-06-16T22:00:00Z'));
    // Sun 18:00 EDT (an open itself) → Mon 18:00 EDT
    expect(nextSessionOpen(at('2024-06-16T22:00:00Z'))).toBe(at('2024-06-17T22:00:00Z'));
    // Tue 13:15 EST (Christmas Eve close) → Wed 18:00 EST
    expect(nextSessionOpen(at('2024-12-24T18:15:00Z'))).toBe(at('2024-12-25T23:00:00Z'));
  });
});

describe('properties over 2015–2030', () => {
  const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) });

  it('changes state exactly at nextChange and nowhere between t and nextChange', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const status = sessionStatus(t);
        expect(status.nextChange).toBeGreaterThan(t);
        expect(sessionState(status.nextChange - 1)).toBe(status.state);
        expect(sessionState(status.nextChange)).toBe(status.nextState);
        expect(status.nextState).not.toBe(status.state);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees between state, trading minute, trade date and Asia clock', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const status = sessionStatus(t);
        const open = status.state !== 'HALT' && status.state !== 'CLOSED';
        expect(isTradingMinute(t)).toBe(open);
        expect(status.tradeDate !== null).toBe(open);
        expect(status.tradeDate).toBe(tradeDateOf(t));
        expect(status.isAsiaClock).toBe(isAsiaClock(t));
        if (status.state === 'ASIA') expect(status.isAsiaClock).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps every trade date of the table years onto its own session bounds', () => {
    for (
      let day = Date.UTC(CME_SCHEDULE_FIRST_YEAR, 0, 1);
      day < Date.UTC(CME_SCHEDULE_LAST_YEAR + 1, 0, 1);
    ) {
      const date = new Date(day).toISOString().slice(0, 10);
      const bounds = sessionBounds(date);
      if (bounds !== null) {
        expect(tradeDateOf(bounds.open)).toBe(date);
        expect(tradeDateOf(bounds.close - 1)).toBe(date);
        expect(tradeDateOf(bounds.close)).toBeNull();
        expect(tradeDateOf(bounds.open - 1)).toBeNull();
      }
      day += 86_400_000;
    }
  });
});

describe('calendar table', () => {
  it('has sorted, unique, valid weekday dates inside the covered years', () => {
    const dates = CME_SCHEDULE.map((entry) => entry.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const date of dates) {
      const parsed = new Date(`${date}T00:00:00Z`);
      expect(parsed.toISOString().slice(0, 10)).toBe(date);
      expect([0, 6]).not.toContain(parsed.getUTCDay());
      const year = parsed.getUTCFullYear();
      expect(year).toBeGreaterThanOrEqual(CME_SCHEDULE_FIRST_YEAR);
      expect(year).toBeLessThanOrEqual(CME_SCHEDULE_LAST_YEAR);
    }
  });

  it('gives every early close a valid closeEt before 17:00 and no closed day a closeEt', () => {
    for (const entry of CME_SCHEDULE) {
      if (entry.kind === 'early-close') {
        expect(entry.closeEt).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect((entry.closeEt ?? '') < '17:00').toBe(true);
      } else {
        expect(entry.closeEt).toBeUndefined();
      }
    }
  });

  it('lists the fixed closures of every covered year', () => {
    for (let year = CME_SCHEDULE_FIRST_YEAR; year <= CME_SCHEDULE_LAST_YEAR; year++) {
      const names = CME_SCHEDULE.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.name);
      expect(names.some((name) => name.startsWith('Christmas Day'))).toBe(true);
      expect(names.some((name) => name.startsWith('Good Friday'))).toBe(true);
      expect(names).toContain('Thanksgiving Day');
      expect(names).toContain('Labor Day');
    }
  });
});

describe('next session close', () => {
  it('is the close of the current session, or of the next one from a halt or a weekend', () => {
    // Tue 2024-03-05 10:00 ET → that day's 17:00 ET close.
    expect(new Date(nextSessionClose(Date.parse('2024-03-05T15:00:00Z'))).toISOString()).toBe(
      '2024-03-05T22:00:00.000Z',
    );
    // Saturday → Monday's close (Monday 2024-03-11 17:00 EDT).
    expect(new Date(nextSessionClose(Date.parse('2024-03-09T17:00:00Z'))).toISOString()).toBe(
      '2024-03-11T21:00:00.000Z',
    );
    // Christmas Eve 2024 10:00 ET → its early close at 13:15 ET.
    expect(new Date(nextSessionClose(Date.parse('2024-12-24T15:00:00Z'))).toISOString()).toBe(
      '2024-12-24T18:15:00.000Z',
    );
  });
});

describe('sessionSegmentEnd', () => {
  it('bounds a span over which state, trade date and Asia clock stay constant', () => {
    const MINUTE = 60_000;
    const from = at('2023-12-20T00:00:00Z');
    const until = at('2025-01-10T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor((until - from) / MINUTE) }), (k) => {
        const t = from + k * MINUTE;
        const end = sessionSegmentEnd(t);
        expect(end).toBeGreaterThan(t);
        // Never longer than a NY day, so a clock that trusts it is re-checked daily.
        expect(end - t).toBeLessThanOrEqual(25 * HOUR_MS);
        for (let u = t; u < end; u += 7 * MINUTE) {
          expect(sessionState(u)).toBe(sessionState(t));
          expect(tradeDateOf(u)).toBe(tradeDateOf(t));
          expect(isAsiaClock(u)).toBe(isAsiaClock(t));
        }
        expect(sessionState(end - 1)).toBe(sessionState(t));
      }),
      { numRuns: 300 },
    );
  });

  it('ends at the RTH open, the early close of a holiday and the 18:00 ET open', () => {
    expect(sessionSegmentEnd(at('2024-06-11T13:00:00Z'))).toBe(at('2024-06-11T13:30:00Z'));
    // 2024-07-03 closes early at 13:15 ET (17:15 UTC).
    expect(sessionSegmentEnd(at('2024-07-03T16:30:00Z'))).toBe(at('2024-07-03T17:15:00Z'));
    expect(sessionSegmentEnd(at('2024-06-11T21:10:00Z'))).toBe(at('2024-06-11T22:00:00Z'));
  });
});
