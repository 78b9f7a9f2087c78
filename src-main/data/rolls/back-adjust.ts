/**
 * Back-adjusted (difference method) view of an unadjusted continuous series: every bar
 * before a roll is shifted by that roll's gap, so the series is continuous across rolls and
 * the latest prices are the real ones. Derived on request; never written over raw bars.
 */
import { BarColumns } from '@shared/market/bar-columns';
import type { Roll } from '../store/market-store';

export function backAdjust(raw: BarColumns, rolls: readonly Roll[]): BarColumns {
  const sorted = [...rolls].sort((a, b) => a.time - b.time);
  const out = new BarColumns(raw.length + 1);
  // Walk backwards accumulating the gaps of the rolls after each bar.
  const shift = new Float64Array(raw.length);
  let r = sorted.length - 1;
  let acc = 0;
  for (let i = raw.length - 1; i >= 0; i--) {
    const t = raw.time[i] as number;
    while (r >= 0 && (sorted[r] as Roll).time > t) acc += (sorted[r--] as Roll).gap;
    shift[i] = acc;
  }
  for (let i = 0; i < raw.length; i++) {
    const s = shift[i] as number;
    out.push(
      raw.time[i] as number,
      (raw.open[i] as number) + s,
      (raw.high[i] as number) + s,
      (raw.low[i] as number) + s,
      (raw.close[i] as number) + s,
      raw.volume[i] as number,
    );
  }
  return out;
}
