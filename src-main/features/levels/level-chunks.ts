/**
 * Splitting a long series into chunks whose levels can be computed independently (on
 * several threads) and still equal, to the bit, the levels of one run over the whole series.
 *
 * Why that holds. The engine's state at a decision bar depends on a bounded past only:
 * - VWAP sums restart with each hour, trade date, week and month;
 * - the session profile restarts with each trade date; the week profile is rebuilt from the
 *   last 5 trade dates when a date starts, and its value area and nodes start afresh then;
 * - the TPO restarts with each RTH session;
 * - the `complete` flags compare a period with the first one the engine saw.
 * So a chunk starts its rows at the first bar of a month (month VWAP restarts there) and
 * its engine `WARMUP_DATES` trade dates earlier (more than the 5 of the week profile, and
 * spanning a week boundary, so week VWAP has restarted and no row's period is the engine's
 * first). During the warm-up the levels are read on the decision schedule, as a whole run
 * reads them, so even state that carries from read to read within a day is the same.
 * `level-chunks.test.ts` checks equality on real and synthetic data.
 */
import type { BarColumns } from '@shared/market/bar-columns';
import { TICK_SIZE } from '@shared/domain/instrument';
import { AnchorClock } from './anchor-clock';

/** Trade dates an engine runs before the first row it writes. */
export const WARMUP_DATES = 10;

/** One chunk: its engine starts at `firstBar`, reads rows from `warmRow`, writes rowFrom..rowTo − 1. */
export interface LevelChunk {
  readonly firstBar: number;
  readonly warmRow: number;
  readonly rowFrom: number;
  readonly rowTo: number;
}

/** First index in the increasing `xs[0..n − 1]` whose value is ≥ x (n when none). */
function lowerBound(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A bar's share of the engine's work, for balancing chunks: spreading its volume costs per
 * tick of its range, and a decision's analysis grows with the ranges traded too (a quiet
 * month costs half as much per bar as a volatile one); the constant is the per-bar rest.
 */
function barWeight(high: number, low: number): number {
  return (high - low) / TICK_SIZE + 4;
}

/**
 * Chunks of the rows of `decisions` (increasing bar indices into `bars`) cut at month starts
 * near the shares of the work in `cuts` (each in (0, 1), increasing; 0.5 halves the work,
 * weighing each bar by its range). A cut with no month start that has `WARMUP_DATES` trade
 * dates before it (or none after the previous cut) is dropped, so short series give fewer
 * chunks, down to one.
 */
export function planLevelChunks(
  bars: BarColumns,
  decisions: Int32Array,
  cuts: readonly number[],
): LevelChunk[] {
  const n = bars.length;
  const time = bars.time;
  // First bar of each trade date, the work before it, and whether it starts a month.
  const clock = new AnchorClock(30);
  const dateStarts: number[] = [];
  const workBefore: number[] = [];
  const monthStart: boolean[] = [];
  let day = Number.NaN;
  let month = Number.NaN;
  let work = 0;
  for (let i = 0; i < n; i++) {
    clock.update(time[i] as number);
    if (clock.dayKey !== day) {
      day = clock.dayKey;
      dateStarts.push(i);
      workBefore.push(work);
      monthStart.push(!Number.isNaN(month) && clock.monthKey !== month);
      month = clock.monthKey;
    }
    work += barWeight(bars.high[i] as number, bars.low[i] as number);
  }
  // Month starts with enough warm-up before them, as date positions.
  const candidates: number[] = [];
  for (let d = WARMUP_DATES; d < dateStarts.length; d++) if (monthStart[d]) candidates.push(d);
  const chosen: number[] = [];
  for (const share of cuts) {
    const target = share * work;
    let best = -1;
    for (const d of candidates) {
      if (chosen.length > 0 && d <= (chosen[chosen.length - 1] as number)) continue;
      if (
        best < 0 ||
        Math.abs((workBefore[d] as number) - target) <
          Math.abs((workBefore[best] as number) - target)
      ) {
        best = d;
      }
    }
    if (best >= 0) chosen.push(best);
  }
  const chunks: LevelChunk[] = [];
  let rowFrom = 0;
  let firstBar = 0;
  let warmRow = 0;
  for (const d of chosen) {
    const rowTo = lowerBound(decisions, dateStarts[d] as number);
    if (rowTo <= rowFrom) continue;
    chunks.push({ firstBar, warmRow, rowFrom, rowTo });
    firstBar = dateStarts[d - WARMUP_DATES] as number;
    warmRow = lowerBound(decisions, firstBar);
    rowFrom = rowTo;
  }
  chunks.push({ firstBar, warmRow, rowFrom, rowTo: decisions.length });
  return chunks;
}
