import { describe, expect, it } from 'vitest';
import { DomainValueError } from '@shared/domain/brand';
import { BarColumns } from '@shared/market/bar-columns';
import { SyntheticMarket } from '../../data/synthetic/synthetic-market';
import { LevelEngine } from './level-engine';
import { rowsDiffer } from './level-test-support';

// Three weeks of synthetic minutes: several sessions, RTH and overnight, a week boundary.
const bars = new BarColumns(40_000);
new SyntheticMarket({ seed: 5, start: Date.UTC(2024, 0, 2) }).fill(bars, Date.UTC(2024, 0, 23));

function push(e: LevelEngine, i: number, gap: number): void {
  e.push(
    bars.time[i] as number,
    (bars.open[i] as number) + gap,
    (bars.high[i] as number) + gap,
    (bars.low[i] as number) + gap,
    (bars.close[i] as number) + gap,
    bars.volume[i] as number,
  );
}

/**
 * A roll at bar `cut`: engine A sees the old contract's prices, then is re-based by `gap`;
 * engine B saw those bars `gap` higher from the start. After the roll both get the same bars.
 * Returns the first disagreement after the roll, or null.
 */
function compareAfterRoll(cut: number, gap: number): string | null {
  const a = new LevelEngine();
  const b = new LevelEngine();
  for (let i = 0; i <= cut; i++) {
    push(a, i, 0);
    push(b, i, gap);
    // Read as decisions do, so the incremental state (value-area path, node lists, pending
    // refresh spans) is live when the roll comes, not rebuilt from scratch after it.
    if (i % 5 === 0) {
      a.levels();
      b.levels();
    }
  }
  a.shiftPrices(gap);
  const check = (i: number): string | null => {
    if (a.defined !== b.defined || a.complete !== b.complete) return `bar ${i}: flags differ`;
    const diff = rowsDiffer(a.levels(), b.levels(), 1e-12);
    return diff === null ? null : `bar ${i}: ${diff}`;
  };
  const first = check(cut);
  if (first !== null) return first;
  for (let i = cut + 1; i < bars.length; i++) {
    push(a, i, 0);
    push(b, i, 0);
    // Every 5th bar, as decisions read them (the incremental state must carry on correctly).
    if (i % 5 === 0 || i === bars.length - 1) {
      const d = check(i);
      if (d !== null) return d;
    }
  }
  return null;
}

describe('LevelEngine.shiftPrices (re-basing at a roll)', () => {
  it('leaves the engine as if every earlier bar had been that much higher', () => {
    expect(bars.length).toBeGreaterThan(15_000);
    const cuts = [
      Math.floor(bars.length * 0.3),
      Math.floor(bars.length * 0.55),
      Math.floor(bars.length * 0.8),
    ];
    for (const cut of cuts) {
      expect(compareAfterRoll(cut, 250)).toBeNull(); // NQ's 2024 rolls were +231…+260
      expect(compareAfterRoll(cut, -37.25)).toBeNull();
    }
  });

  it('can fail: without the shift the levels differ', () => {
    const cut = Math.floor(bars.length * 0.55);
    const a = new LevelEngine();
    const b = new LevelEngine();
    for (let i = 0; i <= cut; i++) {
      push(a, i, 0);
      push(b, i, 250);
    }
    expect(rowsDiffer(a.levels(), b.levels(), 1e-12)).not.toBeNull();
  });

  it('refuses a gap that is not a whole number of ticks', () => {
    const e = new LevelEngine();
    push(e, 0, 0);
    expect(() => e.shiftPrices(0.1)).toThrow(DomainValueError);
    expect(() => e.shiftPrices(Number.NaN)).toThrow(DomainValueError);
    e.shiftPrices(0);
    expect(e.barCount).toBe(1);
  });
});
