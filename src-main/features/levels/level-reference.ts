/**
 * Slow, independent re-implementations of the levels for the property tests: anchors and
 * the RTH clock from luxon, plain arrays, two-pass sums. Test-only.
 */
import { DateTime } from 'luxon';
import { sessionState } from '@shared/calendar/session';
import type { BarColumns } from '@shared/market/bar-columns';
import type { VwapAnchor } from './level-engine';

const ZONE = 'America/New_York';

/** Anchor period of bar time t: NY clock by luxon; trade date = NY date, +1 from 18:00. */
export function referenceAnchor(t: number, anchor: VwapAnchor): string {
  const d = DateTime.fromMillis(t, { zone: ZONE });
  const trade = d.hour >= 18 ? d.plus({ days: 1 }).startOf('day') : d.startOf('day');
  if (anchor === 'hour') return String(Math.floor(t / 3_600_000));
  if (anchor === 'day') return trade.toISODate() ?? '';
  if (anchor === 'week') return `${trade.weekYear}-${trade.weekNumber}`;
  return trade.toFormat('yyyy-MM');
}

function tp(bars: BarColumns, i: number): number {
  return ((bars.high[i] as number) + (bars.low[i] as number) + (bars.close[i] as number)) / 3;
}

/** Anchor period of every bar (luxon is slow: compute once per series). */
export function referenceKeys(bars: BarColumns, anchor: VwapAnchor): string[] {
  return Array.from(bars.time.subarray(0, bars.length), (t) => referenceAnchor(t, anchor));
}

/** VWAP and σ by two passes over the bars 0..upto sharing bar `upto`'s period in `keys`. */
export function referenceVwap(
  bars: BarColumns,
  upto: number,
  keys: readonly string[],
): { vwap: number; sigma: number } {
  const members: number[] = [];
  for (let i = 0; i <= upto; i++) if (keys[i] === keys[upto]) members.push(i);
  let w = 0;
  let sum = 0;
  for (const i of members) {
    w += bars.volume[i] as number;
    sum += tp(bars, i) * (bars.volume[i] as number);
  }
  if (!(w > 0)) return { vwap: Number.NaN, sigma: Number.NaN };
  const vwap = sum / w;
  let m2 = 0;
  for (const i of members) m2 += (bars.volume[i] as number) * (tp(bars, i) - vwap) ** 2;
  return { vwap, sigma: Math.sqrt(m2 / w) };
}

/** TPO counts, letters and single prints of the latest RTH session among bars 0..upto. */
export function referenceTpo(
  bars: BarColumns,
  upto: number,
): { low: number; letters: string[]; singles: [number, number][] } | null {
  // Period ranges of the latest NY date with RTH bars.
  let date = '';
  const ranges = new Map<number, [number, number]>();
  for (let i = 0; i <= upto; i++) {
    const t = bars.time[i] as number;
    if (sessionState(t) !== 'RTH') continue;
    const d = DateTime.fromMillis(t, { zone: ZONE });
    const day = d.toISODate() ?? '';
    if (day !== date) {
      date = day;
      ranges.clear();
    }
    const period = Math.floor((d.hour * 60 + d.minute - 570) / 30);
    const lo = Math.round((bars.low[i] as number) / 0.25);
    const hi = Math.round((bars.high[i] as number) / 0.25);
    const r = ranges.get(period);
    ranges.set(period, r === undefined ? [lo, hi] : [Math.min(r[0], lo), Math.max(r[1], hi)]);
  }
  if (ranges.size === 0) return null;
  const lows = [...ranges.values()].map((r) => r[0]);
  const highs = [...ranges.values()].map((r) => r[1]);
  const low = Math.min(...lows);
  const letters: string[] = Array.from({ length: Math.max(...highs) - low + 1 }, () => '');
  for (const [p, [lo, hi]] of [...ranges.entries()].sort((a, b) => a[0] - b[0])) {
    for (let k = lo; k <= hi; k++) letters[k - low] += String.fromCharCode(65 + p);
  }
  const singles: [number, number][] = [];
  for (let k = 0; k < letters.length; k++) {
    if (letters[k]?.length !== 1) continue;
    let end = k;
    while (letters[end + 1]?.length === 1) end++;
    const inside = k > 0 && end < letters.length - 1;
    if (end > k && inside) singles.push([(low + k) * 0.25, (low + end) * 0.25]);
    k = end;
  }
  return { low: low * 0.25, letters, singles };
}
