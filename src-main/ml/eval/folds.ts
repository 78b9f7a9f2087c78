/**
 * Walk-forward folds over trade dates, purged and embargoed (DOMAIN.md, "No lookahead").
 *
 * Samples are sorted by time: `tradeDate` (YYYY-MM-DD) and `decisionTime` (UTC ms) are
 * non-decreasing. Each fold takes consecutive DISTINCT trade dates: `trainDays` for training,
 * then `valDays` for validation (early stopping, calibration), then `testDays` for the
 * out-of-sample test; the next fold starts `stepDays` (default `testDays`) dates later, so with
 * the default the test spans tile the history without overlap. With `expanding`, training
 * always starts at the first date instead of rolling.
 *
 * Purging: a sample's label depends on data up to `horizonEnd` (exclusive, UTC ms). Training
 * keeps only a prefix of its date span whose every `horizonEnd` ≤ the first decision time of the
 * val span (the range is cut at the first offending sample, so it stays contiguous); val keeps
 * only a prefix whose every `horizonEnd` ≤ the first decision time of the test span.
 * A non-finite `horizonEnd` (no label) purges nothing.
 *
 * Embargo (`embargoMs`, default 0): the span after a boundary additionally skips its first
 * samples whose `decisionTime` < (latest data used by the kept samples before it) + embargoMs,
 * where "latest data" is the largest finite `horizonEnd` (or decision time) of the kept train
 * (and val) samples. With embargoMs = 0 purging already guarantees this, so nothing is skipped.
 *
 * Dropped samples are represented by shrinking the index ranges [from, to); counts are reported.
 * A range may come out empty (from = to) when a whole span is purged.
 */

/** Sample index range [from, to). */
export interface IndexRange {
  readonly from: number;
  readonly to: number;
}

/** Span lengths in distinct trade dates, and the embargo. */
export interface WalkForwardOptions {
  readonly trainDays: number;
  readonly valDays: number;
  readonly testDays: number;
  /** Dates between fold starts (default testDays; must be ≥ testDays so tests never overlap). */
  readonly stepDays?: number;
  /** Embargo after each boundary in ms (default 0). */
  readonly embargoMs?: number;
  /** Training starts at the first date for every fold (default false: rolling window). */
  readonly expanding?: boolean;
}

/** One walk-forward fold. */
export interface Fold {
  readonly index: number;
  readonly train: IndexRange;
  readonly val: IndexRange;
  readonly test: IndexRange;
  /** First and last trade date of each span (before purging). */
  readonly trainDates: readonly [string, string];
  readonly valDates: readonly [string, string];
  readonly testDates: readonly [string, string];
  /** Samples dropped from the end of train / val by purging. */
  readonly purged: { readonly train: number; readonly val: number };
  /** Samples dropped from the start of val / test by the embargo. */
  readonly embargoed: { readonly val: number; readonly test: number };
}

function checkCount(name: string, v: number | undefined, min: number): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= min)) {
    throw new Error(`walkForwardFolds: ${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

/** Number of folds `walkForwardFolds` yields for `dates` distinct trade dates (0 if too few). */
export function foldCount(dates: number, options: WalkForwardOptions): number {
  const total = options.trainDays + options.valDays + options.testDays;
  const step = options.stepDays ?? options.testDays;
  return dates < total ? 0 : Math.floor((dates - total) / step) + 1;
}

/**
 * Builds the purged, embargoed walk-forward folds. Throws on inconsistent input and, with a
 * message naming the required and available number of dates, when the history is too short
 * for a single fold.
 */
export function walkForwardFolds(
  tradeDate: readonly string[],
  decisionTime: ArrayLike<number>,
  horizonEnd: ArrayLike<number>,
  options: WalkForwardOptions,
): Fold[] {
  const n = tradeDate.length;
  if (decisionTime.length !== n || horizonEnd.length !== n) {
    throw new Error(
      `walkForwardFolds: ${n} trade dates, ${decisionTime.length} decision times and ` +
        `${horizonEnd.length} horizon ends differ`,
    );
  }
  const { trainDays, valDays, testDays } = options;
  checkCount('trainDays', trainDays, 1);
  checkCount('valDays', valDays, 1);
  checkCount('testDays', testDays, 1);
  const step = options.stepDays ?? testDays;
  checkCount('stepDays', step, 1);
  if (step < testDays) {
    throw new Error(
      `walkForwardFolds: stepDays ${step} < testDays ${testDays} would make test spans overlap`,
    );
  }
  const embargo = options.embargoMs ?? 0;
  if (!(embargo >= 0 && Number.isFinite(embargo))) {
    throw new Error(`walkForwardFolds: embargoMs must be finite and ≥ 0, got ${embargo}`);
  }

  // Distinct dates and the first sample of each; validate ordering.
  const dates: string[] = [];
  const dateStart: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = tradeDate[i] as string;
    const t = decisionTime[i] as number;
    if (!Number.isFinite(t)) throw new Error(`walkForwardFolds: decisionTime[${i}] = ${t}`);
    if (i > 0) {
      const prev = tradeDate[i - 1] as string;
      if (d < prev) {
        throw new Error(`walkForwardFolds: tradeDate decreases at ${i} (${prev} → ${d})`);
      }
      if (t < (decisionTime[i - 1] as number)) {
        throw new Error(`walkForwardFolds: decisionTime decreases at ${i}`);
      }
      if (d === prev) continue;
    }
    dates.push(d);
    dateStart.push(i);
  }
  dateStart.push(n);
  const m = dates.length;
  const total = trainDays + valDays + testDays;
  if (m < total) {
    throw new Error(
      `walkForwardFolds: need at least ${total} distinct trade dates for one fold ` +
        `(train ${trainDays} + val ${valDays} + test ${testDays}), got ${m}`,
    );
  }

  /** End of the longest prefix of [from, to) whose horizonEnd ≤ limit. */
  const purgeEnd = (from: number, to: number, limit: number): number => {
    for (let i = from; i < to; i++) if ((horizonEnd[i] as number) > limit) return i;
    return to;
  };
  /** Latest data time used by the samples of [from, to) (−∞ when empty). */
  const latest = (from: number, to: number): number => {
    let t = -Infinity;
    for (let i = from; i < to; i++) {
      const h = horizonEnd[i] as number;
      t = Math.max(t, decisionTime[i] as number, Number.isFinite(h) ? h : -Infinity);
    }
    return t;
  };
  /** Start of [from, to) after skipping samples with decisionTime < barrier. */
  const embargoStart = (from: number, to: number, barrier: number): number => {
    let i = from;
    while (i < to && (decisionTime[i] as number) < barrier) i++;
    return i;
  };
  const span = (a: number, b: number): readonly [string, string] => [
    dates[a] as string,
    dates[b - 1] as string,
  ];

  const folds: Fold[] = [];
  const count = foldCount(m, { ...options, stepDays: step });
  for (let f = 0; f < count; f++) {
    const s = f * step;
    const trD = options.expanding ? 0 : s;
    const vaD = s + trainDays;
    const teD = vaD + valDays;
    const endD = teD + testDays;
    const trA = dateStart[trD] as number;
    const vaA = dateStart[vaD] as number;
    const teA = dateStart[teD] as number;
    const teB = dateStart[endD] as number;

    const trEnd = purgeEnd(trA, vaA, decisionTime[vaA] as number);
    const vaEnd = purgeEnd(vaA, teA, decisionTime[teA] as number);
    const trLatest = latest(trA, trEnd);
    const vaStart = embargo > 0 ? embargoStart(vaA, vaEnd, trLatest + embargo) : vaA;
    const beforeTest = Math.max(trLatest, latest(vaStart, vaEnd));
    const teStart = embargo > 0 ? embargoStart(teA, teB, beforeTest + embargo) : teA;

    folds.push({
      index: f,
      train: { from: trA, to: trEnd },
      val: { from: vaStart, to: vaEnd },
      test: { from: teStart, to: teB },
      trainDates: span(trD, vaD),
      valDates: span(vaD, teD),
      testDates: span(teD, endD),
      purged: { train: vaA - trEnd, val: teA - vaEnd },
      embargoed: { val: vaStart - vaA, test: teStart - teA },
    });
  }
  return folds;
}
