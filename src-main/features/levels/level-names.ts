/**
 * The level columns the engine writes, their flag bits and which flag guards which column.
 * Prices are index points. VWAP bands are not stored: VWAP ± k·σ (`vwapBand`).
 * `…Above` = the nearest such level at or above the decision bar's close, `…Below` = the
 * nearest strictly below it; NaN when the profile has none on that side.
 */

/** Every level column, in storage order. */
export const LEVEL_NAMES = [
  'vwapHour',
  'sigmaHour',
  'vwapDay',
  'sigmaDay',
  'vwapWeek',
  'sigmaWeek',
  'vwapMonth',
  'sigmaMonth',
  'sessionPoc',
  'sessionVah',
  'sessionVal',
  'sessionHvnAbove',
  'sessionHvnBelow',
  'sessionLvnAbove',
  'sessionLvnBelow',
  'weekPoc',
  'weekVah',
  'weekVal',
  'weekHvnAbove',
  'weekHvnBelow',
  'weekLvnAbove',
  'weekLvnBelow',
  'tpoPoc',
  'tpoVah',
  'tpoVal',
  'ibHigh',
  'ibLow',
  'singlePrintAbove',
  'singlePrintBelow',
] as const;

/** Name of one level column. */
export type LevelName = (typeof LEVEL_NAMES)[number];

/** Number of level columns. */
export const LEVEL_COUNT = LEVEL_NAMES.length;

/** Column index of each level (`values[LEVEL.vwapDay]`). */
export const LEVEL = Object.fromEntries(LEVEL_NAMES.map((name, i) => [name, i])) as {
  readonly [K in LevelName]: number;
};

/**
 * Flag bits of the `defined` and `complete` columns.
 * - defined: the group's levels are known (NaN otherwise). Volume groups are undefined
 *   while their period has no volume or holds a bar whose volume is absent; the initial
 *   balance until periods A and B are over (it is their range, not known while it forms).
 * - complete: the group's period lies wholly after the first bar pushed, so no part of it
 *   was cut off by the start of the data (warm-up rows lack it). The week profile also
 *   needs its full window of trade dates.
 */
export const LevelBit = {
  hourVwap: 1 << 0,
  dayVwap: 1 << 1,
  weekVwap: 1 << 2,
  monthVwap: 1 << 3,
  sessionProfile: 1 << 4,
  weekProfile: 1 << 5,
  tpo: 1 << 6,
  initialBalance: 1 << 7,
} as const;

/** Name of one flag bit. */
export type LevelGroup = keyof typeof LevelBit;

/** Every flag bit set. */
export const ALL_LEVEL_BITS = Object.values(LevelBit).reduce((a, b) => a | b, 0);

/** The flag bit that guards each column. */
export const LEVEL_GROUP: { readonly [K in LevelName]: LevelGroup } = {
  vwapHour: 'hourVwap',
  sigmaHour: 'hourVwap',
  vwapDay: 'dayVwap',
  sigmaDay: 'dayVwap',
  vwapWeek: 'weekVwap',
  sigmaWeek: 'weekVwap',
  vwapMonth: 'monthVwap',
  sigmaMonth: 'monthVwap',
  sessionPoc: 'sessionProfile',
  sessionVah: 'sessionProfile',
  sessionVal: 'sessionProfile',
  sessionHvnAbove: 'sessionProfile',
  sessionHvnBelow: 'sessionProfile',
  sessionLvnAbove: 'sessionProfile',
  sessionLvnBelow: 'sessionProfile',
  weekPoc: 'weekProfile',
  weekVah: 'weekProfile',
  weekVal: 'weekProfile',
  weekHvnAbove: 'weekProfile',
  weekHvnBelow: 'weekProfile',
  weekLvnAbove: 'weekProfile',
  weekLvnBelow: 'weekProfile',
  tpoPoc: 'tpo',
  tpoVah: 'tpo',
  tpoVal: 'tpo',
  ibHigh: 'initialBalance',
  ibLow: 'initialBalance',
  singlePrintAbove: 'tpo',
  singlePrintBelow: 'tpo',
};

/** Columns that may be NaN even when their group is defined: nothing on that side. */
export const SIDED_LEVELS: ReadonlySet<LevelName> = new Set<LevelName>([
  'sessionHvnAbove',
  'sessionHvnBelow',
  'sessionLvnAbove',
  'sessionLvnBelow',
  'weekHvnAbove',
  'weekHvnBelow',
  'weekLvnAbove',
  'weekLvnBelow',
  'singlePrintAbove',
  'singlePrintBelow',
]);
