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
  const engine = new LevelEngine(options);
  const out = new LevelColumns(decisions.length);
  let i = 0;
  for (let row = 0; row < decisions.length; row++) {
    const until = decisions[row] as number;
    for (; i <= until; i++) engine.pushFrom(bars, i);
    engine.writeRow(out, row);
    out.index[row] = until;
    out.time[row] = bars.time[until] as number;
  }
  return out;
}
