/**
 * Batch labeller: 3-class bracket labels, close-to-close quantile targets and flags at every
 * five-minute decision bar (DOMAIN.md, "Labels for the pattern model").
 *
 * OFFLINE ONLY. Labels and targets look forward by construction; they are training targets,
 * never features. The label inputs (entry = close of bar t, stop distance s) use bars up to
 * and including t only: s comes from the same streaming `StopDistanceWindow` used live.
 *
 * Interpretations of DOMAIN.md taken here:
 * - Five-minute bars are aggregated from the given 1-minute bars (New York clock aligned).
 * - The horizon is a count of five-minute bars (50 = 250 minutes when no bucket is empty);
 *   the walk covers the 1-minute bars of five-minute bars t+1 … t+50, which may lie beyond
 *   a halt (flagged `FLAG_SESSION_CLOSE`, not cut).
 * - A bar belongs to the new contract when its start is ≥ a roll time. Nothing after a roll
 *   is used for a decision taken before it: the walk stops there (a label not decided by
 *   then is `LABEL_UNKNOWN`), and a target whose end bar closes in the new contract is NaN.
 *   Decisions after the roll use the new contract only going forward; their backward stop
 *   window may still contain old-contract bars, which is harmless as a range has no level.
 * - The Asia flag is taken at the decision instant (bar close), when an entry would be sent.
 */
import { isAsiaClock, nextSessionClose } from '@shared/calendar/session';
import { MINUTE_MS } from '@shared/domain/bar';
import { aggregateColumns } from '@shared/market/aggregate';
import type { BarColumns } from '@shared/market/bar-columns';
import { walkBrackets } from './bracket-walk';
import {
  FLAG_ASIA,
  FLAG_CENSORED,
  FLAG_END_OF_DATA,
  FLAG_ROLL,
  FLAG_SESSION_CLOSE,
  FLAG_WARMUP,
  LABEL_LONG,
  LABEL_NONE,
  LABEL_SHORT,
  LABEL_UNKNOWN,
  OUTCOME_OPEN,
  OUTCOME_STOP,
  OUTCOME_WIN,
  resolveLabelOptions,
  type LabelColumns,
  type LabelOptions,
} from './label-columns';
import { StopDistanceWindow } from './stop-distance';

const BAR_MS = 5 * MINUTE_MS;

/** For each five-minute bar k, the index of the first 1-minute bar after its bucket. */
function minuteEnds(minutes: BarColumns, bars: BarColumns): Int32Array {
  const ends = new Int32Array(bars.length);
  let j = 0;
  for (let k = 0; k < bars.length; k++) {
    const end = (bars.time[k] as number) + BAR_MS;
    while (j < minutes.length && (minutes.time[j] as number) < end) j++;
    ends[k] = j;
  }
  return ends;
}

function emptyColumns(n: number, targetHorizons: readonly number[]): LabelColumns {
  return {
    length: n,
    time: new Float64Array(n),
    decisionTime: new Float64Array(n),
    entry: new Float64Array(n),
    stop: new Float64Array(n),
    label: new Int8Array(n),
    longOutcome: new Int8Array(n),
    shortOutcome: new Int8Array(n),
    flags: new Uint8Array(n),
    horizonEnd: new Float64Array(n),
    targetHorizons,
    targetNames: targetHorizons.map((h) => `target.h${h}`),
    targets: targetHorizons.map(() => new Float64Array(n)),
  };
}

/** The class of a decided walk, or `LABEL_UNKNOWN` when the walk was cut before deciding. */
function classify(long: number, short: number, cut: boolean): number {
  if (long === OUTCOME_WIN && short === OUTCOME_WIN) {
    throw new Error('both brackets won: the stop distance must be positive');
  }
  if (long === OUTCOME_WIN) return LABEL_LONG;
  if (short === OUTCOME_WIN) return LABEL_SHORT;
  if (long === OUTCOME_STOP && short === OUTCOME_STOP) return LABEL_NONE;
  return cut ? LABEL_UNKNOWN : LABEL_NONE;
}

/**
 * Labels every five-minute bar aggregated from `minutes` (1-minute bars, strictly increasing
 * start times). Row t is the decision at the close of five-minute bar t.
 */
export function computeLabels(minutes: BarColumns, options: LabelOptions = {}): LabelColumns {
  const o = resolveLabelOptions(options);
  const bars = aggregateColumns(minutes, '5m');
  const n = bars.length;
  const out = emptyColumns(n, o.targetHorizons);
  const ends = minuteEnds(minutes, bars);
  const window = new StopDistanceWindow({
    window: o.stopWindow,
    multiplier: o.stopMultiplier,
    minTicks: o.minStopTicks,
    maxTicks: o.maxStopTicks,
  });
  const span = Math.max(o.horizonBars, ...o.targetHorizons);
  const rolls = o.rollTimes;
  const mTime = minutes.time;
  const lastMinute = (k: number): number => mTime[(ends[k] as number) - 1] as number;
  let rollIndex = 0;

  for (let t = 0; t < n; t++) {
    const start = bars.time[t] as number;
    const decision = start + BAR_MS;
    const entry = bars.close[t] as number;
    const s = window.push(bars.high[t] as number, bars.low[t] as number);
    const entryMinute = lastMinute(t);
    while (rollIndex < rolls.length && (rolls[rollIndex] as number) <= entryMinute) rollIndex++;
    const nextRoll = rollIndex < rolls.length ? (rolls[rollIndex] as number) : Infinity;

    let flags = isAsiaClock(decision) ? FLAG_ASIA : 0;
    const spanLast = Math.min(t + span, n - 1);
    if (t + span > n - 1) flags |= FLAG_END_OF_DATA;
    if (lastMinute(spanLast) >= nextRoll) flags |= FLAG_ROLL;

    const labelLast = Math.min(t + o.horizonBars, n - 1);
    const from = ends[t] as number;
    const horizonTo = ends[labelLast] as number;
    let to = horizonTo;
    let cut = t + o.horizonBars > n - 1;
    if (to > from && (mTime[to - 1] as number) >= nextRoll) {
      to = minutes.lowerBound(nextRoll);
      cut = true;
    }
    if (horizonTo > from && (mTime[horizonTo - 1] as number) >= nextSessionClose(entryMinute)) {
      flags |= FLAG_SESSION_CLOSE;
    }

    let label: number;
    if (Number.isNaN(s)) {
      flags |= FLAG_WARMUP | FLAG_CENSORED;
      out.longOutcome[t] = OUTCOME_OPEN;
      out.shortOutcome[t] = OUTCOME_OPEN;
      label = LABEL_UNKNOWN;
    } else {
      walkBrackets(
        minutes.high,
        minutes.low,
        from,
        to,
        entry,
        s,
        out.longOutcome,
        out.shortOutcome,
        t,
      );
      label = classify(out.longOutcome[t] as number, out.shortOutcome[t] as number, cut);
      if (label === LABEL_UNKNOWN) flags |= FLAG_CENSORED;
    }

    for (let i = 0; i < o.targetHorizons.length; i++) {
      const k = t + (o.targetHorizons[i] as number);
      const valid = k < n && lastMinute(k) < nextRoll;
      (out.targets[i] as Float64Array)[t] = valid ? (bars.close[k] as number) - entry : Number.NaN;
    }

    out.time[t] = start;
    out.decisionTime[t] = decision;
    out.entry[t] = entry;
    out.stop[t] = s;
    out.label[t] = label;
    out.flags[t] = flags;
    out.horizonEnd[t] = Math.min((bars.time[spanLast] as number) + BAR_MS, nextRoll);
  }
  return out;
}
