/**
 * POC of one profile and the tie rules (DOMAIN.md, "Price levels"); volume profiles and
 * TPO counts share them (the value area is in `value-area.ts`). A profile is `n` bins `values[from .. from + n - 1]`, lowest
 * price first; results are bin offsets within it. Nothing here allocates.
 *
 * Ties: bar volume is spread as v / (bins in the bar), so two bins that ought to hold the
 * same volume may differ in the last bits after different additions. Values within a
 * relative TIE_TOLERANCE count as equal, far below any real volume difference (one
 * contract over a 1 000-tick bar is 1e-3, against bin sums below 1e7).
 */

/** Relative difference under which two profile values are a tie. */
export const TIE_TOLERANCE = 1e-9;

/** Whether a and b are equal within TIE_TOLERANCE of the larger magnitude. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** The smallest value that ties with `max`. */
export function tieFloor(max: number): number {
  return max - TIE_TOLERANCE * Math.abs(max);
}

/**
 * POC tie-break between two tied bins i and j of a profile spanning bins lo..hi: whether i
 * wins — nearer the middle of the range, or equally near and lower. Distances are doubled
 * (|2i − (lo + hi)|) so the middle of an even range stays an integer.
 */
export function winsPocTie(i: number, j: number, lo: number, hi: number): boolean {
  const di = Math.abs(2 * i - (lo + hi));
  const dj = Math.abs(2 * j - (lo + hi));
  return di < dj || (di === dj && i < j);
}

/**
 * Bin offset of the POC: the most volume; ties → nearest the middle of the profile's range;
 * still tied → the lower price. -1 for an empty profile.
 */
export function pocIndex(values: Float64Array, from: number, n: number): number {
  let max = -Infinity;
  for (let i = from; i < from + n; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  const floor = tieFloor(max);
  let best = -1;
  for (let i = 0; i < n; i++) {
    if ((values[from + i] as number) >= floor && (best < 0 || winsPocTie(i, best, 0, n - 1))) {
      best = i;
    }
  }
  return best;
}

/** Sum of the profile's bins. */
export function profileTotal(values: Float64Array, from: number, n: number): number {
  let total = 0;
  for (let i = from; i < from + n; i++) total += values[i] as number;
  return total;
}
