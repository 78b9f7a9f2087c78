/**
 * Evaluation metrics of the pattern model (pure TypeScript, no TensorFlow).
 *
 * Class probabilities are n×3 row-major `Float64Array`s in the softmax order of
 * `label-columns.ts` (0 = long, 1 = short, 2 = none). A row takes part in a metric only when its
 * label is a class (≥ 0; `LABEL_UNKNOWN` = −1 is skipped) and, when a mask is given, its mask
 * entry is truthy (the loss mask: Asia decision bars, warm-up, ...). Every metric returns NaN
 * when no row takes part.
 */
import { LABEL_LONG, LABEL_SHORT } from '../../features/labels/label-columns';

/** Number of classes of the pattern model: long, short, none. */
export const NUM_CLASSES = 3;

/** Per-row inclusion mask: a row is included when its entry is truthy (1 / true). */
export type Mask = ArrayLike<number | boolean>;

/** Probabilities are clipped to [PROB_EPS, 1] before the log in `logLoss`. */
export const PROB_EPS = 1e-12;

/** True when row i takes part: label is a class (0..2) and the mask (if any) allows it. */
export function isIncluded(labels: ArrayLike<number>, mask: Mask | undefined, i: number): boolean {
  const y = labels[i] as number;
  if (!(y >= 0 && y < NUM_CLASSES)) return false;
  return mask === undefined || Boolean(mask[i]);
}

function checkProbs(probs: ArrayLike<number>, n: number, name: string): void {
  if (probs.length !== n * NUM_CLASSES) {
    throw new Error(`${name}: probs has ${probs.length} values, expected ${n}×${NUM_CLASSES}`);
  }
}

function checkMask(mask: Mask | undefined, n: number, name: string): void {
  if (mask !== undefined && mask.length !== n) {
    throw new Error(`${name}: mask has ${mask.length} entries, expected ${n}`);
  }
}

/**
 * Area under the ROC curve by the Mann–Whitney rank statistic:
 * AUC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋), where R₊ is the rank sum of the positives and tied scores
 * share their average rank (so a tie between a positive and a negative counts one half).
 * Rows with a non-finite score are skipped. NaN when either class is absent.
 */
export function aucBinary(
  scores: ArrayLike<number>,
  positives: ArrayLike<0 | 1 | boolean | number>,
): number {
  if (scores.length !== positives.length) {
    throw new Error(`aucBinary: ${scores.length} scores but ${positives.length} outcomes`);
  }
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (Number.isFinite(scores[i])) idx.push(i);
  idx.sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let nPos = 0;
  let rankSumPos = 0;
  let k = 0;
  while (k < idx.length) {
    const s = scores[idx[k] as number] as number;
    let e = k + 1;
    while (e < idx.length && scores[idx[e] as number] === s) e++;
    // Ranks k+1 .. e (1-based) share their mean.
    const avgRank = (k + 1 + e) / 2;
    for (let j = k; j < e; j++) {
      if (positives[idx[j] as number]) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    k = e;
  }
  const nNeg = idx.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Mean multi-class log loss −(1/n) Σ log p[i, y_i], with p clipped to [1e-12, 1].
 * `probs` is n×3 row-major; rows with a negative label or a falsy mask entry are skipped.
 */
export function logLoss(probs: ArrayLike<number>, labels: Int8Array, mask?: Mask): number {
  const n = labels.length;
  checkProbs(probs, n, 'logLoss');
  checkMask(mask, n, 'logLoss');
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    const p = probs[i * NUM_CLASSES + (labels[i] as number)] as number;
    sum -= Math.log(Math.min(1, Math.max(PROB_EPS, p)));
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/**
 * Multi-class Brier score: mean over included rows of Σ_k (p_k − y_k)², y one-hot
 * (range [0, 2]; a uniform forecast scores 2/3).
 */
export function brierScore(probs: ArrayLike<number>, labels: Int8Array, mask?: Mask): number {
  const n = labels.length;
  checkProbs(probs, n, 'brierScore');
  checkMask(mask, n, 'brierScore');
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    const y = labels[i] as number;
    for (let k = 0; k < NUM_CLASSES; k++) {
      const d = (probs[i * NUM_CLASSES + k] as number) - (k === y ? 1 : 0);
      sum += d * d;
    }
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** One bin of a reliability curve. */
export interface ReliabilityBin {
  /** Bin edges: [lo, hi) (the last bin includes 1). */
  readonly lo: number;
  readonly hi: number;
  /** Rows whose predicted probability falls in the bin. */
  readonly count: number;
  /** Mean predicted probability in the bin (NaN when count = 0). */
  readonly meanPredicted: number;
  /** Fraction of positive outcomes in the bin (NaN when count = 0). */
  readonly observedFrequency: number;
}

/**
 * Reliability (calibration) curve of a binary forecast over `bins` equal-width bins of [0, 1].
 * Every bin is reported; empty bins have count 0 and NaN means. Rows with a non-finite
 * probability or a non-finite outcome are skipped; probabilities are clamped into [0, 1].
 */
export function reliabilityCurve(
  probs1d: ArrayLike<number>,
  outcomes: ArrayLike<0 | 1 | boolean | number>,
  bins = 10,
): ReliabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`reliabilityCurve: bins = ${bins}`);
  if (probs1d.length !== outcomes.length) {
    throw new Error(`reliabilityCurve: ${probs1d.length} probs but ${outcomes.length} outcomes`);
  }
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < probs1d.length; i++) {
    const raw = probs1d[i] as number;
    const o = Number(outcomes[i]);
    if (!Number.isFinite(raw) || !Number.isFinite(o)) continue;
    const p = Math.min(1, Math.max(0, raw));
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b] = (count[b] as number) + 1;
    sumP[b] = (sumP[b] as number) + p;
    sumY[b] = (sumY[b] as number) + (o ? 1 : 0);
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = count[b] as number;
    out.push({
      lo: b / bins,
      hi: (b + 1) / bins,
      count: c,
      meanPredicted: c === 0 ? NaN : (sumP[b] as number) / c,
      observedFrequency: c === 0 ? NaN : (sumY[b] as number) / c,
    });
  }
  return out;
}

/**
 * Expected calibration error of a reliability curve: Σ_b (count_b / N) |meanPredicted_b −
 * observedFrequency_b| over non-empty bins. NaN when every bin is empty.
 */
export function expectedCalibrationError(curve: readonly ReliabilityBin[]): number {
  let total = 0;
  let sum = 0;
  for (const b of curve) {
    if (b.count === 0) continue;
    total += b.count;
    sum += b.count * Math.abs(b.meanPredicted - b.observedFrequency);
  }
  return total === 0 ? NaN : sum / total;
}

/**
 * Mean pinball (quantile) loss at level q ∈ (0, 1): ρ_q(y − ŷ) = max(q (y − ŷ), (q − 1)(y − ŷ)).
 * Rows whose target or prediction is not finite are skipped.
 */
export function pinballLoss(pred: ArrayLike<number>, target: ArrayLike<number>, q: number): number {
  if (!(q > 0 && q < 1)) throw new Error(`pinballLoss: q = ${q} is not in (0, 1)`);
  if (pred.length !== target.length) {
    throw new Error(`pinballLoss: ${pred.length} predictions but ${target.length} targets`);
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < target.length; i++) {
    const y = target[i] as number;
    const p = pred[i] as number;
    if (!Number.isFinite(y) || !Number.isFinite(p)) continue;
    const e = y - p;
    sum += Math.max(q * e, (q - 1) * e);
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/**
 * Empirical coverage of an interval forecast: the fraction of finite targets with
 * lo ≤ target ≤ hi. NaN targets are skipped (a NaN bound counts as a miss).
 */
export function coverage(
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  target: ArrayLike<number>,
): number {
  if (lo.length !== target.length || hi.length !== target.length) {
    throw new Error(`coverage: lengths ${lo.length}, ${hi.length}, ${target.length} differ`);
  }
  let inside = 0;
  let count = 0;
  for (let i = 0; i < target.length; i++) {
    const y = target[i] as number;
    if (!Number.isFinite(y)) continue;
    count++;
    if ((lo[i] as number) <= y && y <= (hi[i] as number)) inside++;
  }
  return count === 0 ? NaN : inside / count;
}

/** Summary of a 3-class forecast over the included rows. */
export interface ClassMetrics {
  /** Included rows (label ≥ 0 and mask truthy). */
  readonly n: number;
  /** AUC of p_long as a score for "label = long" (one vs rest). */
  readonly auc_long: number;
  /** AUC of p_short as a score for "label = short" (one vs rest). */
  readonly auc_short: number;
  readonly logloss: number;
  readonly brier: number;
  /** Empirical class frequencies [long, short, none] of the included rows (NaN when n = 0). */
  readonly priors: [number, number, number];
}

/** AUCs, log loss, Brier score and class frequencies of a 3-class forecast. */
export function classMetrics(
  probs: ArrayLike<number>,
  labels: Int8Array,
  mask?: Mask,
): ClassMetrics {
  const n = labels.length;
  checkProbs(probs, n, 'classMetrics');
  checkMask(mask, n, 'classMetrics');
  const rows: number[] = [];
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    rows.push(i);
    const y = labels[i] as number;
    counts[y] = (counts[y] as number) + 1;
  }
  const m = rows.length;
  const scoreL = new Float64Array(m);
  const scoreS = new Float64Array(m);
  const isL = new Uint8Array(m);
  const isS = new Uint8Array(m);
  rows.forEach((i, j) => {
    scoreL[j] = probs[i * NUM_CLASSES + LABEL_LONG] as number;
    scoreS[j] = probs[i * NUM_CLASSES + LABEL_SHORT] as number;
    isL[j] = labels[i] === LABEL_LONG ? 1 : 0;
    isS[j] = labels[i] === LABEL_SHORT ? 1 : 0;
  });
  const prior = (k: number): number => (m === 0 ? NaN : (counts[k] as number) / m);
  return {
    n: m,
    auc_long: aucBinary(scoreL, isL),
    auc_short: aucBinary(scoreS, isS),
    logloss: logLoss(probs, labels, mask),
    brier: brierScore(probs, labels, mask),
    priors: [prior(0), prior(1), prior(2)],
  };
}
