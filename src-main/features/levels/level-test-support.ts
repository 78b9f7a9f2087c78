/**
 * Helpers for the level tests: candle tables written in New York time, generated minute
 * series for property tests, and row comparison. Test-only; no production code imports it.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isTradingMinute } from '@shared/calendar/session';
import { BarColumns } from '@shared/market/bar-columns';
import type { LevelColumns } from './level-columns';
import { LEVEL_COUNT, LEVEL_NAMES } from './level-names';

const MINUTE_MS = 60_000;

/** UTC ms of a New York wall-clock time 'YYYY-MM-DD HH:mm'. */
export function ny(text: string): number {
  const t = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone: 'America/New_York' });
  if (!t.isValid) throw new Error(`bad NY time '${text}'`);
  return t.toMillis();
}

/** One candle-table row: NY time, open, high, low, close, volume. */
export type CandleRow = readonly [string, number, number, number, number, number];

/** Bars from a candle table. */
export function candles(rows: readonly CandleRow[]): BarColumns {
  const bars = new BarColumns(rows.length);
  for (const [time, o, h, l, c, v] of rows) bars.push(ny(time), o, h, l, c, v);
  return bars;
}

/** The first `n` bars of `bars` as a new BarColumns (a truncated history). */
export function head(bars: BarColumns, n: number): BarColumns {
  return bars.copyRange(0, n);
}

interface SeriesSpec {
  readonly start: number;
  readonly steps: readonly number[];
  readonly moves: readonly number[];
  readonly ranges: readonly number[];
  readonly volumes: readonly number[];
}

/**
 * Random in-session minute series: mostly consecutive minutes, with jumps of hours to days
 * so anchors roll (DST changes, weekends and month ends included), a random walk on the
 * tick grid with bursts, ranges up to 40 ticks and integer volumes (0 allowed; NaN now and
 * then when `withNaN`).
 */
export function minuteSeries(maxBars = 400, withNaN = false): fc.Arbitrary<BarColumns> {
  const step = fc.oneof(
    { weight: 20, arbitrary: fc.constant(1) },
    { weight: 3, arbitrary: fc.integer({ min: 2, max: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: 31, max: 4000 }) },
  );
  const volume = withNaN
    ? fc.oneof(
        { weight: 30, arbitrary: fc.integer({ min: 0, max: 400 }) },
        { weight: 1, arbitrary: fc.constant(Number.NaN) },
      )
    : fc.integer({ min: 0, max: 400 });
  return fc
    .record({
      // 2024-01-02 .. 2025-12-20, so March/November DST changes and month ends occur.
      start: fc.integer({ min: 28_403_000, max: 29_420_000 }).map((m) => m * MINUTE_MS),
      // size 'max': the default size would keep arrays to about ten bars.
      steps: fc.array(step, { minLength: Math.min(50, maxBars), maxLength: maxBars, size: 'max' }),
      // Mostly small steps, now and then a burst that leaves single prints and thin areas.
      moves: fc.array(
        fc.oneof(
          { weight: 12, arbitrary: fc.integer({ min: -8, max: 8 }) },
          { weight: 1, arbitrary: fc.integer({ min: -80, max: 80 }) },
        ),
        { minLength: maxBars, maxLength: maxBars },
      ),
      ranges: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: maxBars, maxLength: maxBars }),
      volumes: fc.array(volume, { minLength: maxBars, maxLength: maxBars }),
    })
    .map(buildSeries);
}

function buildSeries(spec: SeriesSpec): BarColumns {
  const bars = new BarColumns(spec.steps.length);
  let t = spec.start;
  let tick = 80_000;
  for (let i = 0; i < spec.steps.length; i++) {
    t += (spec.steps[i] as number) * MINUTE_MS;
    // Skip to the next trading minute: halts, weekends and holidays have no bars.
    let guard = 0;
    while (!isTradingMinute(t) && guard++ < 10_000) t += MINUTE_MS;
    tick += spec.moves[i] as number;
    const range = spec.ranges[i] as number;
    const low = tick - (range >> 1);
    const high = low + range;
    const close = low + Math.floor(range / 3);
    bars.push(t, tick * 0.25, high * 0.25, low * 0.25, close * 0.25, spec.volumes[i] as number);
  }
  return bars;
}

/** Whether two level rows agree: NaN where the other is NaN, else within `tol` (relative). */
export function rowsDiffer(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-9): string | null {
  for (let k = 0; k < LEVEL_COUNT; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!(Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y)))) {
      return `${LEVEL_NAMES[k]}: ${x} vs ${y}`;
    }
  }
  return null;
}

/** The first field (by name and row) where two level tables differ, bit for bit; null if none. */
export function firstLevelDifference(a: LevelColumns, b: LevelColumns): string | null {
  const fields: [string, ArrayLike<number>, ArrayLike<number>][] = [
    ['index', a.index, b.index],
    ['time', a.time, b.time],
    ['defined', a.defined, b.defined],
    ['complete', a.complete, b.complete],
    ...a.columns.map((c, k): [string, ArrayLike<number>, ArrayLike<number>] => [
      LEVEL_NAMES[k] as string,
      c,
      b.columns[k] as Float64Array,
    ]),
  ];
  for (const [name, x, y] of fields) {
    if (x.length !== y.length) return `${name}: ${x.length} vs ${y.length} rows`;
    for (let r = 0; r < x.length; r++) {
      if (!Object.is(x[r], y[r])) return `${name} row ${r}: ${x[r]} vs ${y[r]}`;
    }
  }
  return null;
}
