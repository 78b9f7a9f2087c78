/**
 * Roll detection for continuous series without contract symbols: near each quarterly
 * expiry, an unadjusted front-month chain jumps by the price difference between the old and
 * the new contract (for NQ in 2024, 230–260 points) from one bar to the next. In a window
 * of 16 days before to 1 day after the expiry, the largest open-vs-previous-close jump is
 * taken as the roll when it stands far above the usual bar-to-bar jump (a robust scale of
 * the surrounding weeks) and above 0.5% of the price. Vendors roll on different dates,
 * which is why the window is wide; the gap recorded is that jump, which also contains the
 * market's own move across those bars (usually a few points).
 */
import { contractCode, nextQuarter, quarterlyContracts } from '@shared/domain/contracts';
import type { BarColumns } from '@shared/market/bar-columns';
import type { Roll } from '../store/market-store';

const DAY = 86_400_000;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

export interface RollDetectOptions {
  /** Jump must exceed this multiple of the 99th percentile of ordinary jumps… */
  readonly scaleMultiple?: number;
  /** …and this fraction of the price. */
  readonly minFraction?: number;
}

export function detectRolls(
  bars: BarColumns,
  symbol: string,
  timeframe: number,
  opts: RollDetectOptions = {},
): Roll[] {
  const k = opts.scaleMultiple ?? 8;
  const minFraction = opts.minFraction ?? 0.005;
  const n = bars.length;
  if (n < 2) return [];
  const rolls: Roll[] = [];
  for (const c of quarterlyContracts(
    bars.time[0] as number,
    (bars.time[n - 1] as number) + 16 * DAY,
  )) {
    const lo = bars.lowerBound(c.expiryNoonUtc - 16 * DAY);
    const hi = bars.lowerBound(c.expiryNoonUtc + DAY);
    if (hi - lo < 2) continue;
    let best = -1;
    let bestJump = 0;
    for (let i = Math.max(1, lo); i < hi; i++) {
      const jump = (bars.open[i] as number) - (bars.close[i - 1] as number);
      if (Math.abs(jump) > Math.abs(bestJump)) {
        bestJump = jump;
        best = i;
      }
    }
    if (best < 0) continue;
    // Scale of ordinary jumps in the surrounding weeks: their 99th percentile, the
    // candidate itself left out (weekend and halt gaps are ordinary; a roll is not).
    const from = bars.lowerBound(c.expiryNoonUtc - 45 * DAY);
    const to = bars.lowerBound(c.expiryNoonUtc + 20 * DAY);
    const jumps: number[] = [];
    for (let i = Math.max(1, from); i < to; i++) {
      if (i !== best)
        jumps.push(Math.abs((bars.open[i] as number) - (bars.close[i - 1] as number)));
    }
    const price = bars.close[best - 1] as number;
    const threshold = Math.max(k * quantile(jumps, 0.99), minFraction * price);
    if (Math.abs(bestJump) < threshold) continue;
    const next = nextQuarter(c.year, c.month);
    rolls.push({
      symbol,
      timeframe,
      time: bars.time[best] as number,
      fromContract: contractCode(symbol, c.year, c.month),
      toContract: contractCode(symbol, next.year, next.month),
      gap: bestJump,
      source: 'detected',
      confidence: Math.min(1, Math.abs(bestJump) / (2 * threshold)),
    });
  }
  return rolls;
}

/** Reads stored bars of one series in [from, to). */
export type SeriesReader = (from: number, to: number) => BarColumns;

/**
 * Detects the rolls whose windows overlap [first, last] (the span an import touched),
 * reading only the weeks around each expiry. Returns, per expiry window, the window and
 * the roll found in it (if any), so the caller can replace exactly those windows.
 */
export function detectRollsInSpan(
  read: SeriesReader,
  symbol: string,
  timeframe: number,
  first: number,
  last: number,
): { from: number; to: number; rolls: Roll[] }[] {
  return quarterlyContracts(first - DAY, last + 16 * DAY).map((c) => {
    const bars = read(c.expiryNoonUtc - 45 * DAY, c.expiryNoonUtc + 20 * DAY);
    const rolls = detectRolls(bars, symbol, timeframe).filter(
      (r) => r.time >= c.expiryNoonUtc - 16 * DAY && r.time < c.expiryNoonUtc + DAY,
    );
    return { from: c.expiryNoonUtc - 16 * DAY, to: c.expiryNoonUtc + DAY, rolls };
  });
}
