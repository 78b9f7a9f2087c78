/**
 * Post-hoc calibration of the pattern model, fitted on the VALIDATION span only and then applied
 * unchanged to the test span (no lookahead):
 *
 * - temperature scaling of the 3-class logits: one scalar T > 0, probs = softmax(logits / T),
 *   T chosen to minimise the validation log loss (golden-section search on log T);
 * - quantile recalibration of a P10/P50/P90 forecast: the distances p50 − p10 and p90 − p50 are
 *   rescaled so that each tail is missed by (1 − nominal)/2 of the validation targets.
 *   Fit and apply it once per target horizon.
 */
import { softmaxRows } from './baselines';
import { isIncluded, NUM_CLASSES, type Mask } from './metrics';

/** Search range of the temperature. */
export const MIN_TEMPERATURE = 0.05;
export const MAX_TEMPERATURE = 20;

/** Mean negative log-likelihood of softmax(logits / T) over the included rows. */
export function temperatureNll(
  logits: ArrayLike<number>,
  labels: Int8Array,
  T: number,
  mask?: Mask,
): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    const o = i * NUM_CLASSES;
    let m = -Infinity;
    for (let k = 0; k < NUM_CLASSES; k++) m = Math.max(m, (logits[o + k] as number) / T);
    let s = 0;
    for (let k = 0; k < NUM_CLASSES; k++) s += Math.exp((logits[o + k] as number) / T - m);
    sum += m + Math.log(s) - (logits[o + (labels[i] as number)] as number) / T;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/**
 * Temperature T ∈ [0.05, 20] minimising the mean NLL of softmax(logits / T) over the included
 * rows (label ≥ 0, mask truthy). The NLL is convex in 1/T, hence unimodal in log T, so a
 * golden-section search on log T finds the minimum (to |Δ log T| < 1e-7). A minimum at a bound
 * (e.g. uninformative logits → 20) is returned as the bound. Throws when no row is included.
 */
export function fitTemperature(logits: ArrayLike<number>, labels: Int8Array, mask?: Mask): number {
  const n = labels.length;
  if (logits.length !== n * NUM_CLASSES) {
    throw new Error(`fitTemperature: logits has ${logits.length} values, expected ${n}×3`);
  }
  if (mask !== undefined && mask.length !== n) {
    throw new Error(`fitTemperature: mask has ${mask.length} entries, expected ${n}`);
  }
  let any = false;
  for (let i = 0; i < n && !any; i++) any = isIncluded(labels, mask, i);
  if (!any) throw new Error('fitTemperature: no labelled row to fit on');

  const f = (u: number): number => temperatureNll(logits, labels, Math.exp(u), mask);
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(MIN_TEMPERATURE);
  let b = Math.log(MAX_TEMPERATURE);
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-7) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - invPhi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + invPhi * (b - a);
      fd = f(d);
    }
  }
  // The bounds themselves are candidates too (the minimum may sit on one).
  const candidates = [Math.log(MIN_TEMPERATURE), (a + b) / 2, Math.log(MAX_TEMPERATURE)];
  let best = candidates[1] as number;
  let bestF = f(best);
  for (const u of candidates) {
    const fu = f(u);
    if (fu < bestF) {
      best = u;
      bestF = fu;
    }
  }
  return Math.exp(best);
}

/** Calibrated probabilities softmax(logits / T), n×3 row-major. */
export function applyTemperature(logits: ArrayLike<number>, T: number): Float64Array {
  if (!(T > 0)) throw new Error(`applyTemperature: T = ${T}`);
  return softmaxRows(logits, NUM_CLASSES, T);
}

/** Empirical quantile with linear interpolation between order statistics (type 7). */
export function empiricalQuantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** Scale factors of a quantile recalibration (one target horizon). */
export interface QuantileRecalibration {
  /** New p10 = p50 − lowScale · (p50 − p10). */
  readonly lowScale: number;
  /** New p90 = p50 + highScale · (p90 − p50). */
  readonly highScale: number;
  /** Rows used for each tail (finite target, finite quantiles, positive width). */
  readonly nLow: number;
  readonly nHigh: number;
}

/**
 * Fits the tail scales of a P10/P50/P90 forecast on validation rows so that each tail holds
 * (1 − nominal)/2 of the targets: with α = (1 − nominal)/2,
 *   lowScale  = −Q_α((target − p50) / (p50 − p10)),
 *   highScale =  Q_{1−α}((target − p50) / (p90 − p50)),
 * Q the empirical quantile. Rows with a non-finite value or a width ≤ 0 are skipped for that
 * tail (a zero width cannot be rescaled). A scale is clamped at ≥ 0 (a negative one would cross
 * the median) and is 1 (no change) when its tail has no usable row.
 */
export function fitQuantileRecalibration(
  p10: ArrayLike<number>,
  p50: ArrayLike<number>,
  p90: ArrayLike<number>,
  target: ArrayLike<number>,
  nominal = 0.8,
): QuantileRecalibration {
  const n = target.length;
  if (p10.length !== n || p50.length !== n || p90.length !== n) {
    throw new Error('fitQuantileRecalibration: p10, p50, p90 and target lengths differ');
  }
  if (!(nominal > 0 && nominal < 1)) {
    throw new Error(`fitQuantileRecalibration: nominal = ${nominal} is not in (0, 1)`);
  }
  const alpha = (1 - nominal) / 2;
  const low: number[] = [];
  const high: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = target[i] as number;
    const m = p50[i] as number;
    if (!Number.isFinite(y) || !Number.isFinite(m)) continue;
    const wl = m - (p10[i] as number);
    const wh = (p90[i] as number) - m;
    if (Number.isFinite(wl) && wl > 0) low.push((y - m) / wl);
    if (Number.isFinite(wh) && wh > 0) high.push((y - m) / wh);
  }
  const lowScale = low.length === 0 ? 1 : Math.max(0, -empiricalQuantile(low, alpha));
  const highScale = high.length === 0 ? 1 : Math.max(0, empiricalQuantile(high, 1 - alpha));
  return { lowScale, highScale, nLow: low.length, nHigh: high.length };
}

/** Recalibrated quantiles; p50 is unchanged (copied). */
export function applyQuantileRecalibration(
  p10: ArrayLike<number>,
  p50: ArrayLike<number>,
  p90: ArrayLike<number>,
  recal: QuantileRecalibration,
): { p10: Float64Array; p50: Float64Array; p90: Float64Array } {
  const n = p50.length;
  if (p10.length !== n || p90.length !== n) {
    throw new Error('applyQuantileRecalibration: p10, p50 and p90 lengths differ');
  }
  const lo = new Float64Array(n);
  const mid = Float64Array.from(p50);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = p50[i] as number;
    lo[i] = m - recal.lowScale * (m - (p10[i] as number));
    hi[i] = m + recal.highScale * ((p90[i] as number) - m);
  }
  return { p10: lo, p50: mid, p90: hi };
}
