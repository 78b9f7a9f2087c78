/**
 * HVN / LVN rules (DOMAIN.md: smooth with a centred 9-bin moving average; an HVN is the
 * maximum within ±20 bins and ≥ 1.5 × the mean of the non-empty smoothed bins, an LVN the
 * minimum within ±20 bins and ≤ 0.5 × that mean, inside the profile's range).
 *
 * Choices made explicit:
 * - Smoothing: bin x averages raw bins x − h .. x + h (h = (smoothBins − 1) / 2), bins
 *   beyond the range counting as empty (nothing traded there). The smoothed profile thus
 *   reaches h bins past each end; those tail bins count among the non-empty bins of the
 *   mean, and the ±window comparison sees them and the empty bins beyond. An LVN therefore
 *   needs higher ground on both sides: the thinning tails at a session's extremes are not
 *   LVNs; a valley between two volume areas (or a gap in a week profile) is.
 * - The engine keeps the smoothed values as bars arrive (`VolumeHistogram`), never at query
 *   time, so they do not depend on when levels are read: levels read after every bar equal
 *   levels read every fifth bar, to the bit.
 * - Plateaus: adjacent bins with equal smoothed values (within TIE_TOLERANCE) form one run,
 *   tested once at its centre bin (the lower centre when the run's length is even). A flat
 *   top or a gap of empty bins then gives one node, not one per bin. Runs end at the
 *   range's ends. Two separate equal peaks within the window are both nodes.
 * - Window ties: a bin is the maximum when no bin within ±window is greater beyond the tie
 *   tolerance (the minimum likewise). This "structural" test does not involve the mean,
 *   so it can be kept incrementally (`NodeIndex`); the mean threshold is applied when asked.
 */
import { nearlyEqual, TIE_TOLERANCE } from './profile-stats';

/** Parameters of HVN/LVN detection (DOMAIN.md defaults: 9, 20, 1.5, 0.5). */
export interface NodeParams {
  /** Width of the centred moving average, odd. */
  readonly smoothBins: number;
  /** A node is the extreme within ±window bins. */
  readonly window: number;
  readonly hvnFactor: number;
  readonly lvnFactor: number;
}

/** HVN (1) or LVN (-1). */
export type NodeKind = 1 | -1;

/** Slots needed beyond a profile's range so smoothing and window reads stay in bounds. */
export function nodePad(p: NodeParams): number {
  return p.window + p.smoothBins;
}

/** Smoothed value at slot x: raw slots x − h .. x + h summed in order, / smoothBins. */
export function smoothedAt(raw: Float64Array, x: number, h: number, smoothBins: number): number {
  let sum = 0;
  for (let k = x - h; k <= x + h; k++) sum += raw[k] as number;
  return sum / smoothBins;
}

/** Whether smoothed value v passes the mean threshold `level` of an HVN (1) or LVN (-1). */
export function passesLevel(v: number, level: number, kind: NodeKind): boolean {
  return kind * (v - level) >= 0 || nearlyEqual(v, level);
}

/** Structural node tests over smoothed slots `s`, for a range of slots lo..hi. */
export class RunClassifier {
  private s: Float64Array = new Float64Array(0);
  private lo = 0;
  private hi = -1;
  private window = 0;

  /** Targets smoothed slots `s` of a profile whose range is slots lo..hi. */
  prepare(s: Float64Array, lo: number, hi: number, window: number): void {
    this.s = s;
    this.lo = lo;
    this.hi = hi;
    this.window = window;
  }

  /** Last slot of the run holding slot x (runs end at the range's ends). */
  runEnd(x: number): number {
    const s = this.s;
    while (x < this.hi && nearlyEqual(s[x + 1] as number, s[x] as number)) x++;
    return x;
  }

  /** First slot of the run holding slot x. */
  runStart(x: number): number {
    const s = this.s;
    while (x > this.lo && nearlyEqual(s[x - 1] as number, s[x] as number)) x--;
    return x;
  }

  /** Whether slot c is the maximum (kind 1) or minimum (kind -1) within ±window slots. */
  isExtreme(c: number, kind: NodeKind): boolean {
    const s = this.s;
    const sc = s[c] as number;
    // Values are ≥ 0, so "beyond the tie tolerance" reduces to one multiply per side.
    // Nearest neighbours first: on a slope the test fails at the first step.
    if (kind > 0) {
      for (let d = 1; d <= this.window; d++) {
        const a = s[c - d] as number;
        const b = s[c + d] as number;
        if (a - TIE_TOLERANCE * a > sc || b - TIE_TOLERANCE * b > sc) return false;
      }
    } else {
      const floor = sc - TIE_TOLERANCE * sc;
      for (let d = 1; d <= this.window; d++) {
        if ((s[c - d] as number) < floor || (s[c + d] as number) < floor) return false;
      }
    }
    return true;
  }
}

/**
 * HVNs and LVNs of a whole profile given as plain bins (lowest price first), computed from
 * scratch: the reference the incremental `NodeIndex` is tested against, and handy for
 * fixtures. Returns bin offsets and the mean of the non-empty smoothed bins (or the mean
 * given).
 */
export function findNodes(
  bins: ArrayLike<number>,
  p: NodeParams,
  meanOverride?: number,
): { hvn: number[]; lvn: number[]; mean: number } {
  const n = bins.length;
  const pad = nodePad(p);
  const h = (p.smoothBins - 1) >> 1;
  const raw = new Float64Array(n + 2 * pad);
  for (let i = 0; i < n; i++) raw[pad + i] = bins[i] as number;
  const s = new Float64Array(raw.length);
  let total = 0;
  let count = 0;
  for (let x = pad - h; x < pad + n + h; x++) {
    s[x] = smoothedAt(raw, x, h, p.smoothBins);
    if ((s[x] as number) > 0) {
      total += s[x] as number;
      count++;
    }
  }
  // The engine divides its running volume total instead of summing the smoothed bins: equal
  // but for rounding, so a comparison with the engine passes the engine's mean.
  const mean = meanOverride ?? (count === 0 ? Number.NaN : total / count);
  const cls = new RunClassifier();
  cls.prepare(s, pad, pad + n - 1, p.window);
  const hvn: number[] = [];
  const lvn: number[] = [];
  for (let x = pad; x < pad + n;) {
    const end = cls.runEnd(x);
    const c = (x + end) >> 1;
    const v = s[c] as number;
    if (cls.isExtreme(c, 1) && passesLevel(v, p.hvnFactor * mean, 1)) hvn.push(c - pad);
    if (cls.isExtreme(c, -1) && passesLevel(v, p.lvnFactor * mean, -1)) lvn.push(c - pad);
    x = end + 1;
  }
  return { hvn, lvn, mean };
}
