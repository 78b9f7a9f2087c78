import { describe, expect, it } from 'vitest';
import { SyntheticMarket } from './synthetic-market';
import {
  DAY,
  HOUR,
  MARCH_START,
  MINUTE,
  dailyRanges,
  generate,
  mean,
  median,
  withNyTime,
  type NyBar,
} from './synthetic-test-support';

const bars = generate(42, MARCH_START, 14).slice().map(withNyTime);

/** Mean of `f` over bars whose New York minute lies in [from, to). */
function windowMean(from: number, to: number, f: (b: NyBar) => number): number {
  return mean(bars.filter((b) => b.nyMinute >= from && b.nyMinute < to).map(f));
}

describe('SyntheticMarket realism', () => {
  it('trades more volume in RTH than in ETH, most of all at the open and into the close', () => {
    const rth = bars.filter((b) => b.rth).map((b) => b.volume);
    const eth = bars.filter((b) => !b.rth).map((b) => b.volume);
    expect(mean(rth)).toBeGreaterThan(4 * mean(eth));
    // NQ-like magnitudes: RTH a few hundred to a few thousand, overnight tens to hundreds.
    expect(median(rth)).toBeGreaterThan(300);
    expect(median(rth)).toBeLessThan(3000);
    const asia = bars.filter((b) => b.nyMinute >= 23 * 60 || b.nyMinute < 8 * 60);
    expect(median(asia.map((b) => b.volume))).toBeLessThan(200);
    const volume = (b: NyBar): number => b.volume;
    const midday = windowMean(12 * 60, 14 * 60, volume);
    expect(windowMean(570, 575, volume)).toBeGreaterThan(2.5 * midday);
    expect(windowMean(15 * 60 + 45, 16 * 60, volume)).toBeGreaterThan(1.5 * midday);
  });

  it('moves more at the RTH open than at midday, and least in Asia (U-shaped volatility)', () => {
    const range = (b: NyBar): number => b.high - b.low;
    const midday = windowMean(12 * 60, 14 * 60, range);
    expect(windowMean(570, 580, range)).toBeGreaterThan(1.5 * midday);
    expect(midday).toBeGreaterThan(1.5 * windowMean(0, 3 * 60, range));
  });

  it('opens at the previous close and gaps only a little after the daily halt', () => {
    const haltGaps: number[] = [];
    for (let i = 1; i < bars.length; i++) {
      const prev = bars[i - 1] as NyBar;
      const bar = bars[i] as NyBar;
      if (bar.time - prev.time === MINUTE) expect(bar.open).toBe(prev.close);
      else if (bar.time - prev.time <= 2 * HOUR) haltGaps.push(Math.abs(bar.open - prev.close));
    }
    expect(haltGaps.length).toBeGreaterThanOrEqual(8);
    expect(median(haltGaps)).toBeLessThan(15);
  });

  it('has a median RTH range of 150–350 points and smaller overnight ranges', () => {
    // NQ near 21,000 in 2024 typically ranged 150–400 points (≈ 0.7–2%) per RTH session.
    const runs = [1, 2, 3].map((seed) => generate(seed, MARCH_START, 28).slice().map(withNyTime));
    const rth = runs.flatMap((run) => dailyRanges(run, (b) => b.rth));
    const overnight = runs.flatMap((run) =>
      dailyRanges(run, (b) => b.nyMinute >= 18 * 60 || b.nyMinute < 570),
    );
    expect(rth.length).toBeGreaterThanOrEqual(50);
    expect(median(rth)).toBeGreaterThan(150);
    expect(median(rth)).toBeLessThan(350);
    expect(median(overnight)).toBeLessThan(median(rth));
  });

  it('draws every day type, and trend days close in their direction', () => {
    const market = new SyntheticMarket({ seed: 9, start: MARCH_START });
    const moves = new Map<string, number[]>();
    let open = Number.NaN;
    const until = MARCH_START + 150 * DAY;
    while (market.peekNextTime() < until) {
      const bar = market.nextBar();
      const minute = withNyTime(bar).nyMinute;
      if (minute === 570) open = bar.open;
      if (minute === 959 && !Number.isNaN(open)) {
        const list = moves.get(market.dayType) ?? [];
        list.push(bar.close - open);
        moves.set(market.dayType, list);
        open = Number.NaN;
      }
    }
    expect([...moves.keys()].sort()).toEqual(['range', 'rotation', 'trendDown', 'trendUp']);
    expect(mean(moves.get('trendUp') ?? [])).toBeGreaterThan(50);
    expect(mean(moves.get('trendDown') ?? [])).toBeLessThan(-50);
    const absRange = mean((moves.get('range') ?? []).map(Math.abs));
    expect(absRange).toBeLessThan(mean((moves.get('trendUp') ?? []).map(Math.abs)));
  });

  it('clusters volatility: large moves follow large moves beyond the time-of-day effect', () => {
    // Midday RTH minutes have a flat seasonal profile, so correlation there is GARCH's doing.
    const midday = bars.filter((b) => b.nyMinute >= 11 * 60 && b.nyMinute < 14 * 60);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 1; i < midday.length; i++) {
      const prev = midday[i - 1] as NyBar;
      const bar = midday[i] as NyBar;
      if (bar.time - prev.time !== MINUTE) continue;
      x.push(Math.abs(prev.close - prev.open));
      y.push(Math.abs(bar.close - bar.open));
    }
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < x.length; i++) {
      const dx = (x[i] as number) - mx;
      const dy = (y[i] as number) - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.05);
  });
});
