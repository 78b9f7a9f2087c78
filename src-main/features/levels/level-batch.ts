/**
 * Batch levels: the streaming LevelEngine run over a whole BarColumns, its levels written
 * at each decision bar. There is no second implementation to drift from the streaming one.
 */
import type { BarColumns } from '@shared/market/bar-columns';
import { checkDecisions, LevelColumns } from './level-columns';
import { LevelEngine } from './level-engine';
import type { LevelOptions } from './level-options';

/**
 * Batch: runs one LevelEngine over `bars` and writes the levels after each decision bar
 * (strictly increasing indices, e.g. `decisionBars(bars.time, bars.length, 5)`).
 */
export function computeLevels(
  bars: BarColumns,
  decisions: Int32Array,
  options: LevelOptions = {},
): LevelColumns {
  checkDecisions(decisions, bars.length);
  const out = new LevelColumns(decisions.length);
  fillLevels(bars, 0, decisions, 0, 0, decisions.length, out, options);
  return out;
}

/**
 * One LevelEngine pushed bars `bars[0..]`, which are the input's bars from index `barOffset`
 * on, writing rows `from..to - 1` of `out` (row r: the levels after input bar decisions[r]).
 * Rows `warm..from - 1` are read but not written: a chunk of a longer series starts early
 * enough to warm up and reads its levels on the same schedule as a whole run would
 * (`level-chunks.ts`).
 */
export function fillLevels(
  bars: BarColumns,
  barOffset: number,
  decisions: Int32Array,
  warm: number,
  from: number,
  to: number,
  out: LevelColumns,
  options: LevelOptions = {},
): void {
  if (to > warm) {
    const first = (decisions[warm] as number) - barOffset;
    const last = (decisions[to - 1] as number) - barOffset;
    if (first < 0 || last >= bars.length) {
      throw new RangeError(
        `decision bars ${first + barOffset}..${last + barOffset} are outside bars ${barOffset}..${barOffset + bars.length - 1}`,
      );
    }
  }
  const engine = new LevelEngine(options);
  let i = 0;
  for (let row = warm; row < to; row++) {
    const at = decisions[row] as number;
    const until = at - barOffset;
    for (; i <= until; i++) engine.pushFrom(bars, i);
    if (row < from) {
      engine.levels();
      continue;
    }
    engine.writeRow(out, row);
    out.index[row] = at;
    out.time[row] = bars.time[until] as number;
  }
}
