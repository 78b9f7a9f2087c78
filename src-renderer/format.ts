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

/** `2024-03-05 09:30` in New York time, for tables. */
export function nyDateTime(t: number): string {
  return DateTime.fromMillis(t, { zone: NY }).toFormat('yyyy-LL-dd HH:mm');
}

/** The value of a `datetime-local` input showing instant `t` as New York wall-clock time. */
export function toNyInput(t: number): string {
  return DateTime.fromMillis(t, { zone: NY }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/**
 * The instant a `datetime-local` value names when read as New York time, or null when it
 * is empty or names no valid time (luxon resolves a time in the spring-forward gap forward).
 */
export function fromNyInput(value: string): number | null {
  if (!value) return null;
  const d = DateTime.fromISO(value, { zone: NY });
  return d.isValid ? d.toMillis() : null;
}

/** `1m`, `5m`, `1h`, `1d` for a bar length in minutes. */
export function timeframeLabel(minutes: number): string {
  if (minutes === 1440) return '1d';
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** A byte count for people: `812 B`, `3.4 KB`, `1.2 GB`. */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Thousands separators for counts. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
