/**
 * Price levels from 1-minute bars (DOMAIN.md, "Price levels"): VWAP ± σ bands per hour, day,
 * week and month; session and rolling 5-day volume profiles with POC, value area, HVN/LVN;
 * the RTH TPO profile with POC, value area, initial balance and single prints.
 *
 * Streaming: `new LevelEngine()`, `push` each closed minute, read `levels()` / `level(name)`
 * with the `defined` and `complete` flag sets. Batch: `computeLevels(bars, decisions)` with
 * decisions = `decisionBars(bars.time, bars.length, 5)` runs that same engine and returns
 * `LevelColumns`. Charts: `vwapView`, `volumeProfileView`,
 * `tpoView`. Throughput: `benchLevels`.
 */
export { computeLevels } from './level-batch';
export { benchLevels } from './level-bench';
export { checkDecisions, decisionBars, everyBar, LevelColumns } from './level-columns';
export { LevelEngine, VWAP_ANCHORS, type VwapAnchor } from './level-engine';
export {
  ALL_LEVEL_BITS,
  LEVEL,
  LEVEL_COUNT,
  LEVEL_GROUP,
  LEVEL_NAMES,
  LevelBit,
  SIDED_LEVELS,
  type LevelGroup,
  type LevelName,
} from './level-names';
export { resolveLevelOptions, type LevelOptions, type ResolvedLevelOptions } from './level-options';
export {
  tpoLetter,
  tpoView,
  volumeProfileView,
  vwapView,
  type ProfileView,
  type TpoView,
  type VolumeProfileView,
  type VwapView,
} from './level-views';
export { vwapBand } from './vwap-accumulator';
