/**
 * The forming state of a 1-minute bar at a fraction of its minute, for live display of a
 * generated (or replayed) bar. The path runs open → first extreme → second extreme → close
 * (low first for an up bar, high first for a down bar), so the forming bar only ever
 * widens and ends exactly at the final bar.
 */
import type { Bar } from '@shared/domain/bar';
import { roundToTick } from '@shared/domain/instrument';

/** The bar as it stands after `fraction` (0..1) of its minute. */
export function formingBar(final: Bar, fraction: number): Bar {
  const f = Math.min(1, Math.max(0, fraction));
  if (f >= 1) return final;
  const up = final.close >= final.open;
  const path = up
    ? [final.open, final.low, final.high, final.close]
    : [final.open, final.high, final.low, final.close];
  const pos = f * 3;
  const seg = Math.min(2, Math.floor(pos));
  const within = pos - seg;
  const a = path[seg] as number;
  const b = path[seg + 1] as number;
  const last = roundToTick(a + (b - a) * within);
  let high = Math.max(final.open, last);
  let low = Math.min(final.open, last);
  for (let i = 1; i <= seg; i++) {
    high = Math.max(high, path[i] as number);
    low = Math.min(low, path[i] as number);
  }
  return {
    time: final.time,
    open: final.open,
    high,
    low,
    close: last,
    volume: Math.max(1, Math.round(final.volume * f)),
  };
}
