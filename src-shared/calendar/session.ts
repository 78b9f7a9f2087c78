/**
 * Globex session clock for NQ over the holiday table in `cme-schedule.ts`.
 *
 * - Trade date D (a weekday not marked 'closed') has one session: 18:00 ET on D−1 → 17:00 ET
 *   on D, or → `closeEt` on D for an early close. Saturday and Sunday are never trade dates.
 * - Inside a session: RTH on the NY clock [09:30, 16:00), ASIA on [23:00, 08:00), else ETH.
 * - Outside a session: HALT when the previous session closed on the NY calendar date on which
 *   the next one opens (the daily 17:00–18:00 halt, a holiday halt at 13:00), else CLOSED.
 *
 * Every boundary is a NY wall-clock time resolved through the IANA zone `America/New_York`,
 * so 23- and 25-hour days come out right. The hot paths (`sessionState`, `isTradingMinute`)
 * are called per minute over years of bars, so each NY calendar day is resolved with luxon
 * once and cached as a record of UTC boundary instants; a call is then a few comparisons.
 *
 * Modelling limits: before trade date 2021-06-28 CME actually closed at 17:15 ET with a pause
 * 16:15–16:30 ET; this clock uses today's 17:00 close for all years, as DOMAIN.md does.
 * Outside 2015–2030 no holidays are known, so only weekends are closed there.
 */
import { DateTime, IANAZone } from 'luxon';
import { utcMs, type UtcMs } from '../domain/brand';
import { CME_SCHEDULE, type CmeScheduleEntry } from './cme-schedule';

/** Where the market stands at an instant. */
export type SessionState = 'ASIA' | 'ETH' | 'RTH' | 'HALT' | 'CLOSED';

/** The session state at an instant and when it next changes. */
export interface SessionStatus {
  readonly state: SessionState;
  /** Trade date 'YYYY-MM-DD' of the session containing t; null outside a session. */
  readonly tradeDate: string | null;
  /** NY clock in [23:00, 08:00), whether or not the market is open. */
  readonly isAsiaClock: boolean;
  /** First instant after t at which the state differs. */
  readonly nextChange: UtcMs;
  /** The state from `nextChange` on. */
  readonly nextState: SessionState;
}

/** Open and close of one trade date's session. */
export interface SessionBounds {
  /** 18:00 ET on the calendar day before the trade date. */
  readonly open: UtcMs;
  /** 17:00 ET on the trade date, or its early close. */
  readonly close: UtcMs;
}

const NEW_YORK = IANAZone.create('America/New_York');
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday; with Sunday = 0 that is weekday 4. */
const EPOCH_WEEKDAY = 4;
/** Far more than the longest closure (holiday + weekend ≈ 4 days). */
const SEARCH_DAYS = 14;
/** Bound on cached day records (about 137 years); cleared wholesale when exceeded. */
const MAX_CACHED_DAYS = 50_000;

const SCHEDULE: ReadonlyMap<string, CmeScheduleEntry> = new Map(
  CME_SCHEDULE.map((entry) => [entry.date, entry]),
);

/**
 * One NY calendar day, resolved to UTC instants. Apart from `start` and `end`, every boundary
 * (the table's early closes included) lies after 03:00 local, and New York changes its clocks
 * at 02:00, so they all share the offset in force at the day's noon.
 */
interface DayRecord {
  /** Days since 1970-01-01 of this NY calendar date. */
  readonly index: number;
  readonly date: string;
  /** NY midnight starting / ending this day. */
  readonly start: number;
  readonly end: number;
  readonly at0800: number;
  readonly at0930: number;
  readonly at1600: number;
  readonly at1800: number;
  readonly at2300: number;
  /** Whether this date is a trade date, and its session close (NaN when it is not). */
  readonly isTradeDate: boolean;
  readonly close: number;
  /** Whether the next calendar date is a trade date (its session opens here at 18:00). */
  readonly nextIsTradeDate: boolean;
  readonly nextDate: string;
}

const days = new Map<number, DayRecord>();
let lastDay: DayRecord | undefined;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoDate(index: number): string {
  const d = new Date(index * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function weekdayOf(index: number): number {
  return (((index + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

function isTradeDateIndex(index: number, date: string): boolean {
  const weekday = weekdayOf(index);
  if (weekday === 0 || weekday === 6) return false;
  return SCHEDULE.get(date)?.kind !== 'closed';
}

/** Parses 'HH:mm' into minutes after midnight; throws on anything else. */
function parseHhMm(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) throw new RangeError(`closeEt must be 'HH:mm', got '${text}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function nyMidnight(index: number): number {
  const d = new Date(index * DAY_MS);
  return DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    { zone: NEW_YORK },
  ).toMillis();
}

function buildDay(index: number): DayRecord {
  const date = isoDate(index);
  const nextDate = isoDate(index + 1);
  const utcMidnight = index * DAY_MS;
  // UTC noon is 07:00 or 08:00 in New York: after any 02:00 DST change of the same date.
  const offsetMs = NEW_YORK.offset(utcMidnight + DAY_MS / 2) * MINUTE_MS;
  const wall = (minutes: number): number => utcMidnight + minutes * MINUTE_MS - offsetMs;
  const isTradeDate = isTradeDateIndex(index, date);
  let close = Number.NaN;
  if (isTradeDate) {
    const entry = SCHEDULE.get(date);
    close = wall(entry?.kind === 'early-close' ? parseHhMm(entry.closeEt ?? '') : 17 * 60);
  }
  return {
    index,
    date,
    start: nyMidnight(index),
    end: nyMidnight(index + 1),
    at0800: wall(8 * 60),
    at0930: wall(9 * 60 + 30),
    at1600: wall(16 * 60),
    at1800: wall(18 * 60),
    at2300: wall(23 * 60),
    isTradeDate,
    close,
    nextIsTradeDate: isTradeDateIndex(index + 1, nextDate),
    nextDate,
  };
}

function dayByIndex(index: number): DayRecord {
  let day = days.get(index);
  if (day === undefined) {
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    day = buildDay(index);
    days.set(index, day);
  }
  return day;
}

/** The NY calendar day containing instant t. */
function dayOf(t: number): DayRecord {
  const last = lastDay;
  if (last !== undefined && t >= last.start && t < last.end) return last;
  if (!Number.isFinite(t)) throw new RangeError(`instant must be a finite number, got ${t}`);
  // New York is behind UTC, so its date is the UTC date or the day before; the loops
  // settle it against the luxon-resolved midnights rather than assuming an offset.
  let day = dayByIndex(Math.floor(t / DAY_MS));
  while (t < day.start) day = dayByIndex(day.index - 1);
  while (t >= day.end) day = dayByIndex(day.index + 1);
  lastDay = day;
  return day;
}

/** Whether t lies in a session, given its day record. */
function inSession(day: DayRecord, t: number): boolean {
  return t < day.at1800 ? day.isTradeDate && t < day.close : day.nextIsTradeDate;
}

function stateIn(day: DayRecord, t: number): SessionState {
  if (t < day.at1800) {
    if (day.isTradeDate && t < day.close) {
      if (t < day.at0800) return 'ASIA';
      return t >= day.at0930 && t < day.at1600 ? 'RTH' : 'ETH';
    }
    // The session that closed today is followed by one opening today at 18:00: a halt.
    // With no session today, the last close was on an earlier date.
    return day.isTradeDate && day.nextIsTradeDate ? 'HALT' : 'CLOSED';
  }
  if (!day.nextIsTradeDate) return 'CLOSED';
  return t >= day.at2300 ? 'ASIA' : 'ETH';
}

/** The session state at instant t (UTC ms). Cheap: no luxon work once the day is cached. */
export function sessionState(t: number): SessionState {
  return stateIn(dayOf(t), t);
}

/** Whether the 1-minute bar starting at t lies inside a session: t in [open, close). */
export function isTradingMinute(t: number): boolean {
  return inSession(dayOf(t), t);
}

/** Whether the NY clock at t is in [23:00, 08:00), whether or not the market is open. */
export function isAsiaClock(t: number): boolean {
  const day = dayOf(t);
  return t < day.at0800 || t >= day.at2300;
}

/** Trade date 'YYYY-MM-DD' of the session containing t, or null outside a session. */
export function tradeDateOf(t: number): string | null {
  const day = dayOf(t);
  if (t < day.at1800) return day.isTradeDate && t < day.close ? day.date : null;
  return day.nextIsTradeDate ? day.nextDate : null;
}

/** The holiday table entry for a 'YYYY-MM-DD' date, if any. */
export function scheduleEntry(date: string): CmeScheduleEntry | undefined {
  return SCHEDULE.get(date);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws on a malformed or impossible date. */
function parseIsoDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match !== null) {
    const index = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    if (isoDate(index) === date) return index;
  }
  throw new RangeError(`trade date must be a valid 'YYYY-MM-DD', got '${date}'`);
}

/** Open and close of trade date `tradeDate` ('YYYY-MM-DD'); null when it has no session. */
export function sessionBounds(tradeDate: string): SessionBounds | null {
  const day = dayByIndex(parseIsoDate(tradeDate));
  if (!day.isTradeDate) return null;
  return { open: utcMs(dayByIndex(day.index - 1).at1800), close: utcMs(day.close) };
}

/** The first session open strictly after t. */
export function nextSessionOpen(t: number): UtcMs {
  let day = dayOf(t);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    if (day.nextIsTradeDate && day.at1800 > t) return utcMs(day.at1800);
    day = dayByIndex(day.index + 1);
  }
  throw new Error(`no session opens within ${SEARCH_DAYS} days after ${t}`);
}

/** The first session close strictly after t (the close of the session t is in, or the next one's). */
export function nextSessionClose(t: number): UtcMs {
  let day = dayOf(t);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    if (day.isTradeDate && day.close > t) return utcMs(day.close);
    day = dayByIndex(day.index + 1);
  }
  throw new Error(`no session closes within ${SEARCH_DAYS} days after ${t}`);
}

/** Instants at which the state can change, on the NY day `day`. */
function boundaries(day: DayRecord): number[] {
  const out = [day.start, day.at0800, day.at0930, day.at1600, day.at1800, day.at2300];
  if (day.isTradeDate) out.push(day.close);
  return out;
}

/**
 * The first instant after t at which the session state, the trade date or the Asia clock
 * may change (a boundary of t's NY day, or its end): all three are constant on [t, result).
 * No allocation; for callers that ask once per bar and can skip the look-ups in between.
 */
export function sessionSegmentEnd(t: number): number {
  const day = dayOf(t);
  let end = day.end;
  if (day.at0800 > t && day.at0800 < end) end = day.at0800;
  if (day.at0930 > t && day.at0930 < end) end = day.at0930;
  if (day.at1600 > t && day.at1600 < end) end = day.at1600;
  if (day.at1800 > t && day.at1800 < end) end = day.at1800;
  if (day.at2300 > t && day.at2300 < end) end = day.at2300;
  if (day.isTradeDate && day.close > t && day.close < end) end = day.close;
  return end;
}

/** The state at t, when it next changes and to what, and the trade date and Asia clock. */
export function sessionStatus(t: number): SessionStatus {
  const day = dayOf(t);
  const state = stateIn(day, t);
  const tradeDate = tradeDateOf(t);
  const asia = t < day.at0800 || t >= day.at2300;
  // The state is constant between consecutive boundaries, so the first boundary after t
  // whose state differs is the next change. Holidays plus a weekend last at most ~4 days.
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const candidate = dayByIndex(day.index + i);
    const instants = boundaries(candidate).sort((a, b) => a - b);
    for (const at of instants) {
      if (at <= t) continue;
      const next = stateIn(dayOf(at), at);
      if (next !== state) {
        return { state, tradeDate, isAsiaClock: asia, nextChange: utcMs(at), nextState: next };
      }
    }
  }
  throw new Error(`session state does not change within ${SEARCH_DAYS} days after ${t}`);
}
