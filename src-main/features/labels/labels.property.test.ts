import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '@shared/market/bar-columns';
import { computeLabels } from './compute-labels';
import {
  FLAG_ASIA,
  FLAG_WARMUP,
  LABEL_LONG,
  LABEL_NONE,
  LABEL_SHORT,
  LABEL_UNKNOWN,
  OUTCOME_STOP,
  OUTCOME_WIN,
  type LabelColumns,
  type LabelOptions,
} from './label-columns';
import { StopDistanceWindow } from './stop-distance';

const MIN = 60_000;
const BAR = 5 * MIN;
const TICK = 0.25;

interface Minute {
  readonly time: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** A random tick-grid 1-minute path with gaps, starting anywhere in 2024. */
const minutePath = fc
  .record({
    start: fc.integer({ min: 0, max: 365 * 1440 }),
    steps: fc.array(
      fc.record({
        gap: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })),
        move: fc.integer({ min: -6, max: 6 }),
        up: fc.integer({ min: 0, max: 5 }),
        down: fc.integer({ min: 0, max: 5 }),
      }),
      { minLength: 1, maxLength: 700, size: 'max' },
    ),
  })
  .map(({ start, steps }) => {
    let t = Date.UTC(2024, 0, 1) + start * MIN;
    let price = 18000;
    return steps.map((s): Minute => {
      t += s.gap * MIN;
      const open = price;
      price += s.move * TICK;
      return {
        time: t,
        high: Math.max(open, price) + s.up * TICK,
        low: Math.min(open, price) - s.down * TICK,
        close: price,
      };
    });
  });

const smallOptions = fc.record({
  horizonBars: fc.integer({ min: 1, max: 60 }),
  stopWindow: fc.integer({ min: 1, max: 30 }),
  minStopTicks: fc.integer({ min: 1, max: 10 }),
  maxStopTicks: fc.integer({ min: 10, max: 40 }),
});

function columns(path: readonly Minute[]): BarColumns {
  const c = new BarColumns(path.length);
  for (const m of path) c.push(m.time, m.close, m.high, m.low, m.close, 1);
  return c;
}

interface Bucket {
  start: number;
  high: number;
  low: number;
  close: number;
  mins: Minute[];
}

/** Five-minute buckets of a path, built naively with objects. */
function bucketsOf(path: readonly Minute[]): Bucket[] {
  const buckets: Bucket[] = [];
  for (const m of path) {
    const start = Math.floor(m.time / BAR) * BAR;
    const last = buckets[buckets.length - 1];
    if (last?.start === start) {
      last.high = Math.max(last.high, m.high);
      last.low = Math.min(last.low, m.low);
      last.close = m.close;
      last.mins.push(m);
    } else buckets.push({ start, high: m.high, low: m.low, close: m.close, mins: [m] });
  }
  return buckets;
}

/**
 * An independent, object-based reference: sort each window's ranges, and decide each side by
 * comparing the FIRST minute that reaches its stop with the first that reaches its target
 * (a tie is a stop).
 */
function reference(path: readonly Minute[], o: Required<Omit<LabelOptions, 'targetHorizons'>>) {
  const buckets = bucketsOf(path);
  const firstAt = (mins: Minute[], hit: (m: Minute) => boolean): number => {
    const i = mins.findIndex(hit);
    return i < 0 ? Infinity : i;
  };
  return buckets.map((b, t) => {
    const roll = o.rollTimes.find((r) => r > b.mins[b.mins.length - 1]!.time) ?? Infinity;
    const targets = [1, 3, 6, 12].map((h) => {
      const end = buckets[t + h];
      return end !== undefined && end.mins[end.mins.length - 1]!.time < roll
        ? end.close - b.close
        : Number.NaN;
    });
    if (t + 1 < o.stopWindow) {
      return { stop: Number.NaN, label: LABEL_UNKNOWN, entry: b.close, targets };
    }
    const ranges = buckets.slice(t + 1 - o.stopWindow, t + 1).map((x) => x.high - x.low);
    ranges.sort((x, y) => x - y);
    const w = ranges.length;
    const median = w % 2 === 1 ? ranges[(w - 1) / 2]! : (ranges[w / 2 - 1]! + ranges[w / 2]!) / 2;
    const ticks = Math.ceil((o.stopMultiplier * median) / TICK - 1e-9);
    const s = Math.min(o.maxStopTicks, Math.max(o.minStopTicks, ticks)) * TICK;
    const e = b.close;
    const ahead = buckets.slice(t + 1, t + 1 + o.horizonBars).flatMap((x) => x.mins);
    const walked = ahead.filter((m) => m.time < roll);
    const cut = walked.length < ahead.length || t + o.horizonBars > buckets.length - 1;
    const longStop = firstAt(walked, (m) => m.low <= e - s);
    const longWin = firstAt(walked, (m) => m.high >= e + 2 * s) < longStop;
    const shortStop = firstAt(walked, (m) => m.high >= e + s);
    const shortWin = firstAt(walked, (m) => m.low <= e - 2 * s) < shortStop;
    let label = cut ? LABEL_UNKNOWN : LABEL_NONE;
    if (longWin) label = LABEL_LONG;
    else if (shortWin) label = LABEL_SHORT;
    else if (longStop < Infinity && shortStop < Infinity) label = LABEL_NONE;
    return { stop: s, label, entry: e, targets };
  });
}

function inputsAt(c: LabelColumns, k: number) {
  return {
    time: c.time[k],
    decisionTime: c.decisionTime[k],
    entry: c.entry[k],
    stop: c.stop[k],
    clockFlags: (c.flags[k] as number) & (FLAG_ASIA | FLAG_WARMUP),
  };
}

describe('label properties', () => {
  it('never lets both brackets win; a win always stops the other side', () => {
    fc.assert(
      fc.property(minutePath, smallOptions, (path, options) => {
        const c = computeLabels(columns(path), options);
        for (let t = 0; t < c.length; t++) {
          const long = c.longOutcome[t];
          const short = c.shortOutcome[t];
          expect(long === OUTCOME_WIN && short === OUTCOME_WIN).toBe(false);
          if (long === OUTCOME_WIN) expect([c.label[t], short]).toEqual([LABEL_LONG, OUTCOME_STOP]);
          if (short === OUTCOME_WIN)
            expect([c.label[t], long]).toEqual([LABEL_SHORT, OUTCOME_STOP]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with an independent reference implementation', () => {
    fc.assert(
      fc.property(
        minutePath,
        smallOptions,
        fc.array(fc.nat(), { maxLength: 3 }),
        (path, options, rollPicks) => {
          // Unsorted on purpose: the labeller sorts its roll table.
          const rollTimes = rollPicks.map((i) => path[i % path.length]!.time);
          const c = computeLabels(columns(path), { ...options, rollTimes });
          const sorted = [...rollTimes].sort((a, b) => a - b);
          const ref = reference(path, { ...options, stopMultiplier: 1.5, rollTimes: sorted });
          expect(c.length).toBe(ref.length);
          ref.forEach((r, t) => {
            const targets = c.targets.map((x) => x[t]);
            const got = { t, entry: c.entry[t], stop: c.stop[t], label: c.label[t], targets };
            expect(got).toEqual({ t, ...r });
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('computes the label inputs at t from history up to t only', () => {
    fc.assert(
      fc.property(minutePath, smallOptions, fc.nat(), (path, options, pick) => {
        const full = computeLabels(columns(path), options);
        const t = pick % full.length;
        const cutAt = (full.time[t] as number) + BAR; // everything closed by the decision
        const truncated = computeLabels(columns(path.filter((m) => m.time < cutAt)), options);
        expect(truncated.length).toBe(t + 1);
        for (let k = 0; k <= t; k++) expect(inputsAt(truncated, k)).toEqual(inputsAt(full, k));
      }),
      { numRuns: 150 },
    );
  });

  it('streams the stop distance bar by bar exactly as the batch labeller computes it', () => {
    fc.assert(
      fc.property(minutePath, (path) => {
        const c = computeLabels(columns(path));
        const stream = new StopDistanceWindow();
        const buckets = bucketsOf(path);
        expect(c.length).toBe(buckets.length);
        buckets.forEach((b, t) => {
          expect(Object.is(stream.push(b.high, b.low), c.stop[t])).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
