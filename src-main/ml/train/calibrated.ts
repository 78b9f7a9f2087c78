/**
 * From raw model outputs to what a trader reads: temperature-scaled class probabilities,
 * `confidence` = the calibrated probability of the predicted class (DOMAIN.md), and
 * P10/P50/P90 in points with the validation span's quantile recalibration applied.
 */
import { applyTemperature } from '../eval/calibration';
import type { QuantileRecalibration } from '../eval/calibration';
import type { RawPredictions } from './trainer';

/** Calibration fitted on a fold's validation span. */
export interface Calibration {
  temperature: number;
  /** Per horizon. */
  quantiles: QuantileRecalibration[];
  /** Per horizon: scaled target unit in stop distances (points = value × row unit × this). */
  targetScale: number[];
}

export interface Predictions {
  from: number;
  to: number;
  /** [(to − from) × 3] long, short, none. */
  probs: Float64Array;
  confidence: Float64Array;
  /** [(to − from) × horizons × 3] P10/P50/P90 in points (change from the decision close). */
  quantiles: Float64Array;
}

/**
 * Applies `cal` to raw outputs; `rowScale` is the sample set's per-row unit (indexed by
 * absolute row). Rows without a prediction stay NaN.
 */
export function calibrate(
  raw: RawPredictions,
  cal: Calibration,
  rowScale: ArrayLike<number>,
): Predictions {
  const n = raw.to - raw.from;
  const h = cal.targetScale.length;
  const probs = new Float64Array(n * 3).fill(Number.NaN);
  const confidence = new Float64Array(n).fill(Number.NaN);
  const quantiles = new Float64Array(n * h * 3).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const logits = raw.logits.subarray(i * 3, i * 3 + 3);
    if (!Number.isFinite(logits[0] as number)) continue;
    const p = applyTemperature(logits, cal.temperature);
    probs.set(p, i * 3);
    confidence[i] = Math.max(p[0] as number, p[1] as number, p[2] as number);
    for (let k = 0; k < h; k++) {
      const o = (i * h + k) * 3;
      const s = (cal.targetScale[k] as number) * (rowScale[raw.from + i] as number);
      const r = cal.quantiles[k] ?? { lowScale: 1, highScale: 1 };
      const mid = (raw.quantiles[o + 1] as number) * s;
      const lo = (raw.quantiles[o] as number) * s;
      const hi = (raw.quantiles[o + 2] as number) * s;
      quantiles[o] = mid - r.lowScale * (mid - lo);
      quantiles[o + 1] = mid;
      quantiles[o + 2] = mid + r.highScale * (hi - mid);
    }
  }
  return { from: raw.from, to: raw.to, probs, confidence, quantiles };
}

/** Step size of the online tail adjustment (per realised target, on a log scale). */
export const ADAPT_RATE = 0.03;
const ADAPT_LIMIT = 4;

/**
 * Online recalibration of the P10/P90 tails (adaptive conformal inference, in the spirit of
 * Gibbs & Candès 2021): walking the rows in time order, each tail's width is multiplied by
 * exp(rate · (miss − 0.1)) whenever a target becomes known, miss = 1 when that target fell
 * outside the tail. A target at horizon h of row j is known once bar j + h has closed, so
 * row i's interval uses only targets of rows j ≤ i − h: no lookahead. This follows
 * volatility regimes the validation span did not see (a calm validation month before a
 * volatile test month), where the validation fit alone under-covers.
 *
 * `targets` [rows × horizons] are the sample set's (points, NaN where undefined), indexed by
 * absolute row like `pred.from`; returns new quantiles, the P50 unchanged.
 */
export function adaptQuantiles(
  pred: Predictions,
  targets: Float32Array,
  horizons: readonly number[],
  rate = ADAPT_RATE,
): Predictions {
  const n = pred.to - pred.from;
  const h = horizons.length;
  const q = Float64Array.from(pred.quantiles);
  for (let k = 0; k < h; k++) {
    const step = horizons[k] as number;
    let low = 1;
    let high = 1;
    for (let i = 0; i < n; i++) {
      // Absorb the target that became known when this row's bar closed.
      const j = i - step;
      if (j >= 0) {
        const o = (j * h + k) * 3;
        const y = targets[(pred.from + j) * h + k] as number;
        if (Number.isFinite(y) && Number.isFinite(q[o] as number)) {
          const missLow = y < (q[o] as number) ? 1 : 0;
          const missHigh = y > (q[o + 2] as number) ? 1 : 0;
          low = Math.min(
            ADAPT_LIMIT,
            Math.max(1 / ADAPT_LIMIT, low * Math.exp(rate * (missLow - 0.1))),
          );
          high = Math.min(
            ADAPT_LIMIT,
            Math.max(1 / ADAPT_LIMIT, high * Math.exp(rate * (missHigh - 0.1))),
          );
        }
      }
      const o = (i * h + k) * 3;
      const mid = q[o + 1] as number;
      q[o] = mid - low * (mid - (q[o] as number));
      q[o + 2] = mid + high * ((q[o + 2] as number) - mid);
    }
  }
  return { ...pred, quantiles: q };
}
