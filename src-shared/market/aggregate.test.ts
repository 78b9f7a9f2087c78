import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utcMs } from '../domain/brand';
import type { Bar } from '../domain/bar';
import { BarColumns } from './bar-columns';
import { aggregateColumns, bucketStart } from './aggregate';
import { LiveAggregator } from './live-aggregator';

const MIN = 60_000;
// 2024-03-10 06:58 UTC = 01:58 EST, the spring DST change (02:00 → 03:00 EDT).
const T0 = Date.UTC(2024, 2, 10, 6, 58);

function bar(t: number, o: number, h: number, l: number, c: number, v: number): Bar {
  return { time: utcMs(t), open: o, high: h, low: l, close: c, volume: v };
}

function columns(bars: Bar[]): BarColumns {
  const c = new BarColumns(2);
  for (const b of bars) c.pushBar(b);
  return c;
}

describe('aggregation of 1-minute bars', () => {
  it('builds 5-minute bars: first open, max high, min low, last close, summed volume', () => {
    const start = Date.UTC(2024, 2, 5, 14, 30); // 09:30 ET
    const src = columns([
      bar(start, 100, 101, 99.5, 100.5, 10),
      bar(start + MIN, 100.5, 102, 100, 101.75, 20),
      // 09:32 has no trades: no bar.
      bar(start + 3 * MIN, 101.75, 101.75, 98, 98.25, 5),
      bar(start + 4 * MIN, 98.25, 99, 98, 98.75, 1),
      bar(start + 5 * MIN, 98.75, 99.5, 98.5, 99.25, 7),
    ]);
    expect(aggregateColumns(src, '5m').slice()).toEqual([
      bar(start, 100, 102, 98, 98.75, 36),
      bar(start + 5 * MIN, 98.75, 99.5, 98.5, 99.25, 7),
    ]);
  });

  it('aligns hourly buckets to the New York clock across the DST change', () => {
    // 01:58 and 01:59 EST belong to the 01:00 hour; the next minute is 03:00 EDT.
    const src = columns([
      bar(T0, 1, 1, 1, 1, 1),
      bar(T0 + MIN, 2, 2, 2, 2, 1),
      bar(T0 + 2 * MIN, 3, 3, 3, 3, 1),
    ]);
    const hours = aggregateColumns(src, '1h').slice();
    expect(hours.map((b) => new Date(b.time).toISOString())).toEqual([
      '2024-03-10T06:00:00.000Z',
      '2024-03-10T07:00:00.000Z',
    ]);
    expect(hours.map((b) => b.volume)).toEqual([2, 1]);
  });

  it('keeps volume and extremes for any minute series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 30 }),
            move: fc.integer({ min: -20, max: 20 }),
            v: fc.integer({ min: 1, max: 1000 }),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        fc.constantFrom('5m', '15m', '30m', '1h') as fc.Arbitrary<'5m' | '15m' | '30m' | '1h'>,
        (steps, tf) => {
          const src = new BarColumns();
          let t = T0;
          let p = 20_000;
          for (const s of steps) {
            t += s.gap * MIN;
            const o = p;
            p += s.move * 0.25;
            src.push(t, o, Math.max(o, p) + 0.25, Math.min(o, p) - 0.25, p, s.v);
          }
          const agg = aggregateColumns(src, tf);
          let vol = 0;
          let hi = -Infinity;
          for (let i = 0; i < agg.length; i++) {
            vol += agg.volume[i] as number;
            hi = Math.max(hi, agg.high[i] as number);
            expect(agg.time[i]).toBe(bucketStart(agg.time[i] as number, tf));
          }
          expect(vol).toBe(steps.reduce((a, s) => a + s.v, 0));
          expect(hi).toBe(Math.max(...src.high.subarray(0, src.length)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('LiveAggregator', () => {
  const start = Date.UTC(2024, 2, 5, 14, 30);
  it('folds forming minutes into the shown bar without counting them twice', () => {
    const agg = new LiveAggregator('5m', bar(start, 100, 101, 99, 100, 10), start);
    expect(agg.apply(bar(start + MIN, 100, 100.5, 100, 100.25, 3), false)).toEqual(
      bar(start, 100, 101, 99, 100.25, 13),
    );
    expect(agg.apply(bar(start + MIN, 100, 103, 100, 102, 8), false)).toEqual(
      bar(start, 100, 103, 99, 102, 18),
    );
    expect(agg.apply(bar(start + MIN, 100, 103, 98, 101, 9), true)).toEqual(
      bar(start, 100, 103, 98, 101, 19),
    );
    expect(agg.apply(bar(start + 5 * MIN, 101, 102, 100, 101.5, 4), false)).toEqual(
      bar(start + 5 * MIN, 101, 102, 100, 101.5, 4),
    );
  });

  it('ignores updates for minutes already in the snapshot', () => {
    const agg = new LiveAggregator('1m', bar(start, 1, 1, 1, 1, 1), start);
    expect(agg.apply(bar(start, 2, 2, 2, 2, 2), true)).toBeUndefined();
    expect(agg.apply(bar(start - MIN, 2, 2, 2, 2, 2), false)).toBeUndefined();
  });
});

describe('BarColumns', () => {
  it('grows, finds by time and refuses out-of-order bars', () => {
    const c = new BarColumns(1);
    for (let i = 0; i < 100; i++) c.push(i * MIN, 1, 1, 1, 1, 1);
    expect(c.length).toBe(100);
    expect(c.lowerBound(10 * MIN)).toBe(10);
    expect(c.lowerBound(10 * MIN + 1)).toBe(11);
    expect(c.lowerBound(1e15)).toBe(100);
    expect(() => c.push(5 * MIN, 1, 1, 1, 1, 1)).toThrow(/not after/);
    expect(() => c.at(100)).toThrow(RangeError);
  });

  it('copies a range into new columns, independent of the source', () => {
    const c = new BarColumns(4);
    for (let i = 0; i < 10; i++) c.push(i * MIN, i, i + 1, i - 1, i, 5);
    const part = c.copyRange(3, 6);
    expect(part.slice().map((b) => b.open)).toEqual([3, 4, 5]);
    part.push(99 * MIN, 1, 1, 1, 1, 1);
    expect(c.length).toBe(10);
    expect(c.copyRange(8, 50).length).toBe(2);
    expect(c.copyRange(5, 2).length).toBe(0);
  });

  it('round-trips through plain columns (a worker boundary), copying and checking lengths', () => {
    const c = new BarColumns(4);
    for (let i = 0; i < 10; i++) c.push(i * MIN, i, i + 1, i - 1, i, 5);
    const cols = c.toColumns();
    expect(cols.time.length).toBe(10);
    const back = BarColumns.fromColumns(cols);
    expect(back.slice()).toEqual(c.slice());
    cols.open[0] = 42;
    expect(back.open[0]).toBe(0);
    expect(() => BarColumns.fromColumns({ ...cols, volume: new Float64Array(3) })).toThrow(
      /column volume has 3 values, time has 10/,
    );
  });

  it('adopts plain columns without copying, checking lengths', () => {
    const c = new BarColumns(4);
    for (let i = 0; i < 10; i++) c.push(i * MIN, i, i + 1, i - 1, i, 5);
    const cols = c.toColumns();
    const adopted = BarColumns.adopt(cols);
    expect(adopted.slice()).toEqual(c.slice());
    cols.open[0] = 42;
    expect(adopted.open[0]).toBe(42);
    expect(() => BarColumns.adopt({ ...cols, high: new Float64Array(3) })).toThrow(
      /column high has 3 values, time has 10/,
    );
  });
});
