/**
 * Small allocation-free rolling helpers over typed arrays, used by the bar features.
 * Every window ends at (and includes) index i: only data up to the decision bar.
 */

/** Mean of a[i-n+1..i], or NaN when fewer than n values exist. */
export function rollingMean(a: Float64Array, i: number, n: number): number {
  if (i + 1 < n) return Number.NaN;
  let s = 0;
  for (let k = i - n + 1; k <= i; k++) s += a[k] as number;
  return s / n;
}

/** Highest a[k] for k in [i-n+1, i], or NaN when fewer than n values exist. */
export function rollingMax(a: Float64Array, i: number, n: number): number {
  if (i + 1 < n) return Number.NaN;
  let m = -Infinity;
  for (let k = i - n + 1; k <= i; k++) m = Math.max(m, a[k] as number);
  return m;
}

/** Lowest a[k] for k in [i-n+1, i], or NaN when fewer than n values exist. */
export function rollingMin(a: Float64Array, i: number, n: number): number {
  if (i + 1 < n) return Number.NaN;
  let m = Infinity;
  for (let k = i - n + 1; k <= i; k++) m = Math.min(m, a[k] as number);
  return m;
}
