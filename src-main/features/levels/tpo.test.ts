import { describe, expect, it } from 'vitest';
import { LevelEngine } from './level-engine';
import { LevelBit } from './level-names';
import { candles, type CandleRow } from './level-test-support';
import { tpoView } from './level-views';

// RTH of Tue 2024-03-12. Volume is absent on purpose: the TPO needs none.
//   09:29 (ETH, not in the TPO)        90.00–110.00
//   A 09:30 100.00–100.50, 09:45 100.75–101.00 → A marks 100.00–101.00
//   B 10:00 100.50–101.00                     → B marks 100.50–101.00
//   C 10:30 101.00–101.25, 10:31 102.00–102.50 → C marks 101.00–102.50 (the period's range,
//     so the jump from 101.25 to 102.00 inside C is marked too)
//   D 11:00 102.25–102.50                     → D marks 102.25–102.50
// Counts: 100.00 A 1 · 100.25 A 1 · 100.50 AB 2 · 100.75 AB 2 · 101.00 ABC 3 ·
//         101.25–102.00 C 1 each · 102.25 CD 2 · 102.50 CD 2            total 17
const V = Number.NaN;
const RTH: readonly CandleRow[] = [
  ['2024-03-12 09:29', 100, 110, 90, 100, V],
  ['2024-03-12 09:30', 100, 100.5, 100, 100.5, V],
  ['2024-03-12 09:45', 100.75, 101, 100.75, 101, V],
  ['2024-03-12 10:00', 101, 101, 100.5, 100.5, V],
  ['2024-03-12 10:30', 101, 101.25, 101, 101.25, V],
  ['2024-03-12 10:31', 102, 102.5, 102, 102.5, V],
  ['2024-03-12 11:00', 102.5, 102.5, 102.25, 102.5, V],
];

function run(rows: readonly CandleRow[]): LevelEngine {
  const bars = candles(rows);
  const e = new LevelEngine();
  for (let i = 0; i < bars.length; i++) e.pushFrom(bars, i);
  return e;
}

describe('TPO', () => {
  it('letters 30-minute periods from 09:30 ET and marks each period over its whole range', () => {
    const view = tpoView(run(RTH));
    expect(view?.low).toBe(100);
    expect(view?.letters).toEqual(['A', 'A', 'AB', 'AB', 'ABC', 'C', 'C', 'C', 'C', 'CD', 'CD']);
    expect(Array.from(view?.values ?? [])).toEqual([1, 1, 2, 2, 3, 1, 1, 1, 1, 2, 2]);
    expect(view?.period).toBe('D');
  });

  it('finds the TPO POC and value area by the volume-profile rules on counts', () => {
    // POC: 101.00 (3). 70% of 17 = 11.9. Start 3;
    // 1. above 1+1 = 2 vs below 2+2 = 4 → below: 100.50..101.00, 7
    // 2. above 1+1 = 2 vs below 1+1 = 2 → equal, both: 100.00..101.50, 11
    // 3. above 1+1 = 2 vs below nothing 0 → above: 100.00..102.00, 13 ≥ 11.9
    const e = run(RTH);
    expect(e.level('tpoPoc')).toBe(101);
    expect(e.level('tpoVal')).toBe(100);
    expect(e.level('tpoVah')).toBe(102);
  });

  it('takes the initial balance from periods A and B and calls it final once B is over', () => {
    const forming = run(RTH.slice(0, 3));
    // Only A so far: the chart's view shows 100.00–101.00 forming; as a level it is not
    // defined yet (empty in `nqh levels`, ib_defined 0 in the features).
    expect(tpoView(forming)?.ibHigh).toBe(101);
    expect(tpoView(forming)?.ibLow).toBe(100);
    expect(tpoView(forming)?.ibFinal).toBe(false);
    expect(forming.level('ibHigh')).toBeNaN();
    expect(forming.level('ibLow')).toBeNaN();
    expect(forming.defined & LevelBit.initialBalance).toBe(0);
    expect(forming.complete & LevelBit.initialBalance).toBe(0);
    const e = run(RTH);
    expect(e.level('ibHigh')).toBe(101);
    expect(e.level('ibLow')).toBe(100);
    expect(tpoView(e)?.ibFinal).toBe(true);
    expect(e.defined & LevelBit.initialBalance).toBe(LevelBit.initialBalance);
    // The 09:29 bar came first, so the RTH session was seen from its open: complete.
    expect(e.complete & LevelBit.initialBalance).toBe(LevelBit.initialBalance);
  });

  it('reports single prints inside the range but not the one-TPO tail at the low', () => {
    // One-TPO runs: 100.00–100.25 touches the low (a tail); 101.25–102.00 lies inside.
    const e = run(RTH);
    expect(tpoView(e)?.singlePrints).toEqual([[101.25, 102]]);
    // Close 102.50: the nearest single-print price below it is 102.00; none above.
    expect(e.level('singlePrintBelow')).toBe(102);
    expect(e.level('singlePrintAbove')).toBeNaN();
  });

  it('needs no volume: TPO levels are defined while VWAP and profiles are not', () => {
    const e = run(RTH);
    expect(e.defined & LevelBit.tpo).toBe(LevelBit.tpo);
    expect(e.defined & (LevelBit.dayVwap | LevelBit.sessionProfile)).toBe(0);
  });

  it('keeps the day profile overnight and starts afresh at the next RTH open', () => {
    const e = run([
      ...RTH,
      ['2024-03-12 18:05', 103, 103, 103, 103, V],
      ['2024-03-13 09:30', 110, 111, 110, 111, V],
    ]);
    expect(tpoView(e)?.letters).toEqual(['A', 'A', 'A', 'A', 'A']);
    expect(e.level('tpoPoc')).toBe(110.5);
    const overnight = run([...RTH, ['2024-03-12 18:05', 103, 103, 103, 103, V]]);
    expect(overnight.level('tpoPoc')).toBe(101);
  });
});
