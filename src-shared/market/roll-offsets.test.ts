import { describe, expect, it } from 'vitest';
import { DomainValueError } from '../domain/brand';
import { BarColumns } from './bar-columns';
import { adjustForRolls, RollOffset } from './roll-offsets';

const MIN = 60_000;

function bars(closes: readonly number[]): BarColumns {
  const b = new BarColumns(closes.length);
  closes.forEach((c, i) => b.push(i * MIN, c - 1, c + 2, c - 2, c, 10 + i));
  return b;
}

describe('causal roll adjustment', () => {
  it('moves each bar by the gaps of the rolls at or before its start, never by a later one', () => {
    const raw = bars([100, 101, 352, 353, 354, 104, 105]);
    // Rolls given out of order: +250 at minute 2, −250 at minute 5.
    const rolls = [
      { time: 5 * MIN, gap: -250 },
      { time: 2 * MIN, gap: 250 },
    ];
    const { bars: adj, offset } = adjustForRolls(raw, rolls);
    expect([...(offset ?? [])]).toEqual([0, 0, 250, 250, 250, 0, 0]);
    expect([...adj.close.subarray(0, adj.length)]).toEqual([100, 101, 102, 103, 104, 104, 105]);
    expect(adj.high[2]).toBe(104);
    expect(adj.low[2]).toBe(100);
    expect(adj.open[2]).toBe(101);
    expect([...adj.volume.subarray(0, adj.length)]).toEqual([
      ...raw.volume.subarray(0, raw.length),
    ]);
    // A prefix adjusts exactly as the whole: a roll after its last bar changes nothing.
    const part = adjustForRolls(raw.copyRange(0, 4), rolls);
    expect([...part.bars.close.subarray(0, 4)]).toEqual([100, 101, 102, 103]);
  });

  it('returns the series itself when no roll moves a bar', () => {
    const raw = bars([1, 2, 3]);
    expect(adjustForRolls(raw, [])).toEqual({ bars: raw, offset: null });
    expect(adjustForRolls(raw, [{ time: 10 * MIN, gap: 5 }]).bars).toBe(raw);
  });

  it('takes a roll added live, after the last time asked, and refuses one in the past', () => {
    const o = new RollOffset([{ time: 10 * MIN, gap: 4 }]);
    expect(o.at(0)).toBe(0);
    o.add({ time: 5 * MIN, gap: 1 });
    expect(o.at(5 * MIN)).toBe(1);
    expect(o.at(10 * MIN)).toBe(5);
    expect(() => o.add({ time: 10 * MIN, gap: 1 })).toThrow(RangeError);
    expect(() => o.at(9 * MIN)).toThrow(RangeError);
  });

  it('refuses a roll without a finite time and gap, or two rolls at one time', () => {
    expect(() => new RollOffset([{ time: 0, gap: Number.NaN }])).toThrow(DomainValueError);
    expect(() => new RollOffset([{ time: Infinity, gap: 1 }])).toThrow(DomainValueError);
    expect(
      () =>
        new RollOffset([
          { time: 0, gap: 1 },
          { time: 0, gap: 2 },
        ]),
    ).toThrow(/two rolls/);
  });
});
