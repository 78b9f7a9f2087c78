/**
 * The engine's profile snapshots (`level-views.ts`) in their wire form: trimmed to the
 * profile's range (the views already are), NaN as null, and bounded — a profile wider than
 * PROFILE_MAX_BINS is merged into bins of several ticks, so a runaway range cannot make a
 * message of unbounded size.
 */
import {
  PROFILE_MAX_BINS,
  type TpoProfileWire,
  type VolumeProfileWire,
} from '@shared/contracts/level-overlay';
import type { LevelEngine } from '../features/levels/level-engine';
import { tpoView, volumeProfileView } from '../features/levels/level-views';

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Bins merged per wire bin so that `size` bins fit the bound. */
function mergeFactor(size: number): number {
  return Math.max(1, Math.ceil(size / PROFILE_MAX_BINS));
}

function mergeVolumes(values: Float64Array, k: number): number[] {
  if (k === 1) return Array.from(values);
  const out: number[] = [];
  for (let i = 0; i < values.length; i += k) {
    let sum = 0;
    for (let j = i; j < Math.min(i + k, values.length); j++) sum += values[j] as number;
    out.push(sum);
  }
  return out;
}

function mergeLetters(letters: readonly string[], k: number): string[] {
  if (k === 1) return [...letters];
  const out: string[] = [];
  for (let i = 0; i < letters.length; i += k) {
    const set = new Set(letters.slice(i, i + k).join(''));
    out.push([...set].sort().join(''));
  }
  return out;
}

/**
 * The fields every profile sends: its grid (bins merged by `k`), POC, value area,
 * completeness; prices moved by the roll offset `g` (see `level-overlay.ts`).
 */
function profileHead(
  v: { low: number; tickSize: number; poc: number; vah: number; val: number; complete: boolean },
  k: number,
  g: number,
) {
  return {
    low: v.low + g,
    binSize: v.tickSize * k,
    poc: v.poc + g,
    vah: v.vah + g,
    val: v.val + g,
    complete: v.complete,
  };
}

/**
 * The session or week volume profile spanning minutes `from`..`to`, or null while
 * undefined; prices moved by the roll offset `g` of the engine's last minute.
 */
export function volumeProfileWire(
  engine: LevelEngine,
  which: 'session' | 'week',
  from: number,
  to: number,
  g = 0,
): VolumeProfileWire | null {
  const v = volumeProfileView(engine, which);
  if (!v) return null;
  const k = mergeFactor(v.values.length);
  return {
    ...profileHead(v, k, g),
    from,
    to,
    volumes: mergeVolumes(v.values, k),
    hvn: v.hvn.map((p) => p + g),
    lvn: v.lvn.map((p) => p + g),
  };
}

/** The latest RTH session's TPO profile, or null before the first RTH minute (roll offset g). */
export function tpoWire(engine: LevelEngine, g = 0): TpoProfileWire | null {
  const v = tpoView(engine);
  if (!v) return null;
  const k = mergeFactor(v.letters.length);
  return {
    ...profileHead(v, k, g),
    rthOpen: engine.tpo.rthOpen,
    periodMinutes: engine.options.tpoPeriodMinutes,
    period: Math.max(0, engine.tpo.period),
    letters: mergeLetters(v.letters, k),
    ibHigh: finiteOrNull(v.ibHigh + g),
    ibLow: finiteOrNull(v.ibLow + g),
    ibFinal: v.ibFinal,
    singlePrints: v.singlePrints.map(([lo, hi]) => [lo + g, hi + g] as [number, number]),
  };
}
