import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar } from '@shared/domain/bar';
import { FiveSecondAggregator } from './five-second-aggregator';

/** 2024-03-05 15:00:00 UTC (10:00 ET), epoch seconds. */
const M0 = Date.UTC(2024, 2, 5, 15, 0) / 1000;

type Row = readonly [
  sec: number,
  open: number,
  high: number,
  low: number,
  close: number,
  vol: number,
];

function run(
  rows: readonly Row[],
  flushAt?: number,
): { minutes: Bar[]; complete: boolean[]; outcomes: string[] } {
  const minutes: Bar[] = [];
  const complete: boolean[] = [];
  const agg = new FiveSecondAggregator((b, full) => {
    minutes.push(b);
    complete.push(full);
  }, 2_000);
  const outcomes = rows.map(([s, o, h, l, c, v]) => agg.push(M0 + s, o, h, l, c, v));
  if (flushAt !== undefined) agg.flush((M0 + flushAt) * 1000);
  return { minutes, complete, outcomes };
}

const minute = (offsetMin: number, o: number, h: number, l: number, c: number, v: number): Bar =>
  ({ time: (M0 + offsetMin * 60) * 1000, open: o, high: h, low: l, close: c, volume: v }) as Bar;

describe('5-second → 1-minute aggregation', () => {
  it('folds a full minute and emits it when the next minute starts', () => {
    // prettier-ignore
    const rows: Row[] = [
      //  s   open     high     low      close    vol
      [   0, 18000.00, 18001.00, 17999.75, 18000.50, 3],
      [   5, 18000.50, 18002.25, 18000.25, 18002.00, 4],
      [  10, 18002.00, 18002.00, 17998.00, 17998.50, 2],
      [  15, 17998.50, 17999.00, 17997.50, 17999.00, 1],
      [  20, 17999.00, 18000.00, 17999.00, 18000.00, 1],
      [  25, 18000.00, 18000.00, 18000.00, 18000.00, 0],
      [  30, 18000.00, 18003.00, 17999.50, 18003.00, 5],
      [  35, 18003.00, 18004.00, 18002.00, 18002.50, 2],
      [  40, 18002.50, 18002.50, 18001.00, 18001.25, 1],
      [  45, 18001.25, 18001.25, 18000.00, 18000.25, 1],
      [  50, 18000.25, 18000.75, 18000.00, 18000.75, 1],
      [  55, 18000.75, 18001.50, 18000.50, 18001.00, 2],
      [  60, 18001.00, 18001.00, 18000.00, 18000.00, 7],
    ];
    const { minutes, complete } = run(rows);
    expect(minutes).toEqual([minute(0, 18000, 18004, 17997.5, 18001, 23)]);
    expect(complete).toEqual([true]);
  });

  it('tolerates missing bars, ignores duplicates, places out-of-order bars and drops late ones', () => {
    // prettier-ignore
    const rows: Row[] = [
      [  10, 100.00, 101.00,  99.00, 100.50, 2], // 0 s and 5 s never arrive
      [  20, 100.50, 102.00, 100.00, 101.00, 3], // 15 s missing
      [  20, 999.00, 999.00, 999.00, 999.00, 9], // duplicate of 20 s: ignored
      [   5,  99.00, 100.25,  98.00, 100.00, 1], // out of order: new open, low
      [  50, 101.00, 101.50, 100.75, 101.25, 4], // closes the minute
      [  65, 101.25, 101.25, 100.00, 100.50, 2], // minute 1 (60 s missing)
      [  40,  50.00,  50.00,  50.00,  50.00, 1], // late: minute 0 was emitted
      [ 125, 100.50, 100.75, 100.25, 100.25, 1], // minute 2; minute 1 emitted
    ];
    const { minutes, complete, outcomes } = run(rows);
    expect(complete).toEqual([false, false]);
    expect(outcomes).toEqual([
      'folded',
      'folded',
      'duplicate',
      'folded',
      'folded',
      'folded',
      'late',
      'folded',
    ]);
    expect(minutes).toEqual([
      minute(0, 99.0, 102.0, 98.0, 101.25, 10),
      minute(1, 101.25, 101.25, 100.0, 100.5, 2),
    ]);
  });

  it('flushes a quiet minute only after its end plus the grace period', () => {
    const minutes: Bar[] = [];
    const agg = new FiveSecondAggregator((b) => minutes.push(b), 2_000);
    agg.push(M0 + 30, 10, 11, 9, 10.5, 4);
    expect(agg.flushDueAt).toBe((M0 + 62) * 1000);
    expect(agg.flush((M0 + 61) * 1000)).toBe(false);
    expect(agg.flush((M0 + 62) * 1000)).toBe(true);
    expect(minutes).toEqual([minute(0, 10, 11, 9, 10.5, 4)]);
    expect(agg.push(M0 + 55, 1, 1, 1, 1, 1)).toBe('late');
    expect(agg.flush((M0 + 999) * 1000)).toBe(false);
  });

  it('rejects non-finite values and fractional times', () => {
    const { outcomes, minutes } = run([
      [0, Number.NaN, 1, 1, 1, 1],
      [0.5, 1, 1, 1, 1, 1],
      [5, 1, Number.POSITIVE_INFINITY, 1, 1, 1],
      [10, 1, 1, 1, 1, -1],
    ]);
    expect(outcomes).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(minutes).toEqual([]);
  });

  it('equals a batch aggregation for random streams with gaps, duplicates and reordering', () => {
    const barArb = fc.record({
      open: fc.integer({ min: 4000, max: 4100 }),
      up: fc.integer({ min: 0, max: 8 }),
      down: fc.integer({ min: 0, max: 8 }),
      close: fc.integer({ min: 4000, max: 4100 }),
      volume: fc.integer({ min: 0, max: 50 }),
    });
    const streamArb = fc.record({
      // Which of 12 slots in each of up to 8 minutes have a bar (gaps in between).
      slots: fc.array(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), {
        minLength: 1,
        maxLength: 8,
      }),
      bars: fc.array(barArb, { minLength: 96, maxLength: 96 }),
      shuffleSeed: fc.integer(),
      duplicates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(streamArb, ({ slots, bars, shuffleSeed, duplicates }) => {
        const unique: Row[] = [];
        slots.forEach((row, m) =>
          row.forEach((present, s) => {
            if (!present) return;
            const b = bars[m * 12 + s];
            if (!b) return;
            const o = b.open / 4;
            const c = b.close / 4;
            const h = Math.max(o, c) + b.up / 4;
            const l = Math.min(o, c) - b.down / 4;
            unique.push([m * 60 + s * 5, o, h, l, c, b.volume]);
          }),
        );
        // Reorder within each minute (deterministically from the seed).
        const stream: Row[] = [];
        for (let m = 0; m < slots.length; m++) {
          const inMinute = unique.filter((r) => Math.floor(r[0] / 60) === m);
          inMinute.sort(
            (a, b) => ((a[0] * 7919 + shuffleSeed) % 13) - ((b[0] * 7919 + shuffleSeed) % 13),
          );
          stream.push(...inMinute);
        }
        // Re-send bars already sent (duplicates, or late bars of emitted minutes).
        for (const [at, which] of duplicates) {
          const pos = stream.length === 0 ? 0 : (at % stream.length) + 1;
          const earlier = stream.slice(0, pos);
          const dup = earlier[which % Math.max(1, earlier.length)];
          if (dup) stream.splice(pos, 0, dup);
        }
        const { minutes } = run(stream, 100_000);
        expect(minutes).toEqual(batch(unique));
      }),
      { numRuns: 300 },
    );
  });
});

/** Reference: group distinct bars by minute, order by time, fold. */
function batch(rows: readonly Row[]): Bar[] {
  const byMinute = new Map<number, Row[]>();
  for (const r of rows) {
    const m = Math.floor(r[0] / 60);
    byMinute.set(m, [...(byMinute.get(m) ?? []), r]);
  }
  return [...byMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([m, list]) => {
      const sorted = [...list].sort((a, b) => a[0] - b[0]);
      const first = sorted[0] as Row;
      const last = sorted[sorted.length - 1] as Row;
      return minute(
        m,
        first[1],
        Math.max(...sorted.map((r) => r[2])),
        Math.min(...sorted.map((r) => r[3])),
        last[4],
        sorted.reduce((sum, r) => sum + r[5], 0),
      );
    });
}
