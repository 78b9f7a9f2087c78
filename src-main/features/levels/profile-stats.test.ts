import { describe, expect, it } from 'vitest';
import { findNodes, type NodeParams } from './node-scan';
import { pocIndex, profileTotal } from './profile-stats';
import { valueArea } from './value-area';

const NODES: NodeParams = { smoothBins: 9, window: 20, hvnFactor: 1.5, lvnFactor: 0.5 };

function poc(bins: number[]): number {
  return pocIndex(Float64Array.from(bins), 0, bins.length);
}

function va(bins: number[], share = 0.7): [number, number] {
  const v = Float64Array.from(bins);
  const out = new Int32Array(2);
  valueArea(v, 0, v.length, poc(bins), share, profileTotal(v, 0, v.length), out);
  return [out[0] as number, out[1] as number];
}

describe('POC', () => {
  it('is the bin with the most volume', () => {
    expect(poc([1, 3, 9, 4, 2])).toBe(2);
  });

  it('breaks a tie by the bin nearest the middle of the range', () => {
    // Range 0..6, middle 3. Tied 5s at 0, 2 and 5: distances 3, 1, 2 → bin 2.
    expect(poc([5, 1, 5, 2, 2, 5, 1])).toBe(2);
  });

  it('breaks a tie at equal distance from the middle by the lower price', () => {
    // Range 0..4, middle 2: tied 5s at 1 and 3 are both 1 bin away → the lower, 1.
    expect(poc([1, 5, 2, 5, 1])).toBe(1);
    // Range 0..3, middle 1.5: tied 4s at 1 and 2 are both half a bin away → 1.
    expect(poc([2, 4, 4, 2])).toBe(1);
  });

  it('treats values equal but for rounding as a tie', () => {
    // 0.1 + 0.2 = 0.30000000000000004: a tie with 0.3, so the middle rule decides.
    expect(poc([0.1 + 0.2, 0, 0.3, 0, 0])).toBe(2);
  });
});

describe('value area', () => {
  it('adds the larger pair, both pairs when equal, a lone bin at an edge, then the other side', () => {
    // bin:    0  1  2  3  4  5   6  7  8  9 10 11 12 13 14 15
    // volume: 7  4  6  8  9 20   5  5  3  3  4  4  4  4  4  2   total 92, 70% = 64.4
    // start at the POC, bin 5: 20
    // 1. above 6+7 = 10, below 4+3 = 17 → below: bins 3..5, 37
    // 2. above 6+7 = 10, below 2+1 = 10 → equal, both: bins 1..7, 57
    // 3. above 8+9 = 6, below only bin 0 = 7 → below: bins 0..7, 64 (< 64.4)
    // 4. above 8+9 = 6, below nothing = 0 → above: bins 0..9, 70 ≥ 64.4 → stop
    expect(va([7, 4, 6, 8, 9, 20, 5, 5, 3, 3, 4, 4, 4, 4, 4, 2])).toEqual([0, 9]);
  });

  it('stops as soon as the area holds 70%, the POC alone included', () => {
    // total 10, POC 7 = 70% exactly.
    expect(va([1, 7, 1, 1])).toEqual([1, 1]);
  });

  it('expands only downwards from a POC at the top of the range', () => {
    // total 16, 70% = 11.2: POC 10; above nothing = 0, below 3 + 2 = 5 → bins 1..3, 15.
    expect(va([1, 2, 3, 10])).toEqual([1, 3]);
  });

  it('covers the whole profile when asked for 100%', () => {
    expect(va([1, 2, 3, 10, 0, 1], 1)).toEqual([0, 5]);
  });
});

describe('HVN and LVN', () => {
  /**
   * Two humps with a thin valley: raw = 1 everywhere except
   *   bins 11..29: 50 − 5·|i − 20|  (peak 50 at 20), sum 500
   *   bins 66..84: 40 − 4·|i − 75|  (peak 40 at 75), sum 400
   * Σ raw = 500 + 400 + 62 ones = 962; the smoothed profile spans bins −4..103, all
   * non-empty: mean = 962 / 108 ≈ 8.907 → HVN ≥ 13.36, LVN ≤ 4.454.
   * Smoothed at 20 = (50 + 2·(45 + 40 + 35 + 30)) / 9 = 350/9 ≈ 38.9, the max within ±20: HVN.
   * Smoothed at 75 = (40 + 2·(36 + 32 + 28 + 24)) / 9 = 280/9 ≈ 31.1: HVN.
   * Bins 34..61 see only ones: a plateau of smoothed 1 ≤ 4.454, the min within ±20 of its
   * centre (34 + 61) / 2 → 47: one LVN. The flat ones near 0 and 99 are tails: their
   * ±20 windows reach the empty bins beyond the profile, so they are no LVN.
   */
  const twoHumps = Array.from({ length: 100 }, (_, i) =>
    i >= 11 && i <= 29
      ? 50 - 5 * Math.abs(i - 20)
      : i >= 66 && i <= 84
        ? 40 - 4 * Math.abs(i - 75)
        : 1,
  );

  it('finds the peaks of a double distribution and the valley between them', () => {
    const nodes = findNodes(twoHumps, NODES);
    expect(nodes.mean).toBeCloseTo(962 / 108, 12);
    expect(nodes.hvn).toEqual([20, 75]);
    expect(nodes.lvn).toEqual([47]);
  });

  it('drops an HVN that is a local peak but below 1.5 × the mean', () => {
    // Raising the threshold to 4.5 × mean ≈ 40.1 leaves no peak qualifying.
    expect(findNodes(twoHumps, { ...NODES, hvnFactor: 4.5 }).hvn).toEqual([]);
    // 4 × mean ≈ 35.6 keeps only the taller hump.
    expect(findNodes(twoHumps, { ...NODES, hvnFactor: 4 }).hvn).toEqual([20]);
  });

  it('reports a flat top once, at its centre, and no LVN in the tails at the edges', () => {
    // raw: 30 ones, 15 tens (bins 30..44), 30 ones. Smoothed = 10 on bins 34..40 only → one
    // HVN at (34 + 40) / 2 = 37. The ones either side touch the profile's ends: no LVN.
    const flatTop = [...Array(30).fill(1), ...Array(15).fill(10), ...Array(30).fill(1)];
    const nodes = findNodes(flatTop, NODES);
    expect(nodes.hvn).toEqual([37]);
    expect(nodes.lvn).toEqual([]);
  });

  it('marks the middle of a price gap inside the range as an LVN', () => {
    // 40 bins of 10, 30 empty bins (a gap in a week profile), 40 bins of 10. Smoothed is 0
    // on bins 44..65 → one LVN at (44 + 65) / 2 = 54; the flat 10s are not ≥ 1.5 × mean.
    const gap = [...Array(40).fill(10), ...Array(30).fill(0), ...Array(40).fill(10)];
    const nodes = findNodes(gap, NODES);
    expect(nodes.lvn).toEqual([54]);
    expect(nodes.hvn).toEqual([]);
  });

  it('keeps two equal peaks within the window as two HVNs', () => {
    // Spikes of 91 at 30 and 40 on a base of 1 over 70 bins: smoothed (91 + 8) / 9 = 11 on
    // bins 26..34 and 36..44 (bin 35 sees neither spike: 1), equal maxima 10 bins apart.
    // Each plateau of 11 has its centre at its spike; 11 ≥ 1.5 × (250 / 78) ≈ 4.8.
    const bins = Array.from({ length: 70 }, (_, i) => (i === 30 || i === 40 ? 91 : 1));
    expect(findNodes(bins, NODES).hvn).toEqual([30, 40]);
  });
});
