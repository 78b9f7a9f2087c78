/**
 * Volume-weighted mean and spread of the typical price over one anchor period:
 * VWAP = Σ tp·v / Σ v and σ = √(Σ v·(tp − VWAP)² / Σ v) (DOMAIN.md, "Price levels").
 *
 * Why a weighted Welford update instead of the sums Σv, Σv·tp, Σv·tp²: the variance from
 * those sums is Σv·tp²/Σv − VWAP², a difference of two numbers near 4·10⁸ (tp ≈ 20 000)
 * whose true difference can be below 1 for a quiet hour. That loses about 9 of the 16
 * significant digits and can even come out negative (σ = NaN). Welford keeps the running
 * mean and the sum of squared deviations from it, whose terms stay of the size of σ², and
 * every increment v·(tp − mean_old)·(tp − mean_new) is ≥ 0, so σ is never NaN.
 */

export class VwapAccumulator {
  /** Anchor period key the sums belong to (NaN before the first bar). */
  key = Number.NaN;
  /** Σ v over the period's bars with known volume. */
  weight = 0;
  /** Running VWAP. */
  mean = 0;
  /** Σ v·(tp − mean)², maintained by the Welford update. */
  m2 = 0;
  /** Bars of this period whose volume is absent: the period's sums are then unknown. */
  missing = 0;

  /** Starts period `key` with nothing in it. */
  reset(key: number): void {
    this.key = key;
    this.weight = 0;
    this.mean = 0;
    this.m2 = 0;
    this.missing = 0;
  }

  /** Adds one bar's typical price `tp` with volume `v` (NaN = volume absent). */
  add(tp: number, v: number): void {
    if (Number.isNaN(v)) {
      this.missing++;
      return;
    }
    if (v <= 0) return;
    const weight = this.weight + v;
    const delta = tp - this.mean;
    const mean = this.mean + (v / weight) * delta;
    this.m2 += v * delta * (tp - mean);
    this.mean = mean;
    this.weight = weight;
  }

  /** Whether VWAP and σ are known: some volume traded and no bar lacked its volume. */
  get defined(): boolean {
    return this.weight > 0 && this.missing === 0;
  }

  /** VWAP, or NaN while undefined. */
  get vwap(): number {
    return this.defined ? this.mean : Number.NaN;
  }

  /** σ, or NaN while undefined. */
  get sigma(): number {
    return this.defined ? Math.sqrt(this.m2 / this.weight) : Number.NaN;
  }
}

/** The band VWAP + k·σ (k = ±1, ±2, ±3 for the usual bands). */
export function vwapBand(vwap: number, sigma: number, k: number): number {
  return vwap + k * sigma;
}
