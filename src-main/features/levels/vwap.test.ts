import { describe, expect, it } from 'vitest';
import { LevelEngine } from './level-engine';
import { LevelBit } from './level-names';
import { candles, type CandleRow } from './level-test-support';
import { vwapView } from './level-views';
import { VwapAccumulator } from './vwap-accumulator';

function run(rows: readonly CandleRow[]): LevelEngine {
  const bars = candles(rows);
  const engine = new LevelEngine();
  for (let i = 0; i < bars.length; i++) engine.pushFrom(bars, i);
  return engine;
}

// Trade date Tue 2024-03-12 opens Mon 18:00 ET. Typical prices tp = (h + l + c) / 3:
//   16:59  (201 + 199 + 200) / 3 = 200, v 50   ← trade date 2024-03-11, not in the day below
//   18:00  (101 +  99 + 100) / 3 = 100, v 10
//   18:01  (103 + 101 + 102) / 3 = 102, v 30
//   18:02  (104 +  98 + 101) / 3 = 101, v 20
// Day VWAP = (100·10 + 102·30 + 101·20) / 60 = 6080 / 60 = 304/3 ≈ 101.3333
// deviations −4/3, 2/3, −1/3 → Σ v·dev² = 10·16/9 + 30·4/9 + 20·1/9 = 300/9 = 100/3
// σ = √((100/3) / 60) = √(5/9) = √5 / 3 ≈ 0.745356
const DAY: readonly CandleRow[] = [
  ['2024-03-11 16:59', 200, 201, 199, 200, 50],
  ['2024-03-11 18:00', 100, 101, 99, 100, 10],
  ['2024-03-11 18:01', 101, 103, 101, 102, 30],
  ['2024-03-11 18:02', 102, 104, 98, 101, 20],
];

describe('VWAP', () => {
  it('anchors the day VWAP at 18:00 ET and weights the typical price by volume', () => {
    const e = run(DAY);
    expect(e.level('vwapDay')).toBeCloseTo(304 / 3, 12);
    expect(e.level('sigmaDay')).toBeCloseTo(Math.sqrt(5) / 3, 12);
    // The hour 18:00–18:59 holds the same three bars.
    expect(e.level('vwapHour')).toBeCloseTo(304 / 3, 12);
    expect(e.level('sigmaHour')).toBeCloseTo(Math.sqrt(5) / 3, 12);
  });

  it('starts a new hour VWAP at the top of the hour while the day runs on', () => {
    // 19:00  (106 + 104 + 105) / 3 = 105, v 40.
    // Hour: only this bar → VWAP 105, σ 0.
    // Day: (6080 + 105·40) / 100 = 10280 / 100 = 102.8;
    // deviations −2.8, −0.8, −1.8, 2.2 → Σ v·dev² = 78.4 + 19.2 + 64.8 + 193.6 = 356
    // σ = √(356 / 100) = √3.56 ≈ 1.886796
    const e = run([...DAY, ['2024-03-11 19:00', 104, 106, 104, 105, 40]]);
    expect(e.level('vwapHour')).toBe(105);
    expect(e.level('sigmaHour')).toBe(0);
    expect(e.level('vwapDay')).toBeCloseTo(102.8, 12);
    expect(e.level('sigmaDay')).toBeCloseTo(Math.sqrt(3.56), 12);
    const bands = vwapView(e, 'day');
    // Bands VWAP ± kσ: 102.8 ± 1.886796, ± 3.773592, ± 5.660388.
    expect(bands?.upper[1]).toBeCloseTo(102.8 + 2 * Math.sqrt(3.56), 12);
    expect(bands?.lower[2]).toBeCloseTo(102.8 - 3 * Math.sqrt(3.56), 12);
  });

  it('flags the periods cut by the start of the data as not complete', () => {
    const e = run(DAY);
    // The 16:59 bar was the first: its hour, day, week and month are warm-up; the day and
    // hour that began at 18:00 are whole; the week (from Sun 03-10) and March are not.
    expect(e.complete & LevelBit.dayVwap).toBe(LevelBit.dayVwap);
    expect(e.complete & LevelBit.hourVwap).toBe(LevelBit.hourVwap);
    expect(e.complete & (LevelBit.weekVwap | LevelBit.monthVwap)).toBe(0);
  });

  it('leaves VWAP undefined for a period holding a bar without volume, until the next period', () => {
    const e = run([
      ['2024-03-11 18:00', 100, 101, 99, 100, 10],
      ['2024-03-11 18:01', 100, 101, 99, 100, Number.NaN],
    ]);
    expect(e.defined & LevelBit.dayVwap).toBe(0);
    expect(e.level('vwapDay')).toBeNaN();
    expect(e.level('sigmaHour')).toBeNaN();
    e.push(Date.parse('2024-03-11T23:00:00Z'), 100, 101, 99, 100, 10); // 19:00 ET: a new hour
    expect(e.level('vwapHour')).toBe(100);
    expect(e.level('vwapDay')).toBeNaN();
  });

  it('keeps σ accurate where the sums of squares cancel', () => {
    // tp = 20 000 ± 0.01: σ = 0.01 (to the ~2e-12 by which 20 000.01 is not a double).
    // Σv·tp²/Σv − VWAP² subtracts two numbers near 4e8 and gives σ ≈ 0.00979, 2% off.
    const acc = new VwapAccumulator();
    acc.reset(0);
    let w = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < 1000; i++) {
      const tp = 20_000 + (i % 2 === 0 ? 0.01 : -0.01);
      acc.add(tp, 7);
      w += 7;
      s1 += 7 * tp;
      s2 += 7 * tp * tp;
    }
    const naive = Math.sqrt(s2 / w - (s1 / w) ** 2);
    expect(Math.abs(naive - 0.01)).toBeGreaterThan(1e-4);
    expect(acc.vwap).toBeCloseTo(20_000, 9);
    expect(Math.abs(acc.sigma - 0.01)).toBeLessThan(1e-11);
  });

  it('ignores zero-volume bars and is undefined while no volume has traded', () => {
    const acc = new VwapAccumulator();
    acc.reset(0);
    acc.add(100, 0);
    expect(acc.defined).toBe(false);
    expect(acc.vwap).toBeNaN();
    acc.add(101, 5);
    expect(acc.vwap).toBe(101);
  });
});
