/**
 * The forward walk of one decision's two 2:1 brackets over 1-minute bars.
 *
 * Long: stop = entry − s, target = entry + 2s. Short: stop = entry + s, target = entry − 2s.
 * A level is reached when a bar touches it (high ≥ level above, low ≤ level below). Within
 * one 1-minute bar the order of the high and the low is unknown, so when a bar reaches a
 * side's stop AND its target, that side counts as stopped (conservative):
 *   long  stopped when low ≤ entry − s, even if the same bar's high ≥ entry + 2s;
 *   short stopped when high ≥ entry + s, even if the same bar's low ≤ entry − 2s.
 * Each side is judged only on its own two levels.
 *
 * Why the two wins exclude each other (s > 0): if long wins at bar j, bar j has
 * high ≥ entry + 2s > entry + s, so the short is stopped at or before j; it would have to
 * win strictly earlier, at a bar k < j with low ≤ entry − 2s < entry − s, which would have
 * stopped the long before j. Hence at most one side wins.
 */
import { OUTCOME_OPEN, OUTCOME_STOP, OUTCOME_WIN } from './label-columns';

// Module-local copies: a transpiler may turn imported bindings into getter calls on the
// module object (CommonJS output), which costs several times the loop body itself.
const OPEN = OUTCOME_OPEN;
const STOP = OUTCOME_STOP;
const WIN = OUTCOME_WIN;

/**
 * Walks 1-minute bars [from, to) and writes each side's outcome into `longOut[row]` and
 * `shortOut[row]`. Stops as soon as both sides are decided. Allocates nothing.
 */
export function walkBrackets(
  high: Float64Array,
  low: Float64Array,
  from: number,
  to: number,
  entry: number,
  s: number,
  longOut: Int8Array,
  shortOut: Int8Array,
  row: number,
): void {
  const longStop = entry - s;
  const longTarget = entry + 2 * s;
  const shortStop = entry + s;
  const shortTarget = entry - 2 * s;
  let long = OPEN;
  let short = OPEN;
  for (let j = from; j < to; j++) {
    const h = high[j] as number;
    const l = low[j] as number;
    if (long === OPEN) {
      if (l <= longStop) long = STOP;
      else if (h >= longTarget) long = WIN;
    }
    if (short === OPEN) {
      if (h >= shortStop) short = STOP;
      else if (l <= shortTarget) short = WIN;
    }
    if (long !== OPEN && short !== OPEN) break;
  }
  longOut[row] = long;
  shortOut[row] = short;
}
