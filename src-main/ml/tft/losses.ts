/**
 * Training losses for the pattern model (see docs/DOMAIN.md, "Labels for the pattern model").
 *
 * Both losses accept an optional per-sample mask so that decision samples inside the Asia
 * window can stay in the input sequence as context but contribute nothing to the loss.
 */
import * as tf from '@tensorflow/tfjs';

/** Probabilities are clipped away from 0 so log(p) stays finite. */
const PROB_EPSILON = 1e-7;

/** Masked mean: Σ(l·m) / Σm, or the plain mean when no mask is given. */
function maskedMean(perSample: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  if (mask === undefined) return perSample.mean();
  const m = mask.toFloat();
  // max(Σm, 1) avoids 0/0 when a whole batch is masked out; the loss is then 0.
  return perSample.mul(m).sum().div(m.sum().maximum(1));
}

/**
 * Pinball (quantile) loss averaged over samples, horizons and quantiles.
 * For error e = y − ŷ_q: ρ_q(e) = max(q·e, (q − 1)·e).
 *
 * @param yTrue [batch, ...] targets.
 * @param yPred [batch, ..., Q] predictions, last axis aligned with `quantiles`.
 * @param quantiles e.g. [0.1, 0.5, 0.9].
 * @param mask optional [batch] weights (0 excludes a sample).
 */
export function pinballLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  quantiles: readonly number[],
  mask?: tf.Tensor,
): tf.Scalar {
  if (yPred.shape[yPred.rank - 1] !== quantiles.length) {
    throw new Error('pinballLoss: last axis of yPred must match quantiles');
  }
  return tf.tidy(() => {
    const q = tf.tensor1d([...quantiles]);
    const e = yTrue.expandDims(-1).sub(yPred);
    const rho = tf.maximum(e.mul(q), e.mul(q.sub(1)));
    const perSample = rho.reshape([rho.shape[0]!, -1]).mean(1);
    return maskedMean(perSample, mask);
  });
}

/** Focal loss options. */
export interface FocalOptions {
  /** Focusing parameter γ; 2 by default as in Lin et al. 2017. */
  gamma?: number;
  /** Per-class weights α_c (length = number of classes); 1 for every class by default. */
  classWeights?: readonly number[];
  /** Optional [batch] sample weights (0 excludes a sample). */
  mask?: tf.Tensor;
}

/**
 * Multi-class focal loss on softmax outputs: FL = −α_y (1 − p_y)^γ log p_y, averaged.
 * Down-weights easy, confidently right samples so the rare long/short classes are not
 * drowned out by the majority `none` class.
 *
 * @param probs [batch, C] softmax probabilities.
 * @param labels [batch] integer class indices (int32).
 */
export function focalLoss(
  probs: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: FocalOptions = {},
): tf.Scalar {
  const numClasses = probs.shape[1];
  const gamma = options.gamma ?? 2;
  const alpha = options.classWeights ?? new Array<number>(numClasses).fill(1);
  if (alpha.length !== numClasses) throw new Error('focalLoss: classWeights length mismatch');
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), numClasses).toFloat();
    const pTrue = probs.clipByValue(PROB_EPSILON, 1).mul(oneHot).sum(1);
    const alphaTrue = oneHot.mul(tf.tensor1d([...alpha])).sum(1);
    const perSample = alphaTrue
      .mul(tf.pow(tf.scalar(1).sub(pTrue), gamma))
      .mul(pTrue.log())
      .neg();
    return maskedMean(perSample, options.mask);
  });
}
