/**
 * Baselines the pattern model must beat, in pure TypeScript:
 *
 * - the class-prior baseline: the training class frequencies, predicted for every row;
 * - multinomial logistic regression (3 classes) on a row-major feature matrix, L2-regularised,
 *   trained deterministically by full-batch L-BFGS with a fixed iteration cap and tolerance.
 *
 * Rows take part in a fit only when their label is a class (≥ 0) and the mask (if any) is
 * truthy, as in `metrics.ts`. Features are standardised internally with the mean and standard
 * deviation of the included TRAINING rows only (no lookahead); the model stores them and
 * `predictLogistic` applies them, so callers pass raw features both times.
 */
import { isIncluded, NUM_CLASSES, type Mask } from './metrics';

const K = NUM_CLASSES;

/** Class-prior baseline: the class frequencies of the training rows. */
export interface PriorModel {
  readonly priors: Float64Array;
}

/**
 * Fits the class priors on the included training rows. `smoothing` (default 0) adds a pseudo
 * count to every class (Laplace), so no prior is 0 when a class is absent.
 */
export function fitClassPriors(labels: Int8Array, mask?: Mask, smoothing = 0): PriorModel {
  if (!(smoothing >= 0)) throw new Error(`fitClassPriors: smoothing = ${smoothing}`);
  const counts = new Float64Array(K).fill(smoothing);
  for (let i = 0; i < labels.length; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    const y = labels[i] as number;
    counts[y] = (counts[y] as number) + 1;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error('fitClassPriors: no labelled row to fit on');
  return { priors: counts.map((c) => c / total) };
}

/** n×3 row-major probabilities: the priors repeated for every row. */
export function predictClassPriors(model: PriorModel, n: number): Float64Array {
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) out.set(model.priors, i * K);
  return out;
}

/** Options of `fitLogistic`. */
export interface LogisticOptions {
  /**
   * L2 strength λ: the objective is (1/N) Σ_i w_{y_i} NLL_i + (λ/2) ‖W‖² over the
   * standardised weights (intercepts are not penalised). Default 1e-3.
   */
  readonly l2?: number;
  /** Per-class loss weights [long, short, none], or 'balanced' (N / (3 · count_k)). Default 1. */
  readonly classWeights?: readonly [number, number, number] | 'balanced';
  /** L-BFGS iteration cap (default 200). */
  readonly maxIter?: number;
  /** Stop when the largest absolute gradient component falls below this (default 1e-6). */
  readonly gradTol?: number;
  /** L-BFGS history length (default 10). */
  readonly memory?: number;
}

/** Fitted multinomial logistic regression. */
export interface LogisticModel {
  /** Feature count d. */
  readonly d: number;
  /** Weights on standardised features, K×d row-major (class k's weights at k·d). */
  readonly weights: Float64Array;
  /** Intercepts, one per class. */
  readonly bias: Float64Array;
  /** Training mean and standard deviation of every feature (scale 1 for a constant one). */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Training rows used (labelled, masked in, all features finite). */
  readonly nTrain: number;
  /** Included rows dropped because a feature was not finite. */
  readonly nDroppedNonFinite: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Final objective value. */
  readonly loss: number;
}

interface Problem {
  readonly X: ArrayLike<number>;
  readonly d: number;
  readonly rows: Int32Array;
  readonly y: Int8Array;
  readonly rowWeight: Float64Array; // per included row: class weight / N
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly l2: number;
}

/**
 * Objective and gradient at θ = [W (K×d), b (K)]. The standardisation is folded into the
 * weights (logit_k = b_k + Σ_j W_kj (x_j − μ_j) / σ_j), so X is never copied.
 */
function objective(p: Problem, theta: Float64Array, grad: Float64Array): number {
  const { X, d, rows, y, rowWeight, mean, scale, l2 } = p;
  // Effective raw-space weights and intercepts.
  const eff = new Float64Array(K * d);
  const b0 = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let c = theta[K * d + k] as number;
    for (let j = 0; j < d; j++) {
      const w = (theta[k * d + j] as number) / (scale[j] as number);
      eff[k * d + j] = w;
      c -= w * (mean[j] as number);
    }
    b0[k] = c;
  }
  // Raw-space gradient accumulators: G_kj = Σ r_ik x_ij, R_k = Σ r_ik.
  const G = new Float64Array(K * d);
  const R = new Float64Array(K);
  let loss = 0;
  const z = new Float64Array(K);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    const off = i * d;
    let z0 = b0[0] as number;
    let z1 = b0[1] as number;
    let z2 = b0[2] as number;
    for (let j = 0; j < d; j++) {
      const x = X[off + j] as number;
      z0 += (eff[j] as number) * x;
      z1 += (eff[d + j] as number) * x;
      z2 += (eff[2 * d + j] as number) * x;
    }
    const m = Math.max(z0, z1, z2);
    const e0 = Math.exp(z0 - m);
    const e1 = Math.exp(z1 - m);
    const e2 = Math.exp(z2 - m);
    const s = e0 + e1 + e2;
    z[0] = z0;
    z[1] = z1;
    z[2] = z2;
    const yi = y[r] as number;
    const w = rowWeight[r] as number;
    loss += w * (m + Math.log(s) - (z[yi] as number));
    const r0 = w * (e0 / s - (yi === 0 ? 1 : 0));
    const r1 = w * (e1 / s - (yi === 1 ? 1 : 0));
    const r2 = w * (e2 / s - (yi === 2 ? 1 : 0));
    R[0] = (R[0] as number) + r0;
    R[1] = (R[1] as number) + r1;
    R[2] = (R[2] as number) + r2;
    for (let j = 0; j < d; j++) {
      const x = X[off + j] as number;
      G[j] = (G[j] as number) + r0 * x;
      G[d + j] = (G[d + j] as number) + r1 * x;
      G[2 * d + j] = (G[2 * d + j] as number) + r2 * x;
    }
  }
  // Back to standardised space: dL/dW_kj = (G_kj − μ_j R_k) / σ_j + λ W_kj.
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      const t = theta[k * d + j] as number;
      grad[k * d + j] =
        ((G[k * d + j] as number) - (mean[j] as number) * (R[k] as number)) / (scale[j] as number) +
        l2 * t;
      loss += 0.5 * l2 * t * t;
    }
    grad[K * d + k] = R[k] as number;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimises a smooth function by L-BFGS (two-loop recursion) with a backtracking Armijo line
 * search. Deterministic: no randomness, fixed iteration cap.
 */
function lbfgs(
  fg: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  maxIter: number,
  gradTol: number,
  memory: number,
): LbfgsResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  let iter = 0;
  let converged = maxAbs(g) < gradTol;
  while (!converged && iter < maxIter) {
    iter++;
    // Direction d = −H g.
    const q = Float64Array.from(g);
    for (let m = S.length - 1; m >= 0; m--) {
      const a = (rho[m] as number) * dot(S[m] as Float64Array, q);
      alpha[m] = a;
      const ym = Y[m] as Float64Array;
      for (let i = 0; i < n; i++) q[i] = (q[i] as number) - a * (ym[i] as number);
    }
    let gamma: number;
    if (S.length > 0) {
      const sl = S[S.length - 1] as Float64Array;
      const yl = Y[Y.length - 1] as Float64Array;
      gamma = dot(sl, yl) / dot(yl, yl);
    } else {
      gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
    }
    for (let i = 0; i < n; i++) q[i] = (q[i] as number) * gamma;
    for (let m = 0; m < S.length; m++) {
      const b = (rho[m] as number) * dot(Y[m] as Float64Array, q);
      const sm = S[m] as Float64Array;
      const a = alpha[m] as number;
      for (let i = 0; i < n; i++) q[i] = (q[i] as number) + (a - b) * (sm[i] as number);
    }
    const dir = q.map((v) => -v);
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -(g[i] as number);
      slope = -dot(g, g);
    }
    // Backtracking Armijo line search.
    let step = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (dir[i] as number);
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break; // no progress possible at machine precision
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      yv[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    const fOld = f;
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    f = fNew;
    converged = maxAbs(g) < gradTol || Math.abs(fOld - f) <= 1e-14 * Math.max(1, Math.abs(f));
  }
  return { x, f, iterations: iter, converged };
}

/**
 * Fits a 3-class multinomial logistic regression on X (n×d row-major, n = labels.length).
 * Included rows (label ≥ 0, mask truthy) with a non-finite feature are dropped and counted.
 * Throws when no row is left.
 */
export function fitLogistic(
  X: Float32Array | Float64Array,
  d: number,
  labels: Int8Array,
  mask?: Mask,
  options: LogisticOptions = {},
): LogisticModel {
  const n = labels.length;
  if (!Number.isInteger(d) || d < 1) throw new Error(`fitLogistic: d = ${d}`);
  if (X.length !== n * d) {
    throw new Error(`fitLogistic: X has ${X.length} values, expected ${n}×${d}`);
  }
  if (mask !== undefined && mask.length !== n) {
    throw new Error(`fitLogistic: mask has ${mask.length} entries, expected ${n}`);
  }
  const l2 = options.l2 ?? 1e-3;
  const maxIter = options.maxIter ?? 200;
  const gradTol = options.gradTol ?? 1e-6;
  const memory = options.memory ?? 10;
  if (!(l2 >= 0)) throw new Error(`fitLogistic: l2 = ${l2}`);

  const rowList: number[] = [];
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    if (!isIncluded(labels, mask, i)) continue;
    let ok = true;
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(X[i * d + j])) {
        ok = false;
        break;
      }
    }
    if (ok) rowList.push(i);
    else dropped++;
  }
  const N = rowList.length;
  if (N === 0) throw new Error('fitLogistic: no labelled row with finite features to fit on');
  const rows = Int32Array.from(rowList);
  const y = new Int8Array(N);
  const counts = new Float64Array(K);
  rows.forEach((i, r) => {
    const c = labels[i] as number;
    y[r] = c;
    counts[c] = (counts[c] as number) + 1;
  });

  const cw = options.classWeights;
  const classWeight =
    cw === 'balanced'
      ? counts.map((c) => (c > 0 ? N / (K * c) : 0))
      : Float64Array.from(cw ?? [1, 1, 1]);
  if (classWeight.some((w) => !(w >= 0))) throw new Error('fitLogistic: negative class weight');
  const rowWeight = new Float64Array(N);
  for (let r = 0; r < N; r++) rowWeight[r] = (classWeight[y[r] as number] as number) / N;

  // Standardisation statistics from the training rows only.
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const i of rows) {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (X[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / N;
  for (const i of rows) {
    for (let j = 0; j < d; j++) {
      const e = (X[i * d + j] as number) - (mean[j] as number);
      scale[j] = (scale[j] as number) + e * e;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((scale[j] as number) / N);
    scale[j] = sd > 1e-12 ? sd : 1;
  }

  const problem: Problem = { X, d, rows, y, rowWeight, mean, scale, l2 };
  // Start at the (weighted) log priors so the first step is already sensible.
  const theta0 = new Float64Array(K * d + K);
  let wsum = 0;
  const wc = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    wc[k] = (classWeight[k] as number) * (counts[k] as number);
    wsum += wc[k] as number;
  }
  for (let k = 0; k < K; k++) {
    theta0[K * d + k] = Math.log(Math.max(1e-6, (wc[k] as number) / (wsum || 1)));
  }
  const res = lbfgs((t, g) => objective(problem, t, g), theta0, maxIter, gradTol, memory);
  return {
    d,
    weights: res.x.slice(0, K * d),
    bias: res.x.slice(K * d),
    mean,
    scale,
    nTrain: N,
    nDroppedNonFinite: dropped,
    iterations: res.iterations,
    converged: res.converged,
    loss: res.f,
  };
}

/**
 * Logits (n×3 row-major) of a fitted model on X (n×d). A non-finite feature contributes its
 * training mean (standardised value 0).
 */
export function logisticLogits(model: LogisticModel, X: Float32Array | Float64Array): Float64Array {
  const { d, weights, bias, mean, scale } = model;
  if (X.length % d !== 0)
    throw new Error(`logisticLogits: X length ${X.length} not a multiple of ${d}`);
  const n = X.length / d;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let z = bias[k] as number;
      for (let j = 0; j < d; j++) {
        const x = X[i * d + j] as number;
        if (!Number.isFinite(x)) continue;
        z += ((weights[k * d + j] as number) * (x - (mean[j] as number))) / (scale[j] as number);
      }
      out[i * K + k] = z;
    }
  }
  return out;
}

/** Row-wise softmax of an n×k row-major logit matrix (numerically stable). */
export function softmaxRows(logits: ArrayLike<number>, k = K, temperature = 1): Float64Array {
  if (logits.length % k !== 0) throw new Error(`softmaxRows: length ${logits.length} % ${k}`);
  const out = new Float64Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, (logits[o + c] as number) / temperature);
    let s = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((logits[o + c] as number) / temperature - m);
      out[o + c] = e;
      s += e;
    }
    for (let c = 0; c < k; c++) out[o + c] = (out[o + c] as number) / s;
  }
  return out;
}

/** Class probabilities (n×3 row-major) of a fitted model on X (n×d). */
export function predictLogistic(
  model: LogisticModel,
  X: Float32Array | Float64Array,
): Float64Array {
  return softmaxRows(logisticLogits(model, X));
}
