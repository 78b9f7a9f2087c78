/**
 * Features from the price levels at each 5-minute decision bar, scale-free: distances are
 * in units of the median 5-minute range of the last 24 bars (a trader's "how many normal
 * bars away"), VWAP distances also in σ and in ticks. A level group that is not defined on a
 * row (no TPO before the RTH open, no volume profile without volume) gives 0 with its
 * `…_defined` column at 0 — a state the model can read, not missing data. Rows whose
 * groups were cut off by the start of the data are warm-up (see `complete`).
 *
 * A VWAP's slope is its change per decision bar over the last `SLOPE_ROWS` rows of its own
 * anchor period, in median ranges: an anchored VWAP starts afresh with its period, so the
 * VWAP of the period before is not compared. Rows of a period younger than that use the rows
 * it has; its first row has no slope (0). The periods are the engine's (`AnchorClock`).
 */
import { TICK_SIZE } from '@shared/domain/instrument';
import { AnchorClock } from './levels/anchor-clock';
import type { LevelColumns } from './levels/level-columns';
import { LevelBit } from './levels/level-names';

const ANCHORS = [
  ['h', 'vwapHour', 'sigmaHour', LevelBit.hourVwap],
  ['d', 'vwapDay', 'sigmaDay', LevelBit.dayVwap],
  ['w', 'vwapWeek', 'sigmaWeek', LevelBit.weekVwap],
  ['m', 'vwapMonth', 'sigmaMonth', LevelBit.monthVwap],
] as const;
const PROFILES = [
  ['s', 'session', LevelBit.sessionProfile],
  ['w', 'week', LevelBit.weekProfile],
] as const;

/** Far away (or no such level on that side): capped at this many median ranges. */
const CAP = 50;
const SLOPE_ROWS = 6;

export const LEVEL_FEATURES: readonly string[] = [
  ...ANCHORS.flatMap(([a]) => [
    `lvl.vwap_${a}_z`,
    `lvl.vwap_${a}_ticks`,
    `lvl.vwap_${a}_band`,
    `lvl.vwap_${a}_slope`,
    `lvl.vwap_${a}_defined`,
  ]),
  ...PROFILES.flatMap(([p]) => [
    `lvl.vp_${p}_poc`,
    `lvl.vp_${p}_vah`,
    `lvl.vp_${p}_val`,
    `lvl.vp_${p}_in_va`,
    `lvl.vp_${p}_va_width`,
    `lvl.vp_${p}_hvn`,
    `lvl.vp_${p}_lvn`,
    `lvl.vp_${p}_defined`,
  ]),
  'lvl.tpo_poc',
  'lvl.tpo_shape',
  'lvl.tpo_single_above',
  'lvl.tpo_single_below',
  'lvl.tpo_defined',
  'lvl.ib_range',
  'lvl.ib_pos',
  'lvl.ib_defined',
];

interface Anchor {
  readonly vwap: Float64Array;
  readonly sigma: Float64Array;
  readonly bit: number;
  readonly z: Float64Array;
  readonly ticks: Float64Array;
  readonly band: Float64Array;
  readonly slope: Float64Array;
  readonly defined: Float64Array;
}

const clampCap = (x: number): number =>
  Number.isFinite(x) ? Math.max(-CAP, Math.min(CAP, x)) : CAP;

/**
 * Fills the level features of rows from..to − 1. `close[i]` and `scale[i]` (median 5-minute
 * range) belong to the same decision bars as `levels` rows. Sets `warm[i]` to 1 on the rows
 * whose level groups are warm-up and leaves the others as they are (the caller's flags from
 * the other features stay), so nothing is allocated per call: the stream calls it per row.
 */
export function levelFeatures(
  levels: LevelColumns,
  close: Float64Array,
  scale: Float64Array,
  out: Record<string, Float64Array>,
  warm: Uint8Array,
  /** Rows [from, to) are written (the stream writes one row at a time). */
  from = 0,
  to = levels.length,
): void {
  const n = to;
  const L = levels.level;
  const col = (name: string): Float64Array => {
    const c = out[name];
    if (!c) throw new Error(`no output column ${name}`);
    return c;
  };
  // Column references resolved once, not per row.
  const anchors: Anchor[] = ANCHORS.map(([a, vw, sg, bit]) => ({
    vwap: L[vw],
    sigma: L[sg],
    bit,
    z: col(`lvl.vwap_${a}_z`),
    ticks: col(`lvl.vwap_${a}_ticks`),
    band: col(`lvl.vwap_${a}_band`),
    slope: col(`lvl.vwap_${a}_slope`),
    defined: col(`lvl.vwap_${a}_defined`),
  }));
  const profiles = PROFILES.map(([p, key, bit]) => ({
    bit,
    poc: L[`${key}Poc`],
    vah: L[`${key}Vah`],
    val: L[`${key}Val`],
    hvnA: L[`${key}HvnAbove`],
    hvnB: L[`${key}HvnBelow`],
    lvnA: L[`${key}LvnAbove`],
    lvnB: L[`${key}LvnBelow`],
    oPoc: col(`lvl.vp_${p}_poc`),
    oVah: col(`lvl.vp_${p}_vah`),
    oVal: col(`lvl.vp_${p}_val`),
    oIn: col(`lvl.vp_${p}_in_va`),
    oWidth: col(`lvl.vp_${p}_va_width`),
    oHvn: col(`lvl.vp_${p}_hvn`),
    oLvn: col(`lvl.vp_${p}_lvn`),
    oDef: col(`lvl.vp_${p}_defined`),
  }));
  const tPoc = col('lvl.tpo_poc');
  const tShape = col('lvl.tpo_shape');
  const tSpA = col('lvl.tpo_single_above');
  const tSpB = col('lvl.tpo_single_below');
  const tDef = col('lvl.tpo_defined');
  const ibRange = col('lvl.ib_range');
  const ibPos = col('lvl.ib_pos');
  const ibDef = col('lvl.ib_defined');
  // One group at a time over all rows: each loop is small and monomorphic, so V8 inlines
  // everything in it and no number is boxed (row-at-a-time over the group objects was not).
  const def = levels.defined;
  const complete = levels.complete;
  // Anchor keys of the rows the slopes reach back to.
  const first = Math.max(0, from - SLOPE_ROWS);
  const keys = anchorKeys(levels.time, first, n);
  for (let ai = 0; ai < anchors.length; ai++) {
    const { vwap, sigma, bit, z: oZ, ticks, band, slope, defined } = anchors[ai] as Anchor;
    for (let i = from; i < n; i++) {
      const c = close[i] as number;
      const on = ((def[i] as number) & bit) !== 0;
      if (on && ((complete[i] as number) & bit) === 0) warm[i] = 1;
      const v = vwap[i] as number;
      const sd = sigma[i] as number;
      const z = on ? (sd > 0 ? (c - v) / sd : 0) : 0;
      oZ[i] = z;
      ticks[i] = on ? (c - v) / TICK_SIZE : 0;
      band[i] = on ? Math.sign(z) * Math.min(3, Math.floor(Math.abs(z))) : 0;
      // The earliest of the last SLOPE_ROWS rows in the same period with the VWAP defined.
      const key = keys[4 * (i - first) + ai] as number;
      let j = i;
      for (let k = Math.max(first, i - SLOPE_ROWS); k < i; k++) {
        if (keys[4 * (k - first) + ai] === key && ((def[k] as number) & bit) !== 0) {
          j = k;
          break;
        }
      }
      const s = scale[i] as number;
      slope[i] = on && j < i && s > 0 ? (v - (vwap[j] as number)) / ((i - j) * s) : 0;
      defined[i] = on ? 1 : 0;
    }
  }
  for (const p of profiles) {
    const { bit, poc, vah: vahs, val: vals, hvnA, hvnB, lvnA, lvnB } = p;
    const { oPoc, oVah, oVal, oIn, oWidth, oHvn, oLvn, oDef } = p;
    for (let i = from; i < n; i++) {
      const c = close[i] as number;
      const s = (scale[i] as number) > 0 ? (scale[i] as number) : Number.NaN;
      const has = ((def[i] as number) & bit) !== 0;
      const on = has && Number.isFinite(s);
      if (has && ((complete[i] as number) & bit) === 0) warm[i] = 1;
      const vah = vahs[i] as number;
      const val = vals[i] as number;
      oPoc[i] = on ? (c - (poc[i] as number)) / s : 0;
      oVah[i] = on ? (c - vah) / s : 0;
      oVal[i] = on ? (c - val) / s : 0;
      oIn[i] = on ? (c > vah ? 1 : c < val ? -1 : 0) : 0;
      oWidth[i] = on ? (vah - val) / s : 0;
      oHvn[i] = on ? nearest(c, hvnA[i] as number, hvnB[i] as number) / s : 0;
      oLvn[i] = on ? nearest(c, lvnA[i] as number, lvnB[i] as number) / s : 0;
      oDef[i] = on ? 1 : 0;
    }
  }
  for (let i = from; i < n; i++) {
    const c = close[i] as number;
    const s = (scale[i] as number) > 0 ? (scale[i] as number) : Number.NaN;
    const d = def[i] as number;
    const tpoOn = (d & LevelBit.tpo) !== 0 && Number.isFinite(s);
    const cut = complete[i] as number;
    // A TPO or initial balance whose RTH began before the data did is only part of one.
    if (tpoOn && (cut & LevelBit.tpo) === 0) warm[i] = 1;
    const tVah = L.tpoVah[i] as number;
    const tVal = L.tpoVal[i] as number;
    const tpoPoc = L.tpoPoc[i] as number;
    tPoc[i] = tpoOn ? (c - tpoPoc) / s : 0;
    tShape[i] = tpoOn && tVah > tVal ? (tpoPoc - (tVah + tVal) / 2) / (tVah - tVal) : 0;
    const spA = L.singlePrintAbove[i] as number;
    const spB = L.singlePrintBelow[i] as number;
    tSpA[i] = tpoOn ? (Number.isFinite(spA) ? (spA - c) / s : Infinity) : 0;
    tSpB[i] = tpoOn ? (Number.isFinite(spB) ? (c - spB) / s : Infinity) : 0;
    tDef[i] = tpoOn ? 1 : 0;
    const ibOn = (d & LevelBit.initialBalance) !== 0 && Number.isFinite(s);
    if (ibOn && (cut & LevelBit.initialBalance) === 0) warm[i] = 1;
    const ibH = L.ibHigh[i] as number;
    const ibL = L.ibLow[i] as number;
    ibRange[i] = ibOn ? (ibH - ibL) / s : 0;
    ibPos[i] = ibOn && ibH > ibL ? (c - ibL) / (ibH - ibL) : 0;
    ibDef[i] = ibOn ? 1 : 0;
  }
  // Far or missing levels are capped, in one small pass per column (see `clampColumns`).
  clampColumns(
    [
      ...anchors.flatMap((a) => [a.z, a.slope]),
      ...profiles.flatMap((p) => [p.oPoc, p.oVah, p.oVal, p.oWidth, p.oHvn, p.oLvn]),
      tPoc,
      tSpA,
      tSpB,
      ibRange,
      ibPos,
    ],
    from,
    n,
  );
}

/**
 * Hour, day, week and month keys of rows from..to − 1 (four per row), from the time of each
 * row's 1-minute bar: the engine's own anchor rules, not a second copy of them.
 */
function anchorKeys(time: Float64Array, from: number, to: number): Float64Array {
  const clock = new AnchorClock(30);
  const keys = new Float64Array(4 * Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    clock.update(time[i] as number);
    const k = 4 * (i - from);
    keys[k] = clock.hourKey;
    keys[k + 1] = clock.dayKey;
    keys[k + 2] = clock.weekKey;
    keys[k + 3] = clock.monthKey;
  }
  return keys;
}

/**
 * Caps rows from..to-1 of each column to ±CAP (non-finite → CAP), as its own loop: inside
 * the big row loops V8 ran out of inlining budget and boxed every value passed to it.
 */
function clampColumns(columns: readonly Float64Array[], from: number, to: number): void {
  for (const c of columns) {
    for (let i = from; i < to; i++) c[i] = clampCap(c[i] as number);
  }
}

/** Distance from c to the nearer of a level above and one below (Infinity when neither). */
function nearest(c: number, above: number, below: number): number {
  return Math.min(
    Number.isFinite(above) ? above - c : Infinity,
    Number.isFinite(below) ? c - below : Infinity,
  );
}
