/**
 * Snapshots of the engine's current levels for drawing: VWAP bands, whole volume profiles
 * with their nodes, and the TPO profile with its letters per bin. They copy and allocate,
 * so they are for the chart and IPC, not for per-bar loops (use `LevelEngine.levels()`).
 */
import { LevelBit } from './level-names';
import { VWAP_ANCHORS, type LevelEngine, type VwapAnchor } from './level-engine';
import type { ProfileLevels } from './profile-levels';
import type { TickHistogram } from './tick-histogram';
import { vwapBand } from './vwap-accumulator';

/** VWAP of one anchor with its ±1/2/3σ bands. */
export interface VwapView {
  readonly vwap: number;
  readonly sigma: number;
  /** VWAP + kσ for k = 1, 2, 3. */
  readonly upper: readonly [number, number, number];
  /** VWAP − kσ for k = 1, 2, 3. */
  readonly lower: readonly [number, number, number];
  readonly complete: boolean;
}

/** A volume or TPO profile: bin k is the price `low + k · tickSize`. */
export interface ProfileView {
  readonly low: number;
  readonly tickSize: number;
  /** Volume (or TPO count) per bin. */
  readonly values: Float64Array;
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
  readonly complete: boolean;
}

/** A volume profile with its nodes. */
export interface VolumeProfileView extends ProfileView {
  readonly hvn: readonly number[];
  readonly lvn: readonly number[];
  /** Mean of the non-empty smoothed bins (the HVN/LVN thresholds are multiples of it). */
  readonly smoothMean: number;
}

/** The TPO profile of the latest RTH session (the current one during RTH). */
export interface TpoView extends ProfileView {
  /** Letters of the periods that marked each bin, e.g. 'ABE' (A = 09:30–10:00 ET). */
  readonly letters: readonly string[];
  /** Letter of the latest period. */
  readonly period: string;
  readonly ibHigh: number;
  readonly ibLow: number;
  /** Periods A and B are over (the initial balance is final). */
  readonly ibFinal: boolean;
  /** Single-print runs, each [low, high] price. */
  readonly singlePrints: readonly (readonly [number, number])[];
}

/** The letter of TPO period `p` (0 → 'A'). */
export function tpoLetter(p: number): string {
  return String.fromCharCode(65 + p);
}

/** VWAP and bands of `anchor`, or null while undefined. */
export function vwapView(engine: LevelEngine, anchor: VwapAnchor): VwapView | null {
  const a = VWAP_ANCHORS.indexOf(anchor);
  const bit = [LevelBit.hourVwap, LevelBit.dayVwap, LevelBit.weekVwap, LevelBit.monthVwap][a];
  const row = engine.levels();
  if ((engine.defined & (bit as number)) === 0) return null;
  const vwap = row[2 * a] as number;
  const sigma = row[2 * a + 1] as number;
  const band = (k: number): number => vwapBand(vwap, sigma, k);
  return {
    vwap,
    sigma,
    upper: [band(1), band(2), band(3)],
    lower: [band(-1), band(-2), band(-3)],
    complete: (engine.complete & (bit as number)) !== 0,
  };
}

function profileOf(
  h: TickHistogram,
  pl: ProfileLevels,
  ts: number,
  complete: boolean,
): ProfileView {
  return {
    low: h.lo * ts,
    tickSize: ts,
    values: h.data.slice(h.from, h.from + h.size),
    poc: pl.poc * ts,
    vah: pl.vah * ts,
    val: pl.val * ts,
    complete,
  };
}

/** The session or week volume profile, or null while undefined. */
export function volumeProfileView(
  engine: LevelEngine,
  which: 'session' | 'week',
): VolumeProfileView | null {
  const bit = which === 'session' ? LevelBit.sessionProfile : LevelBit.weekProfile;
  engine.levels();
  if ((engine.defined & bit) === 0) return null;
  const h = which === 'session' ? engine.profiles.session : engine.profiles.week;
  const pl = which === 'session' ? engine.sessionLevels : engine.weekLevels;
  const ts = engine.options.tickSize;
  const price = (tick: number): number => tick * ts;
  return {
    ...profileOf(h, pl, ts, (engine.complete & bit) !== 0),
    hvn: h.allNodes(1).map(price),
    lvn: h.allNodes(-1).map(price),
    smoothMean: h.smoothMean,
  };
}

/** The latest RTH session's TPO profile, or null before the first RTH bar. */
export function tpoView(engine: LevelEngine): TpoView | null {
  engine.levels();
  if ((engine.defined & LevelBit.tpo) === 0) return null;
  const tpo = engine.tpo;
  const h = tpo.bins;
  const ts = engine.options.tickSize;
  const masks = h.masks;
  const letters: string[] = [];
  for (let k = h.from; k < h.from + h.size; k++) {
    let s = '';
    for (let p = 0; p <= tpo.period; p++) if (((masks[k] as number) >>> p) & 1) s += tpoLetter(p);
    letters.push(s);
  }
  const singlePrints: [number, number][] = [];
  for (let r = 0; r < tpo.singleCount; r++) {
    singlePrints.push([
      (tpo.singles[2 * r] as number) * ts,
      (tpo.singles[2 * r + 1] as number) * ts,
    ]);
  }
  return {
    ...profileOf(h, tpo.levels, ts, (engine.complete & LevelBit.tpo) !== 0),
    letters,
    period: tpoLetter(tpo.period),
    // Forming during periods A and B: the chart shows it; the level columns only once final.
    ibHigh: tpo.ibHigh,
    ibLow: tpo.ibLow,
    ibFinal: (engine.defined & LevelBit.initialBalance) !== 0,
    singlePrints,
  };
}
