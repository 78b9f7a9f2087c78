/**
 * Sequences for training and prediction. A sequence is `history + queries` consecutive rows;
 * its last `queries` rows are decision positions, each predicted from its own lookback
 * window (see tft/model.ts). Spans of decision rows are tiled by sequences; rows outside
 * the span, or already covered by an earlier sequence, get weight 0.
 */
import * as tf from '@tensorflow/tfjs';
import type { SampleSet } from '../data/dataset';

/** One sequence: rows [start, start + history + queries), decisions at the last `queries`. */
export interface Chunk {
  /** First decision row. */
  readonly first: number;
  /** Decision rows of this chunk that count (inside the span, not seen before): [from, to). */
  readonly from: number;
  readonly to: number;
}

/**
 * Tiles decision rows [from, to) with chunks of `queries` decisions. `offset` (0 ≤ offset <
 * queries) shifts the tiling so each epoch sees different chunk boundaries. Rows before
 * `history` cannot be decisions (their window would start before the data).
 */
export function tileSpan(
  from: number,
  to: number,
  queries: number,
  history: number,
  length: number,
  offset = 0,
): Chunk[] {
  const lo = Math.max(from, history);
  const hi = Math.min(to, length);
  if (hi <= lo) return [];
  if (length - history < queries) {
    throw new Error(`${length} rows cannot hold one sequence of ${history + queries}`);
  }
  const chunks: Chunk[] = [];
  let covered = lo;
  for (let first = lo - offset; covered < hi; first += queries) {
    // Keep the sequence inside the data: shift it, never shorten it.
    const start = Math.min(Math.max(first, history), length - queries);
    const end = start + queries;
    const a = Math.max(covered, start, lo);
    const b = Math.min(end, hi);
    if (b > a) {
      chunks.push({ first: start, from: a, to: b });
      covered = b;
    }
  }
  return chunks;
}

/** Tensors of a batch of chunks (the caller disposes them). */
export interface Batch {
  temporal: tf.Tensor3D;
  statics: tf.Tensor3D;
  /** [chunks·queries] class index (0 where masked). */
  labels: tf.Tensor1D;
  /** [chunks·queries] 1 = counts for the classification loss. */
  classMask: tf.Tensor1D;
  /** [chunks·queries, horizons] scaled targets. */
  targets: tf.Tensor2D;
  /** [chunks·queries] 1 = counts for the quantile loss. */
  targetMask: tf.Tensor1D;
  /** Decision rows of the batch that carry weight in either loss. */
  weighted: number;
}

/** Builds the tensors for `chunks` (all with the same `queries`). */
export function makeBatch(
  set: SampleSet,
  temporal: Float32Array,
  scaledTargets: Float32Array,
  chunks: readonly Chunk[],
  queries: number,
  history: number,
): Batch {
  const m = set.temporalNames.length;
  const ns = set.statics.length / set.length;
  const h = set.horizons.length;
  const steps = history + queries;
  const b = chunks.length;
  const x = new Float32Array(b * steps * m);
  const s = new Int32Array(b * steps * ns);
  const labels = new Int32Array(b * queries);
  const classMask = new Float32Array(b * queries);
  const targets = new Float32Array(b * queries * h);
  const targetMask = new Float32Array(b * queries);
  let weighted = 0;
  chunks.forEach((c, k) => {
    const start = c.first - history;
    x.set(temporal.subarray(start * m, (start + steps) * m), k * steps * m);
    s.set(set.statics.subarray(start * ns, (start + steps) * ns), k * steps * ns);
    for (let q = 0; q < queries; q++) {
      const row = c.first + q;
      const o = k * queries + q;
      const inside = row >= c.from && row < c.to;
      const label = set.labels[row] as number;
      labels[o] = label >= 0 ? label : 0;
      const cm = inside && set.lossMask[row] === 1 ? 1 : 0;
      const tm = inside && set.targetMask[row] === 1 ? 1 : 0;
      classMask[o] = cm;
      targetMask[o] = tm;
      if (cm + tm > 0) weighted++;
      targets.set(scaledTargets.subarray(row * h, row * h + h), o * h);
    }
  });
  return {
    temporal: tf.tensor3d(x, [b, steps, m]),
    statics: tf.tensor3d(s, [b, steps, ns], 'int32'),
    labels: tf.tensor1d(labels, 'int32'),
    classMask: tf.tensor1d(classMask),
    targets: tf.tensor2d(targets, [b * queries, h]),
    targetMask: tf.tensor1d(targetMask),
    weighted,
  };
}

/** Disposes a batch's tensors. */
export function disposeBatch(b: Batch): void {
  tf.dispose([b.temporal, b.statics, b.labels, b.classMask, b.targets, b.targetMask]);
}
