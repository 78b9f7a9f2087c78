/**
 * The app's prediction input (`prepare`) takes the series' rolls: features adjusted across
 * them, label walks stopped at them. The shipped demo model supplies the normalisation.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { SyntheticMarket } from '../../data/synthetic/synthetic-market';
import { cachedModel, prepare } from './series-predict';

function market(): BarColumns {
  const b = new BarColumns(12_000);
  new SyntheticMarket({ seed: 21, start: Date.UTC(2024, 0, 2) }).fill(b, Date.UTC(2024, 0, 12));
  return b;
}

describe('prediction input across a roll', () => {
  it('adjusts the features for the rolls that come with the series, and stops label walks there', () => {
    const model = cachedModel(join(__dirname, '..', '..', '..', 'models', 'demo'));
    const base = market();
    const at = Math.floor(base.length * 0.7);
    const roll = { time: base.time[at] as number, gap: 240 };
    const rolled = base.toColumns();
    for (const k of ['open', 'high', 'low', 'close'] as const)
      for (let i = at; i < base.length; i++) rolled[k][i] = (rolled[k][i] as number) + roll.gap;
    const plain = prepare({ ...base.toColumns(), rolls: [] }, model).set;
    const adjusted = prepare({ ...rolled, rolls: [roll] }, model).set;
    const unadjusted = prepare({ ...rolled, rolls: [] }, model).set;
    const week = adjusted.temporalNames.indexOf('lvl.vwap_w_ticks');
    const row = adjusted.time.findIndex((t) => t + 300_000 > roll.time) + 1;
    const value = (s: typeof plain) => (s.temporalColumns[week] as Float64Array)[row];
    expect(value(adjusted)).toBe(value(plain));
    expect(Math.abs((value(unadjusted) as number) - (value(plain) as number))).toBeGreaterThan(100);
    // A decision shortly before the roll: its walk stops at the roll (label unknown).
    const before = row - 3;
    expect(plain.labels[before]).toBeGreaterThanOrEqual(0);
    expect(adjusted.labels[before]).toBe(-1);
  });
});
