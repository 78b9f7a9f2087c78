import { describe, expect, it } from 'vitest';
import { foldCount, walkForwardFolds, type Fold } from './folds';
import { makeRng } from './test-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Samples {
  tradeDate: string[];
  decisionTime: Float64Array;
  horizonEnd: Float64Array;
}

function isoDate(day: number): string {
  return new Date(Date.UTC(2024, 0, 1) + day * DAY).toISOString().slice(0, 10);
}

/**
 * `days` consecutive dates, 20 samples per date at hours 0..19 of the day, each label looking
 * `horizonHours` ahead. With 8 h, the samples at hours 17, 18, 19 reach past the next day's
 * first sample (24 h): 3 per boundary must be purged.
 */
function regular(days: number, horizonHours: number): Samples {
  const tradeDate: string[] = [];
  const dt: number[] = [];
  for (let d = 0; d < days; d++) {
    for (let j = 0; j < 20; j++) {
      tradeDate.push(isoDate(d));
      dt.push(Date.UTC(2024, 0, 1) + d * DAY + j * HOUR);
    }
  }
  const decisionTime = Float64Array.from(dt);
  return { tradeDate, decisionTime, horizonEnd: decisionTime.map((t) => t + horizonHours * HOUR) };
}

/** Index of the first sample of a trade date. */
function firstOf(s: Samples, date: string): number {
  return s.tradeDate.indexOf(date);
}

function max(a: ArrayLike<number>, r: { from: number; to: number }): number {
  let m = -Infinity;
  for (let i = r.from; i < r.to; i++) if (Number.isFinite(a[i])) m = Math.max(m, a[i] as number);
  return m;
}

/** The no-lookahead properties every fold must satisfy. */
function checkFold(s: Samples, f: Fold, embargoMs: number): void {
  const valStart = s.decisionTime[firstOf(s, f.valDates[0])] as number;
  const testStart = s.decisionTime[firstOf(s, f.testDates[0])] as number;
  // Purging: no training label reaches the val span, no val label reaches the test span.
  expect(max(s.horizonEnd, f.train)).toBeLessThanOrEqual(valStart);
  expect(max(s.horizonEnd, f.val)).toBeLessThanOrEqual(testStart);
  // Ranges are ordered, non-overlapping and inside their date spans.
  expect(f.train.from).toBeLessThanOrEqual(f.train.to);
  expect(f.train.to).toBeLessThanOrEqual(f.val.from);
  expect(f.val.from).toBeLessThanOrEqual(f.val.to);
  expect(f.val.to).toBeLessThanOrEqual(f.test.from);
  expect(f.test.from).toBeLessThanOrEqual(f.test.to);
  const inDates = (r: { from: number; to: number }, d: readonly [string, string]): void => {
    for (let i = r.from; i < r.to; i++) {
      expect((s.tradeDate[i] as string) >= d[0] && (s.tradeDate[i] as string) <= d[1]).toBe(true);
    }
  };
  inDates(f.train, f.trainDates);
  inDates(f.val, f.valDates);
  inDates(f.test, f.testDates);
  // Embargo: the first kept val/test sample comes embargoMs after the data used before it.
  if (f.val.to > f.val.from) {
    const before = Math.max(max(s.horizonEnd, f.train), max(s.decisionTime, f.train));
    expect(s.decisionTime[f.val.from] as number).toBeGreaterThanOrEqual(before + embargoMs);
  }
  if (f.test.to > f.test.from) {
    const before = Math.max(
      max(s.horizonEnd, f.train),
      max(s.horizonEnd, f.val),
      max(s.decisionTime, f.val),
    );
    expect(s.decisionTime[f.test.from] as number).toBeGreaterThanOrEqual(before + embargoMs);
  }
}

describe('walkForwardFolds', () => {
  it('cuts the hand-computed ranges (purge 3 per boundary, embargo 2 h → 2 more)', () => {
    const s = regular(4, 8);
    const folds = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
      trainDays: 2,
      valDays: 1,
      testDays: 1,
    });
    expect(folds).toHaveLength(1);
    const f = folds[0] as Fold;
    expect(f.train).toEqual({ from: 0, to: 37 });
    expect(f.val).toEqual({ from: 40, to: 57 });
    expect(f.test).toEqual({ from: 60, to: 80 });
    expect(f.purged).toEqual({ train: 3, val: 3 });
    expect(f.embargoed).toEqual({ val: 0, test: 0 });
    expect(f.trainDates).toEqual(['2024-01-01', '2024-01-02']);
    expect(f.valDates).toEqual(['2024-01-03', '2024-01-03']);
    expect(f.testDates).toEqual(['2024-01-04', '2024-01-04']);

    // Latest kept training data: hour 16 + 8 h = next midnight; + 2 h skips val hours 0 and 1.
    const e = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
      trainDays: 2,
      valDays: 1,
      testDays: 1,
      embargoMs: 2 * HOUR,
    })[0] as Fold;
    expect(e.val).toEqual({ from: 42, to: 57 });
    expect(e.test).toEqual({ from: 62, to: 80 });
    expect(e.embargoed).toEqual({ val: 2, test: 2 });
    checkFold(s, e, 2 * HOUR);
  });

  it('purges nothing when labels end before the next span', () => {
    const s = regular(4, 4); // hour 19 + 4 h = 23 h < 24 h
    const f = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
      trainDays: 2,
      valDays: 1,
      testDays: 1,
    })[0] as Fold;
    expect(f.train).toEqual({ from: 0, to: 40 });
    expect(f.purged).toEqual({ train: 0, val: 0 });
  });

  it('yields floor((dates − total) / step) + 1 folds whose test spans tile without overlap', () => {
    const s = regular(30, 8);
    const opts = { trainDays: 10, valDays: 5, testDays: 5 };
    const folds = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, opts);
    expect(folds).toHaveLength(3);
    expect(foldCount(30, opts)).toBe(3);
    expect(folds.map((f) => f.testDates)).toEqual([
      ['2024-01-16', '2024-01-20'],
      ['2024-01-21', '2024-01-25'],
      ['2024-01-26', '2024-01-30'],
    ]);
    for (let k = 1; k < folds.length; k++) {
      const prev = folds[k - 1] as Fold;
      const cur = folds[k] as Fold;
      expect(cur.test.from).toBeGreaterThanOrEqual(prev.test.to);
      expect(cur.train.from - prev.train.from).toBe(5 * 20); // rolling by 5 dates
    }
    expect(folds.map((f) => f.index)).toEqual([0, 1, 2]);
    // A step of 7: floor(10 / 7) + 1 = 2 folds; 29 dates: floor(9 / 5) + 1 = 2.
    const step7 = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
      ...opts,
      stepDays: 7,
    });
    expect(step7.map((f) => f.trainDates[0])).toEqual(['2024-01-01', '2024-01-08']);
    expect(step7[1]?.testDates).toEqual(['2024-01-23', '2024-01-27']);
    const s29 = regular(29, 8);
    expect(walkForwardFolds(s29.tradeDate, s29.decisionTime, s29.horizonEnd, opts)).toHaveLength(2);
  });

  it('keeps training anchored at the first date when expanding', () => {
    const s = regular(30, 8);
    const folds = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
      trainDays: 10,
      valDays: 5,
      testDays: 5,
      expanding: true,
    });
    expect(folds.map((f) => f.trainDates)).toEqual([
      ['2024-01-01', '2024-01-10'],
      ['2024-01-01', '2024-01-15'],
      ['2024-01-01', '2024-01-20'],
    ]);
    for (const f of folds) checkFold(s, f, 0);
  });

  it('holds the no-lookahead properties on irregular data (gaps, long and missing horizons)', () => {
    const rng = makeRng(41);
    const tradeDate: string[] = [];
    const dt: number[] = [];
    const he: number[] = [];
    let day = 0;
    for (let d = 0; d < 60; d++) {
      day += rng.uniform() < 0.2 ? 3 : 1; // weekends
      const k = 5 + Math.floor(rng.uniform() * 30);
      let t = Date.UTC(2024, 0, 1) + day * DAY;
      for (let j = 0; j < k; j++) {
        t += Math.floor(rng.uniform() * 40) * 60_000; // equal times allowed
        tradeDate.push(isoDate(day));
        dt.push(t);
        const u = rng.uniform();
        // Mostly ≤ 6 h, sometimes 3 days (a label spanning a weekend), sometimes no label.
        he.push(u < 0.05 ? NaN : u < 0.1 ? t + 3 * DAY : t + rng.uniform() * 6 * HOUR);
      }
    }
    const s: Samples = {
      tradeDate,
      decisionTime: Float64Array.from(dt),
      horizonEnd: Float64Array.from(he),
    };
    for (const embargoMs of [0, HOUR, 5 * HOUR]) {
      const opts = { trainDays: 20, valDays: 5, testDays: 5, stepDays: 6, embargoMs };
      const folds = walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, opts);
      expect(folds).toHaveLength(Math.floor((60 - 30) / 6) + 1);
      let purged = 0;
      for (const f of folds) {
        checkFold(s, f, embargoMs);
        purged += f.purged.train + f.purged.val;
      }
      expect(purged).toBeGreaterThan(0); // the 3-day labels force real purging
    }
  });

  it('explains when the history is too short for one fold', () => {
    const s = regular(19, 8);
    expect(() =>
      walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
        trainDays: 10,
        valDays: 5,
        testDays: 5,
      }),
    ).toThrow(
      'need at least 20 distinct trade dates for one fold (train 10 + val 5 + test 5), got 19',
    );
    expect(foldCount(19, { trainDays: 10, valDays: 5, testDays: 5 })).toBe(0);
  });

  it('rejects inconsistent input', () => {
    const s = regular(4, 8);
    const opts = { trainDays: 2, valDays: 1, testDays: 1 };
    const swapped = [...s.tradeDate];
    swapped[0] = '2024-02-01';
    expect(() => walkForwardFolds(swapped, s.decisionTime, s.horizonEnd, opts)).toThrow(
      /tradeDate decreases/,
    );
    expect(() =>
      walkForwardFolds(s.tradeDate, s.decisionTime.slice(1), s.horizonEnd, opts),
    ).toThrow(/differ/);
    expect(() =>
      walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, {
        ...opts,
        testDays: 2,
        stepDays: 1,
      }),
    ).toThrow(/overlap/);
    expect(() =>
      walkForwardFolds(s.tradeDate, s.decisionTime, s.horizonEnd, { ...opts, valDays: 0 }),
    ).toThrow(/valDays must be an integer/);
  });
});
