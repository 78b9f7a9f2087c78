/**
 * Hand-written timestamp parsing for vendor files (no regex, no allocation per row).
 * A stamp is either wall-clock fields in the file's zone (`kind: 'local'`, converted by
 * ZoneClock) or an absolute instant (`'utc'`: epoch numbers, ISO strings with an offset).
 */

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/** A reusable parse result; fields are valid when `kind` is not 'error'. */
export interface Stamp {
  kind: 'local' | 'utc' | 'error';
  /** Wall clock written as UTC ms (kind 'local') or the UTC instant (kind 'utc'). */
  ms: number;
  /** Whether the stamp carried a time of day (false for a date-only daily bar). */
  hasTime: boolean;
  error: string;
}

export function newStamp(): Stamp {
  return { kind: 'error', ms: 0, hasTime: false, error: '' };
}

function digits(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function fail(out: Stamp, error: string): false {
  out.kind = 'error';
  out.error = error;
  return false;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

/**
 * Parses a date: `YYYY-MM-DD`, `YYYYMMDD`, or `a/b/YYYY` (also `-` or `.` separated) whose
 * order of day and month is `order`. Writes the UTC-midnight ms of that date to `out.ms`.
 */
export function parseDate(s: string, order: DateOrder, out: Stamp): boolean {
  const n = s.length;
  if (n === 8 && digits(s, 0, 8) >= 0) {
    const y = digits(s, 0, 4);
    const mo = digits(s, 4, 6);
    const d = digits(s, 6, 8);
    if (!validDate(y, mo, d)) return fail(out, `invalid date "${s}"`);
    out.ms = Date.UTC(y, mo - 1, d);
    return true;
  }
  const sep1 = findSep(s, 0);
  const sep2 = sep1 < 0 ? -1 : findSep(s, sep1 + 1);
  if (sep1 < 0 || sep2 < 0) return fail(out, `unrecognised date "${s}"`);
  const p1 = digits(s, 0, sep1);
  const p2 = digits(s, sep1 + 1, sep2);
  const p3 = digits(s, sep2 + 1, n);
  if (p1 < 0 || p2 < 0 || p3 < 0) return fail(out, `unrecognised date "${s}"`);
  let y: number;
  let mo: number;
  let d: number;
  if (sep1 === 4) {
    y = p1;
    mo = p2;
    d = p3;
  } else if (n - sep2 - 1 === 4) {
    y = p3;
    if (order === 'dmy') {
      d = p1;
      mo = p2;
    } else {
      mo = p1;
      d = p2;
    }
  } else {
    return fail(out, `unrecognised date "${s}"`);
  }
  if (!validDate(y, mo, d)) return fail(out, `invalid date "${s}" (${order})`);
  out.ms = Date.UTC(y, mo - 1, d);
  return true;
}

function findSep(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 45 || c === 46) return i; // '/', '-', '.'
  }
  return -1;
}

/** Parses `H:MM`, `HH:MM:SS(.fff)` or `HHMMSS`/`HHMM`; returns ms since midnight or -1. */
export function parseTimeOfDay(s: string): number {
  const n = s.length;
  let h: number;
  let mi: number;
  let sec = 0;
  const c1 = s.indexOf(':');
  if (c1 < 0) {
    if (n !== 4 && n !== 6) return -1;
    h = digits(s, 0, 2);
    mi = digits(s, 2, 4);
    sec = n === 6 ? digits(s, 4, 6) : 0;
  } else {
    h = digits(s, 0, c1);
    const c2 = s.indexOf(':', c1 + 1);
    if (c2 < 0) {
      mi = digits(s, c1 + 1, n);
    } else {
      mi = digits(s, c1 + 1, c2);
      const dot = s.indexOf('.', c2 + 1);
      sec = digits(s, c2 + 1, dot < 0 ? n : dot);
    }
    if (c1 > 2) return -1;
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return -1;
  return ((h * 60 + mi) * 60 + sec) * 1000;
}

/** Parses an offset suffix `Z`, `+HH:MM`, `-HHMM`; returns ms (local − UTC) or NaN. */
function parseOffset(s: string): number {
  if (s === 'Z' || s === 'z') return 0;
  const sign = s.charCodeAt(0) === 45 ? -1 : s.charCodeAt(0) === 43 ? 1 : 0;
  if (sign === 0) return Number.NaN;
  const body = s.length === 6 ? s.slice(1, 3) + s.slice(4) : s.slice(1);
  if (body.length !== 4) return Number.NaN;
  const hh = digits(body, 0, 2);
  const mm = digits(body, 2, 4);
  if (hh < 0 || mm < 0) return Number.NaN;
  return sign * (hh * 60 + mm) * 60_000;
}

/**
 * Parses a timestamp field (or a date field plus a separate time field): ISO 8601 with or
 * without offset, `date time`, or an epoch number in seconds, milliseconds or nanoseconds.
 */
export function parseStamp(
  dateField: string,
  timeField: string | undefined,
  order: DateOrder,
  out: Stamp,
): boolean {
  const f = dateField.trim();
  if (timeField === undefined && f.length >= 9 && digits(f, 0, f.length) >= 0 && f.length !== 8) {
    // Epoch: 10 digits = seconds, 13 = ms, 19 = ns (Databento).
    const v = Number(f);
    out.kind = 'utc';
    out.hasTime = true;
    if (f.length <= 11) out.ms = v * 1000;
    else if (f.length <= 14) out.ms = v;
    else if (f.length >= 17) out.ms = Math.floor(Number(BigInt(f) / 1_000_000n));
    else return fail(out, `unrecognised epoch "${f}"`);
    return true;
  }
  let datePart = f;
  let timePart = timeField?.trim();
  if (timePart === undefined) {
    const t = f.indexOf('T') > 0 ? f.indexOf('T') : f.indexOf(' ');
    if (t > 0) {
      datePart = f.slice(0, t);
      timePart = f.slice(t + 1).trim();
    }
  }
  if (!parseDate(datePart, order, out)) return false;
  if (timePart === undefined || timePart === '') {
    out.kind = 'local';
    out.hasTime = false;
    return true;
  }
  // Split a trailing offset off the time: Z, +hh:mm, -hhmm.
  let offset = Number.NaN;
  const z = timePart.search(/[Zz+]|-(?=\d\d:?\d\d$)/);
  if (z > 0) {
    offset = parseOffset(timePart.slice(z));
    if (Number.isNaN(offset)) return fail(out, `bad offset in "${timePart}"`);
    timePart = timePart.slice(0, z);
  }
  const tod = parseTimeOfDay(timePart);
  if (tod < 0) return fail(out, `unrecognised time "${timePart}"`);
  out.hasTime = true;
  if (Number.isNaN(offset)) {
    out.kind = 'local';
    out.ms += tod;
  } else {
    out.kind = 'utc';
    out.ms = out.ms + tod - offset;
  }
  return true;
}
