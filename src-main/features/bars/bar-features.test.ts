import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { CONTEXT_FEATURES, ContextFeatures, type ContextColumns } from './context';
import {
  nySlot,
  PRICE_ACTION_FEATURES,
  PriceActionFeatures,
  type PriceActionColumns,
} from './price-action';

const M5 = 300_000;
// Tue 2024-03-05 09:30 ET.
const T0 = Date.UTC(2024, 2, 5, 14, 30);

function columns<N extends string>(names: readonly N[], n: number): Record<N, Float64Array> {
  return Object.fromEntries(names.map((k) => [k, new Float64Array(n)])) as Record<N, Float64Array>;
}

function bars(rows: [number, number, number, number, number][], start = T0): BarColumns {
  const b = new BarColumns(rows.length + 1);
  rows.forEach(([o, h, l, c, v], i) => b.push(start + i * M5, o, h, l, c, v));
  return b;
}

function compute(
  b: BarColumns,
  volumeAbsent = false,
): { pa: PriceActionColumns; ctx: ContextColumns } {
  const pa = columns(PRICE_ACTION_FEATURES, b.length);
  const ctx = columns(CONTEXT_FEATURES, b.length);
  const paf = new PriceActionFeatures(volumeAbsent);
  const cf = new ContextFeatures();
  for (let i = 0; i < b.length; i++) {
    paf.row(b, i, pa);
    cf.row(b, i, ctx);
  }
  return { pa, ctx };
}

describe('price-action features', () => {
  it('computes body and wick ratios, close position and gaps from a candle table', () => {
    // o, h, l, c, v
    const b = bars([
      [100, 104, 99, 103, 10], // range 5: body +3/5, upper wick 1/5, lower wick 1/5
      [103.5, 104, 100, 100, 20], // gap +0.5; body −3.5/4
      [100, 100, 100, 100, 30], // zero range: ratios 0
    ]);
    const { pa } = compute(b);
    expect([pa.body_ratio[0], pa.upper_wick_ratio[0], pa.lower_wick_ratio[0]]).toEqual([
      0.6, 0.2, 0.2,
    ]);
    expect(pa.body_ratio[1]).toBe(-3.5 / 4);
    expect([pa.body_ratio[2], pa.upper_wick_ratio[2], pa.lower_wick_ratio[2]]).toEqual([0, 0, 0]);
    expect(pa.ret_1[1]).toBeCloseTo(Math.log(100 / 103) * 1e4, 9);
    expect(Number.isNaN(pa.ret_3[1] as number)).toBe(true); // not enough history: warm-up
    expect(pa.volume_present[2]).toBe(1);
  });

  it('disables volume features, without NaN, for a series with no volume', () => {
    const b = bars(
      Array.from(
        { length: 30 },
        () => [100, 101, 99, 100, Number.NaN] as [number, number, number, number, number],
      ),
    );
    const { pa } = compute(b, true);
    expect([...pa.vol_rel_12].every((v) => v === 0)).toBe(true);
    expect([...pa.volume_present].every((v) => v === 0)).toBe(true);
  });

  it('uses the time-of-day volume norm of earlier days only', () => {
    // One bar per day at 09:30 ET for 21 days of January (no clock change): the 21st sees
    // the mean of the 20 before it.
    const b = new BarColumns();
    const jan2 = Date.UTC(2024, 0, 2, 14, 30);
    for (let d = 0; d < 21; d++)
      b.push(jan2 + d * 86_400_000, 100, 101, 99, 100, d === 20 ? 500 : 100);
    const { pa } = compute(b);
    expect(Number.isNaN(pa.vol_rel_tod[19] as number)).toBe(true);
    expect(pa.vol_rel_tod[20]).toBe(5);
  });

  it('compares volume with the same New York time of day across a clock change', () => {
    // One bar a day at 09:30 ET and one at 10:30 ET, from Feb 12 to Mar 29 2024 (US clocks
    // went forward on Sun Mar 10): 09:30 ET is 14:30 UTC before and 13:30 UTC after. The
    // 09:30 bars trade 300, the 10:30 bars 100; the last 09:30 bar trades 600.
    const b = new BarColumns();
    const days: number[] = [];
    for (let t = Date.UTC(2024, 1, 12); t <= Date.UTC(2024, 2, 29); t += 86_400_000) {
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(t);
    }
    days.forEach((day, k) => {
      const open = day + (day < Date.UTC(2024, 2, 10) ? 14.5 : 13.5) * 3_600_000;
      const last = k === days.length - 1;
      b.push(open, 100, 101, 99, 100, last ? 600 : 300);
      b.push(open + 3_600_000, 100, 101, 99, 100, 100);
    });
    const { pa } = compute(b);
    const n = b.length;
    // Every defined value after the change compares like with like: 1, and 2 for the last.
    for (let i = 2 * 20; i < n - 2; i++) expect(pa.vol_rel_tod[i]).toBe(1);
    expect(pa.vol_rel_tod[n - 2]).toBe(2);
    expect(pa.vol_rel_tod[n - 1]).toBe(1);
    // The slots are New York's: 09:30 ET is slot 114 in winter and in summer.
    expect(nySlot(Date.UTC(2024, 2, 8, 14, 30))).toBe(114);
    expect(nySlot(Date.UTC(2024, 2, 11, 13, 30))).toBe(114);
    expect(nySlot(Date.UTC(2024, 2, 11, 3, 55))).toBe(287); // 23:55 ET the day before
  });
});

describe('context features', () => {
  it('uses a 15-minute bar only once it has completed', () => {
    const b = bars([
      [100, 101, 99, 100, 1], // 09:30
      [100, 102, 99, 101, 1], // 09:35
      [101, 103, 100, 102, 1], // 09:40 → completes 09:30–09:45
      [102, 104, 101, 103, 1], // 09:45
    ]);
    const { ctx } = compute(b);
    expect(Number.isNaN(ctx.ctx_15m_ret[0] as number)).toBe(true);
    expect(Number.isNaN(ctx.ctx_15m_ret[1] as number)).toBe(true);
    expect(ctx.ctx_15m_ret[2]).toBeCloseTo(Math.log(102 / 100) * 1e4, 9);
    expect(ctx.ctx_15m_body[2]).toBeCloseTo(2 / 4, 12); // o 100, h 103, l 99, c 102
    expect(ctx.ctx_15m_ret[3]).toBe(ctx.ctx_15m_ret[2]); // 09:45 bucket still open
    expect(ctx.ctx_d_ret[3]).toBeCloseTo(Math.log(103 / 100) * 1e4, 9);
  });
});

describe('no lookahead', () => {
  it('rows computed from a truncated history equal those from the full history (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            move: fc.integer({ min: -8, max: 8 }),
            wick: fc.integer({ min: 0, max: 6 }),
            v: fc.integer({ min: 1, max: 500 }),
            gap: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 60, maxLength: 400 },
        ),
        fc.nat(),
        (steps, cut) => {
          const b = new BarColumns();
          let t = T0;
          let p = 18_000;
          for (const s of steps) {
            const o = p;
            p += s.move * 0.25;
            b.push(t, o, Math.max(o, p) + s.wick * 0.25, Math.min(o, p) - s.wick * 0.25, p, s.v);
            t += s.gap * M5;
          }
          const k = cut % b.length;
          const part = new BarColumns();
          for (let i = 0; i <= k; i++)
            part.push(
              b.time[i] as number,
              b.open[i] as number,
              b.high[i] as number,
              b.low[i] as number,
              b.close[i] as number,
              b.volume[i] as number,
            );
          const full = compute(b);
          const trunc = compute(part);
          for (const name of PRICE_ACTION_FEATURES)
            expect(Object.is(trunc.pa[name][k], full.pa[name][k]), name).toBe(true);
          for (const name of CONTEXT_FEATURES)
            expect(Object.is(trunc.ctx[name][k], full.ctx[name][k]), name).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
