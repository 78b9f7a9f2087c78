/**
 * Inference from sampled rows: the bar timeframe, and the file's time zone. A zone is
 * judged by how many sampled bars it would put inside the Globex halt, a weekend or a
 * holiday closure: the right zone puts (almost) none there, a wrong one puts many, and
 * zones with different DST rules separate over a year of data.
 */
import { isTradingMinute } from '@shared/calendar/session';
import { newStamp, parseStamp, type DateOrder } from './stamp';
import type { Layout } from './layout';
import { LocalTime, ZoneClock } from './zone-clock';

export const CANDIDATE_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Jerusalem',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

export const DAY_MINUTES = 1440;

/** Splits a line and parses its stamp; returns the stamp or undefined. */
function stampOf(line: string, layout: Layout, order: DateOrder) {
  const f = line.split(layout.delimiter);
  const s = newStamp();
  const time = layout.columns.time === undefined ? undefined : f[layout.columns.time];
  return parseStamp(f[layout.columns.stamp] ?? '', time, order, s) ? s : undefined;
}

/**
 * The most common positive step under a day between consecutive rows, in minutes; 1440 for
 * date-only (daily) files; 1 when too few rows are close enough to tell.
 */
export function inferTimeframe(head: readonly string[], layout: Layout, order: DateOrder): number {
  const counts = new Map<number, number>();
  let prev: number | undefined;
  let dateOnly = 0;
  let rows = 0;
  for (const line of head) {
    const s = stampOf(line, layout, order);
    if (!s) continue;
    rows++;
    if (!s.hasTime) dateOnly++;
    if (prev !== undefined && s.ms > prev && s.ms - prev < DAY_MINUTES * 60_000) {
      const step = Math.round((s.ms - prev) / 60_000);
      counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    prev = s.ms;
  }
  if (rows > 0 && dateOnly > rows / 2) return DAY_MINUTES;
  let best = 1;
  let bestCount = -1;
  for (const [step, n] of counts) {
    if (n > bestCount || (n === bestCount && step < best)) {
      best = step;
      bestCount = n;
    }
  }
  return best;
}

export interface ZoneScore {
  readonly zone: string;
  /** Fraction of sampled bars that would fall outside a session. */
  readonly outside: number;
}

/** Scores every candidate zone on the sample, best first (ties keep candidate order). */
export function scoreZones(
  sample: readonly string[],
  layout: Layout,
  order: DateOrder,
  zones: readonly string[] = CANDIDATE_ZONES,
): ZoneScore[] {
  const locals: number[] = [];
  for (const line of sample) {
    const s = stampOf(line, layout, order);
    if (s && s.kind === 'local' && s.hasTime) locals.push(s.ms);
  }
  if (locals.length === 0) return [];
  return zones
    .map((zone) => {
      const clock = new ZoneClock(zone);
      let outside = 0;
      for (const ms of locals) {
        if (clock.fromLocal(ms) !== LocalTime.Ok || !isTradingMinute(clock.utc)) outside++;
      }
      return { zone, outside: outside / locals.length };
    })
    .sort((a, b) => a.outside - b.outside);
}

export interface ZoneDecision {
  readonly zone: string;
  readonly source: 'flag' | 'vendor-default' | 'inferred' | 'file';
  readonly note: string;
  readonly scores: readonly ZoneScore[];
}

/** Thrown when the import needs a decision the file cannot make (`--tz`, `--date-order`). */
export class ImportNeedsInput extends Error {
  override readonly name = 'ImportNeedsInput';
  constructor(
    readonly input: 'tz' | 'date-order' | 'format',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Chooses the zone: a `--tz` flag wins; otherwise the vendor default unless the data show
 * clearly that another zone fits (then the inferred zone, with a note); with no default,
 * the inferred zone when it is clear, else the import stops and asks for `--tz`.
 */
export function decideZone(
  file: string,
  scores: readonly ZoneScore[],
  vendorDefault: string | null,
  flag: string | undefined,
): ZoneDecision {
  const best = scores[0];
  const describe = (z: string): string => {
    const s = scores.find((x) => x.zone === z);
    return s ? `${(s.outside * 100).toFixed(2)}% of sampled bars outside sessions` : 'not scored';
  };
  if (flag) return { zone: flag, source: 'flag', note: `--tz ${flag}: ${describe(flag)}`, scores };
  if (!best) {
    return {
      zone: vendorDefault ?? 'UTC',
      source: 'file',
      note: 'timestamps carry their own offset (or are dates)',
      scores,
    };
  }
  const second = scores.find((s) => s.zone !== best.zone && s.outside > best.outside);
  const clear =
    best.outside <= 0.02 && (second === undefined || second.outside >= best.outside + 0.02);
  if (vendorDefault) {
    const def = scores.find((s) => s.zone === vendorDefault);
    if (!def || def.outside <= best.outside + 0.005 || !clear) {
      return {
        zone: vendorDefault,
        source: 'vendor-default',
        note: `vendor default ${vendorDefault}: ${describe(vendorDefault)}`,
        scores,
      };
    }
    return {
      zone: best.zone,
      source: 'inferred',
      note: `vendor default ${vendorDefault} would put ${(def.outside * 100).toFixed(1)}% of bars outside sessions; ${best.zone} fits (${describe(best.zone)})`,
      scores,
    };
  }
  if (!clear) {
    const top = scores
      .slice(0, 3)
      .map((s) => `${s.zone} ${(s.outside * 100).toFixed(1)}%`)
      .join(', ');
    throw new ImportNeedsInput(
      'tz',
      `${file}: cannot tell the time zone from the data (outside-session share: ${top}); give --tz ZONE`,
    );
  }
  return {
    zone: best.zone,
    source: 'inferred',
    note: `inferred from the session calendar: ${describe(best.zone)}`,
    scores,
  };
}
