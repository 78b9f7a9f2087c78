/**
 * Date and duration strings of IB's historical-data API. The feed always sends end times
 * in IB's explicit UTC form `yyyymmdd-hh:mm:ss` and durations in seconds (`N S`), so no
 * request depends on the time zone TWS was logged in with.
 */

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `yyyymmdd-hh:mm:ss` in UTC for an instant (UTC ms, whole seconds). */
export function formatIbUtc(t: number): string {
  const d = new Date(t);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * Parses an IB end date-time: `yyyymmdd-hh:mm:ss` (UTC) or `yyyymmdd hh:mm:ss UTC`
 * (also `GMT`). Returns undefined for anything else, including other time zones.
 */
export function parseIbUtc(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:-| +)(\d{2}):(\d{2}):(\d{2})(?: +(UTC|GMT))?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const dashed = text.trim().charAt(8) === '-';
  // The space form without a zone means "TWS local time", which the simulator cannot know.
  if (!dashed && m[7] === undefined) return undefined;
  const t = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  return Number.isFinite(t) ? t : undefined;
}

/** `N S` for a span in ms, rounded up to whole seconds (IB rejects fractions). */
export function formatDurationSeconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} S`;
}

/**
 * Parses an IB duration (`N S`, `N D`, `N W`) to ms. Days and weeks count calendar time
 * here; IB counts trading days for `D`, which the feed avoids by always sending seconds.
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+) ([SDW])$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  switch (m[2]) {
    case 'S':
      return n * 1000;
    case 'D':
      return n * DAY_MS;
    default:
      return n * 7 * DAY_MS;
  }
}
