import { describe, expect, it } from 'vitest';
import { LevelEngine } from './level-engine';
import { LevelBit } from './level-names';
import { candles, ny, type CandleRow } from './level-test-support';
import { volumeProfileView } from './level-views';

function run(rows: readonly CandleRow[]): LevelEngine {
  const bars = candles(rows);
  const e = new LevelEngine();
  for (let i = 0; i < bars.length; i++) e.pushFrom(bars, i);
  return e;
}

/** Pushes one single-price bar per bin (volume `bins[k]` at price base + k ticks). */
function profileOf(bins: readonly number[], base: number, close: number): LevelEngine {
  const e = new LevelEngine();
  const t0 = ny('2024-03-12 10:00');
  bins.forEach((v, k) => {
    const p = base + k * 0.25;
    e.push(t0 + k * 60_000, p, p, p, p, v);
  });
  // A zero-volume bar sets the close without changing the profile.
  e.push(t0 + bins.length * 60_000, close, close, close, close, 0);
  return e;
}

describe('volume profile', () => {
  it('spreads a bar’s volume evenly over its bins from low to high inclusive', () => {
    // 100.00–101.00 is 5 bins: 10 / 5 = 2 each.
    const view = volumeProfileView(run([['2024-03-12 10:00', 100, 101, 100, 101, 10]]), 'session');
    expect(view?.low).toBe(100);
    expect(Array.from(view?.values ?? [])).toEqual([2, 2, 2, 2, 2]);
  });

  it('breaks a POC tie by the middle of the range, then by the lower price', () => {
    // 100.00–100.50 and 101.00–101.50, 30 each: bins 100.00..101.50 = 10 10 10 0 10 10 10.
    // Middle of the range is 100.75; 100.50 and 101.00 are both one bin away → 100.50.
    // Value area (70% of 60 = 42) from 100.50 (10): above 0+10 vs below 10+10 → below, 30;
    // above 0+10 vs below nothing → above, 40; above 10+10 vs 0 → above, 60: all.
    const e = run([
      ['2024-03-12 10:00', 100, 100.5, 100, 100.5, 30],
      ['2024-03-12 10:01', 101, 101.5, 101, 101.5, 30],
    ]);
    expect(e.level('sessionPoc')).toBe(100.5);
    expect(e.level('sessionVal')).toBe(100);
    expect(e.level('sessionVah')).toBe(101.5);
  });

  it('reports the nearest HVN and LVN at or above and below the close', () => {
    // The two-hump profile of profile-stats.test.ts: HVNs at bins 20 and 75, an LVN at 47.
    const bins = Array.from({ length: 100 }, (_, i) =>
      i >= 11 && i <= 29
        ? 50 - 5 * Math.abs(i - 20)
        : i >= 66 && i <= 84
          ? 40 - 4 * Math.abs(i - 75)
          : 1,
    );
    const mid = profileOf(bins, 1000, 1000 + 50 * 0.25);
    expect(mid.level('sessionHvnAbove')).toBe(1000 + 75 * 0.25);
    expect(mid.level('sessionHvnBelow')).toBe(1000 + 20 * 0.25);
    expect(mid.level('sessionLvnAbove')).toBeNaN();
    expect(mid.level('sessionLvnBelow')).toBe(1000 + 47 * 0.25);
    // A close exactly on the LVN: it is "at or above", not "below".
    const onNode = profileOf(bins, 1000, 1000 + 47 * 0.25);
    expect(onNode.level('sessionLvnAbove')).toBe(1000 + 47 * 0.25);
    expect(onNode.level('sessionLvnBelow')).toBeNaN();
    expect(volumeProfileView(onNode, 'session')?.hvn).toEqual([1005, 1000 + 75 * 0.25]);
  });

  it('starts the session profile at 18:00 ET', () => {
    const e = run([
      ['2024-03-12 16:59', 100, 100, 100, 100, 10],
      ['2024-03-12 18:00', 105, 105, 105, 105, 10],
    ]);
    expect(volumeProfileView(e, 'session')?.low).toBe(105);
    expect(volumeProfileView(e, 'week')?.low).toBe(100);
  });

  // One bar a day at 10:00 ET over six trade dates, price 100, 101, …, 105, volume 10.
  const days = ['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-18'];
  const daily = (volumes: readonly number[]): CandleRow[] =>
    days.map((d, i) => [`${d} 10:00`, 100 + i, 100 + i, 100 + i, 100 + i, volumes[i] as number]);

  it('keeps the last five trade dates in the week profile, dropping the oldest', () => {
    const five = run(daily([10, 10, 10, 10, 10]).slice(0, 5));
    expect(volumeProfileView(five, 'week')?.low).toBe(100);
    // Window full, but its oldest date is the first date seen: warm-up.
    expect(five.complete & LevelBit.weekProfile).toBe(0);
    const six = run(daily([10, 10, 10, 10, 10, 10]));
    const week = volumeProfileView(six, 'week');
    expect(week?.low).toBe(101);
    expect(week?.values.length).toBe(17); // 101.00 .. 105.00
    // All five bins tie at 10; the range's middle is 103.00.
    expect(six.level('weekPoc')).toBe(103);
    expect(six.complete & LevelBit.weekProfile).toBe(LevelBit.weekProfile);
  });

  it('leaves profiles undefined while a bar without volume is in them', () => {
    const rows = daily([Number.NaN, 10, 10, 10, 10, 10]);
    const first = run(rows.slice(0, 1));
    expect(first.defined & (LevelBit.sessionProfile | LevelBit.weekProfile)).toBe(0);
    expect(first.level('sessionPoc')).toBeNaN();
    const fifth = run(rows.slice(0, 5));
    expect(fifth.defined & LevelBit.sessionProfile).toBe(LevelBit.sessionProfile);
    expect(fifth.defined & LevelBit.weekProfile).toBe(0);
    expect(fifth.level('weekPoc')).toBeNaN();
    const sixth = run(rows);
    expect(sixth.defined & LevelBit.weekProfile).toBe(LevelBit.weekProfile);
    expect(sixth.level('weekPoc')).toBe(103);
  });
});
