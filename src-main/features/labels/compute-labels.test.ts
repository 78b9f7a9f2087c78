import { describe, expect, it } from 'vitest';
import { computeLabels } from './compute-labels';
import {
  FLAG_ASIA,
  FLAG_CENSORED,
  FLAG_END_OF_DATA,
  FLAG_ROLL,
  FLAG_SESSION_CLOSE,
  FLAG_WARMUP,
  LABEL_LONG,
  LABEL_NONE,
  LABEL_SHORT,
  LABEL_UNKNOWN,
  OUTCOME_OPEN,
  OUTCOME_STOP,
  OUTCOME_WIN,
  type LabelColumns,
  type LabelOptions,
} from './label-columns';
import { candles, flatRows, historyRows, joinRows, type CandleRow } from './labels-test-support';

// Tue 2024-06-11 08:00 EDT. Minute 0..115: 24 history buckets (08:00 … 09:55); the decision
// is five-minute bar 23 (09:55), closing at minute 120 = 10:00 EDT; forward bars start there.
const START = '2024-06-11T12:00:00Z';
const MIN = 60_000;
const T = 23;
const E = 20000;
/** All 24 history ranges 4 → median 4 → s = 6: long 19994 / 20012, short 20006 / 19988. */
const HISTORY = historyRows(new Array<number>(24).fill(4), E);
/** A bar strictly inside every level of s = 6. */
const QUIET = [E, 20005.75, 19994.25, E] as const;

function label(forward: readonly CandleRow[], options?: LabelOptions): LabelColumns {
  return computeLabels(candles(START, joinRows(HISTORY, forward)), options);
}

function row(c: LabelColumns, t: number) {
  return {
    entry: c.entry[t],
    stop: c.stop[t],
    label: c.label[t],
    long: c.longOutcome[t],
    short: c.shortOutcome[t],
    flags: c.flags[t],
  };
}

describe('bracket labels on hand-made candles (entry 20000, s = 6)', () => {
  it('labels long when the high reaches entry + 2s before the low reaches entry − s', () => {
    const c = label([
      [120, E, 20005, 19996, 20004],
      [121, 20004, 20012, 20003, 20011], // touches 20012: long target; ≥ 20006 stops the short
      ...flatRows(50, 125, QUIET),
    ]);
    expect(row(c, T)).toEqual({
      entry: E,
      stop: 6,
      label: LABEL_LONG,
      long: OUTCOME_WIN,
      short: OUTCOME_STOP,
      flags: 0,
    });
  });

  it('labels short when the low reaches entry − 2s before the high reaches entry + s', () => {
    const c = label([
      [120, E, 20004, 19995, 19996],
      [121, 19996, 19997, 19988, 19989], // touches 19988: short target; ≤ 19994 stops the long
      ...flatRows(50, 125, QUIET),
    ]);
    expect(row(c, T)).toMatchObject({ label: LABEL_SHORT, long: OUTCOME_STOP, short: OUTCOME_WIN });
  });

  it('counts a long as stopped when one minute reaches both its stop and its target', () => {
    const c = label([
      [120, E, 20007, 19999, 20001], // stops the short (≥ 20006); the long is still open
      [121, 20001, 20012, 19994, E], // long: low ≤ 19994 and high ≥ 20012 in one minute → stop
      ...flatRows(50, 125, QUIET),
    ]);
    expect(row(c, T)).toMatchObject({ label: LABEL_NONE, long: OUTCOME_STOP, short: OUTCOME_STOP });
  });

  it('counts a short as stopped when one minute reaches both its stop and its target', () => {
    const c = label([
      [120, E, 20001, 19993, 19999], // stops the long (≤ 19994); the short is still open
      [121, 19999, 20006, 19988, E], // short: high ≥ 20006 and low ≤ 19988 in one minute → stop
      ...flatRows(50, 125, QUIET),
    ]);
    expect(row(c, T)).toMatchObject({ label: LABEL_NONE, long: OUTCOME_STOP, short: OUTCOME_STOP });
  });

  it('labels none when an outside minute reaches both targets (both stops come with them)', () => {
    const c = label([[120, E, 20012, 19988, E], ...flatRows(50, 125, QUIET)]);
    expect(row(c, T)).toMatchObject({ label: LABEL_NONE, long: OUTCOME_STOP, short: OUTCOME_STOP });
  });

  it('labels none when neither side resolves within 50 five-minute bars', () => {
    // Bars t+1 … t+50 stay inside the levels; bar t+51 (minute 370) would win the long.
    const c = label([...flatRows(50, 120, QUIET), [370, E, 20012, E, 20011]]);
    expect(row(c, T)).toEqual({
      entry: E,
      stop: 6,
      label: LABEL_NONE,
      long: OUTCOME_OPEN,
      short: OUTCOME_OPEN,
      flags: 0,
    });
    expect(c.horizonEnd[T]).toBe(Date.parse(START) + 370 * MIN);
  });

  it('still walks the 50th five-minute bar after the decision', () => {
    const c = label([...flatRows(49, 120, QUIET), [365, E, 20012, E, 20011], [370, E, E, E, E]]);
    expect(row(c, T)).toMatchObject({ label: LABEL_LONG, flags: 0 });
  });

  it('ignores a near miss one tick short of the target', () => {
    const c = label([[120, E, 20011.75, 19994.25, E], ...flatRows(50, 125, QUIET)]);
    expect(row(c, T)).toMatchObject({ label: LABEL_NONE, long: OUTCOME_OPEN, short: OUTCOME_STOP });
  });
});

describe('horizons at the end of the data', () => {
  it('leaves an unresolved label unknown and the targets past the end NaN', () => {
    // Ten forward bars with closes 20001 … 20010: targets h1, h3, h6 exist; h12 does not.
    const forward = Array.from(
      { length: 10 },
      (_, i) => [120 + 5 * i, E, 20005, 19995, E + i + 1] as const,
    );
    const c = label(forward);
    expect(row(c, T)).toMatchObject({
      label: LABEL_UNKNOWN,
      flags: FLAG_END_OF_DATA | FLAG_CENSORED,
    });
    expect(c.targetNames).toEqual(['target.h1', 'target.h3', 'target.h6', 'target.h12']);
    expect(c.targets.map((x) => x[T])).toEqual([1, 3, 6, Number.NaN]);
    expect(c.horizonEnd[T]).toBe(Date.parse(START) + 170 * MIN); // end of the last bar
  });

  it('keeps a label that resolved before the data ended, flagged end-of-data', () => {
    const c = label([[120, E, 20012, 19999, 20010]]);
    expect(row(c, T)).toMatchObject({ label: LABEL_LONG, flags: FLAG_END_OF_DATA });
    expect(c.targets.map((x) => x[T])).toEqual([10, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('has no label and no horizon at the last bar', () => {
    const c = label([]);
    expect(row(c, T)).toMatchObject({
      label: LABEL_UNKNOWN,
      flags: FLAG_END_OF_DATA | FLAG_CENSORED,
    });
    expect(c.horizonEnd[T]).toBe(c.decisionTime[T]);
  });
});

describe('the stop distance (fallback rule)', () => {
  const stopFor = (ranges: readonly number[]): number => {
    const c = computeLabels(candles(START, historyRows(ranges, E)));
    return c.stop[c.length - 1] as number;
  };

  it('takes 1.5 × the median range of the last 24 five-minute bars, the decision bar included', () => {
    // Older bar of range 100, then 12 × 2 and 12 × 6 interleaved: median (2 + 6) / 2 = 4 → 6.
    // Were the older bar counted (25 bars) the median would be 6 and s = 9.
    const ranges = [100, ...Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 2 : 6))];
    expect(stopFor(ranges)).toBe(6);
  });

  it('uses the five-minute range, not the one-minute ranges inside it', () => {
    // Each bucket holds two minutes of range 2 that together span 4 → median 4 → s = 6.
    const rows = Array.from({ length: 24 }, (_, i): CandleRow[] => [
      [5 * i, E, E + 2, E, E + 2],
      [5 * i + 3, E, E, E - 2, E - 1],
    ]).flat();
    const c = computeLabels(candles(START, rows));
    expect(c.stop[23]).toBe(6);
  });

  it('clamps to 8 ticks (2 points) below', () => {
    expect(stopFor(new Array<number>(24).fill(1))).toBe(2); // 1.5 × 1 = 6 ticks → 8
  });

  it('clamps to 200 ticks (50 points) above', () => {
    expect(stopFor(new Array<number>(24).fill(200))).toBe(50); // 1.5 × 200 = 300 → 50
  });

  it('rounds up to the tick, away from the entry', () => {
    expect(stopFor(new Array<number>(24).fill(3.25))).toBe(5); // 1.5 × 3.25 = 4.875 → 5
  });

  it('has no stop and no label before 24 bars exist', () => {
    const c = computeLabels(candles(START, historyRows(new Array<number>(23).fill(4), E)));
    expect(Number.isNaN(c.stop[22])).toBe(true);
    expect(c.label[22]).toBe(LABEL_UNKNOWN);
    expect((c.flags[22] as number) & (FLAG_WARMUP | FLAG_CENSORED)).toBe(
      FLAG_WARMUP | FLAG_CENSORED,
    );
  });

  it('walks with the clamped distance', () => {
    // Ranges 1 → s clamped to 2: the long target is 20004, reached by the first forward minute.
    const rows = joinRows(historyRows(new Array<number>(24).fill(1), E), [
      [120, E, 20004, 19998.25, 20003],
      ...flatRows(50, 125, [20003, 20003, 20003, 20003]),
    ]);
    expect(row(computeLabels(candles(START, rows)), T)).toMatchObject({
      stop: 2,
      label: LABEL_LONG,
    });
  });
});

describe('rolls', () => {
  const ROLL = Date.parse(START) + 123 * MIN; // first bar of the new contract: 10:03 EDT
  const forward: CandleRow[] = [
    ...flatRows(5, 120, QUIET).map(([, o, h, l, c], i) => [120 + i, o, h, l, c] as const),
    [125, E, 20012, 19999, 20011], // would win the long at 10:05
    ...flatRows(49, 130, QUIET),
  ];

  it('wins the long when no roll intervenes', () => {
    expect(row(label(forward), T)).toMatchObject({ label: LABEL_LONG, flags: 0 });
  });

  it('stops the walk and the targets before a roll', () => {
    const c = label(forward, { rollTimes: [ROLL] });
    expect(row(c, T)).toMatchObject({ label: LABEL_UNKNOWN, flags: FLAG_ROLL | FLAG_CENSORED });
    expect(c.targets.map((x) => Number.isNaN(x[T]))).toEqual([true, true, true, true]);
    expect(c.horizonEnd[T]).toBe(ROLL);
  });

  it('keeps a label decided before the roll, flagged', () => {
    const c = label(forward, { rollTimes: [ROLL + 5 * MIN] });
    expect(row(c, T)).toMatchObject({ label: LABEL_LONG, flags: FLAG_ROLL });
    expect(Number.isNaN(c.targets[0]?.[T])).toBe(false); // bar t+1 closes before the roll
  });

  it('labels the decision whose bar contains the roll from the new contract onward', () => {
    const c = label(forward, { rollTimes: [ROLL] });
    expect(row(c, T + 1)).toMatchObject({ label: LABEL_LONG, flags: 0 });
  });
});

describe('flags from the clock', () => {
  it('marks decisions whose bar closes in the Asia window [23:00, 08:00) ET', () => {
    // Sparse bars from 22:30 EDT on Tue 2024-06-11 to 08:05 EDT on Wed.
    const minutes = [0, 20, 25, 30, 550, 560, 565, 570, 575];
    const c = computeLabels(
      candles(
        '2024-06-12T02:30:00Z',
        minutes.map((m) => [m, E, E, E, E]),
      ),
    );
    const asia = Array.from(c.flags, (f) => (f & FLAG_ASIA) !== 0);
    // bar start → close: 22:30→22:35, 22:50→22:55, 22:55→23:00, 23:00→23:05,
    // 07:40→07:45, 07:50→07:55, 07:55→08:00, 08:00→08:05, 08:05→08:10
    expect(asia).toEqual([false, false, true, true, true, true, false, false, false]);
  });

  it('marks label horizons that reach past the session close', () => {
    // 16:45, 16:50, 16:55 EDT, then the session reopens at 18:00.
    const c = computeLabels(
      candles(
        '2024-06-11T20:45:00Z',
        [0, 5, 10, 75, 80, 85].map((m) => [m, E, E, E, E]),
      ),
      { horizonBars: 2 },
    );
    const crosses = Array.from(c.flags, (f) => (f & FLAG_SESSION_CLOSE) !== 0);
    expect(crosses).toEqual([false, true, true, false, false, false]);
  });
});

describe('inputs', () => {
  it('returns no rows for no bars', () => {
    expect(computeLabels(candles(START, [])).length).toBe(0);
  });

  it('rejects invalid tunables before computing anything', () => {
    const bars = candles(START, HISTORY);
    expect(() => computeLabels(bars, { minStopTicks: 10, maxStopTicks: 8 })).toThrow(RangeError);
    expect(() => computeLabels(bars, { horizonBars: 0 })).toThrow(/horizonBars/);
    expect(() => computeLabels(bars, { targetHorizons: [1, 1] })).toThrow(/distinct/);
    expect(() => computeLabels(bars, { rollTimes: [Number.NaN] })).toThrow(/roll time/);
  });
});
