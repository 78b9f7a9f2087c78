/** Display formatting in New York time (luxon, IANA zone; never a fixed offset). */
import { DateTime } from 'luxon';

const NY = 'America/New_York';

export function nyClock(t: number): string {
  return DateTime.fromMillis(t, { zone: NY }).toFormat('ccc dd LLL HH:mm:ss');
}

/** `1d 02:03:04` / `02:03:04` for a non-negative duration in ms. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hh = String(Math.floor((s % 86_400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d > 0 ? `${d}d ` : ''}${hh}:${mm}:${ss}`;
}

export function price(p: number): string {
  return p.toFixed(2);
}

const HOUR_MS = 3_600_000;
const offsetCache = new Map<number, number>();

/** New York's UTC offset in ms at instant `t` (cached per hour: offsets change on the hour). */
export function nyOffsetMs(t: number): number {
  const hour = Math.floor(t / HOUR_MS);
  let off = offsetCache.get(hour);
  if (off === undefined) {
    off = DateTime.fromMillis(t, { zone: NY }).offset * 60_000;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(hour, off);
  }
  return off;
}

/**
 * lightweight-charts draws time in UTC, so the chart gets New York wall-clock time shifted
 * into UTC seconds (its documented approach to time zones): day marks then fall at New
 * York midnight and labels read as New York time.
 */
export function toChartSeconds(t: number): number {
  return (t + nyOffsetMs(t)) / 1000;
}

/** Labels for a chart time produced by `toChartSeconds`. */
export function chartLabel(seconds: number, format: string): string {
  return DateTime.fromSeconds(seconds, { zone: 'utc' }).toFormat(format);
}
