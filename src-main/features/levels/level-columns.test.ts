import { describe, expect, it } from 'vitest';
import { computeLevels } from './level-batch';
import { checkDecisions, decisionBars, everyBar } from './level-columns';
import { LevelEngine } from './level-engine';
import { LEVEL_COUNT } from './level-names';
import { candles, ny } from './level-test-support';

describe('decision bars', () => {
  it('picks the last 1-minute bar of each New York 5-minute bucket', () => {
    const bars = candles([
      ['2024-03-12 10:00', 1, 1, 1, 1, 1],
      ['2024-03-12 10:04', 1, 1, 1, 1, 1], // closes 10:00–10:05
      ['2024-03-12 10:05', 1, 1, 1, 1, 1],
      ['2024-03-12 10:07', 1, 1, 1, 1, 1], // last of 10:05–10:10 (10:08, 10:09 untraded)
      ['2024-03-12 10:12', 1, 1, 1, 1, 1], // last bar, bucket not over: no decision yet
    ]);
    expect(Array.from(decisionBars(bars.time, bars.length, 5))).toEqual([1, 3]);
    expect(Array.from(decisionBars(bars.time, bars.length, 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts the final bar when it is the last minute of its bucket', () => {
    const bars = candles([['2024-03-12 10:04', 1, 1, 1, 1, 1]]);
    expect(Array.from(decisionBars(bars.time, bars.length, 5))).toEqual([0]);
  });

  it('rejects bucket sizes that do not divide the hour and unordered decisions', () => {
    expect(() => decisionBars(new Float64Array(0), 0, 7)).toThrow(RangeError);
    expect(() => checkDecisions(Int32Array.of(2, 1), 3)).toThrow();
    expect(() => checkDecisions(Int32Array.of(3), 3)).toThrow();
  });
});

describe('level columns', () => {
  it('writes one row per decision bar with its index and time, NaN where undefined', () => {
    const bars = candles([
      ['2024-03-12 10:00', 100, 101, 99, 100, 10],
      ['2024-03-12 10:01', 100, 101, 99, 100, 10],
    ]);
    const cols = computeLevels(bars, everyBar(2));
    expect(cols.length).toBe(2);
    expect(Array.from(cols.index)).toEqual([0, 1]);
    expect(cols.time[1]).toBe(ny('2024-03-12 10:01'));
    expect(cols.columns.length).toBe(LEVEL_COUNT);
    expect(cols.level.vwapDay[1]).toBe(100);
    expect(cols.level.sessionHvnAbove[0]).toBe(100); // a lone bar peaks in its middle
    expect(cols.level.sessionLvnAbove[0]).toBeNaN(); // and has no valley
  });
});

describe('bar validation', () => {
  it('fails fast on bad bars instead of producing NaN levels', () => {
    const e = new LevelEngine();
    const t = ny('2024-03-12 10:00');
    expect(() => e.push(t, 1, Number.NaN, 1, 1, 1)).toThrow();
    expect(() => e.push(t, 1, 1, 2, 1, 1)).toThrow(); // high < low
    expect(() => e.push(t, 1, 1, 1, 1, -1)).toThrow();
    expect(() => e.push(t, 1, 1, 1, 1, Infinity)).toThrow();
    // Tick indices are small integers: 2^30 ticks of 0.25 is ~268 million.
    expect(() => e.push(t, 1, 3e8, 1, 1, 1)).toThrow(/beyond/);
    expect(() => e.push(t, 1, 1, -3e8, 1, 1)).toThrow(/beyond/);
    e.push(t, 1, 1, 1, 1, 1);
    expect(() => e.push(t, 1, 1, 1, 1, 1)).toThrow(RangeError); // not after the last bar
  });

  it('rejects settings out of range', () => {
    expect(() => new LevelEngine({ smoothBins: 8 })).toThrow(RangeError);
    expect(() => new LevelEngine({ valueAreaShare: 0 })).toThrow(RangeError);
    expect(() => new LevelEngine({ tpoPeriodMinutes: 10 })).toThrow(RangeError);
  });
});
