/**
 * Daily bars by Globex trade date (DOMAIN.md: 1d aligns to the trade date, which starts at
 * 18:00 ET the evening before). Each daily bar is stamped at its session's open.
 */
import { sessionBounds, tradeDateOf } from '../calendar/session';
import { BarColumns } from './bar-columns';

export function aggregateDaily(src: BarColumns): BarColumns {
  const out = new BarColumns(Math.ceil(src.length / 1000) + 8);
  let date: string | null = null;
  let stamp = 0;
  let o = 0;
  let h = 0;
  let l = 0;
  let c = 0;
  let v = 0;
  let dayEnd = -Infinity;
  for (let i = 0; i < src.length; i++) {
    const t = src.time[i] as number;
    if (t >= dayEnd || date === null) {
      const d = tradeDateOf(t);
      if (d === null) continue; // outside any session: not part of a trade date
      if (d !== date) {
        if (date !== null) out.push(stamp, o, h, l, c, v);
        const bounds = sessionBounds(d);
        if (!bounds) continue;
        date = d;
        stamp = bounds.open;
        dayEnd = bounds.close;
        o = src.open[i] as number;
        h = src.high[i] as number;
        l = src.low[i] as number;
        c = src.close[i] as number;
        v = src.volume[i] as number;
        continue;
      }
    }
    h = Math.max(h, src.high[i] as number);
    l = Math.min(l, src.low[i] as number);
    c = src.close[i] as number;
    v += src.volume[i] as number;
  }
  if (date !== null) out.push(stamp, o, h, l, c, v);
  return out;
}
