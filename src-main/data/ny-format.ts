/**
 * ISO 8601 in New York time (`2023-11-19T18:00:00-05:00`) for millions of bars: the
 * offset comes from a per-day cache (ZoneClock), the digits from Date's UTC getters.
 */
import { ZoneClock } from './import/zone-clock';

const ny = new ZoneClock('America/New_York');
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function nyIso(t: number): string {
  const off = ny.offsetAtUtc(t);
  const d = new Date(t + off);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off) / 60_000;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
