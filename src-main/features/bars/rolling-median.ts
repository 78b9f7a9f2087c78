/**
 * Median of the last n values pushed, in O(n) memory moves per push instead of a sort:
 * the window is kept sorted, the value leaving is found by binary search and removed, the
 * value entering is inserted in place. The sorted window is the same multiset a sort of the
 * window gives, so the median (the middle value, or the mean of the two middle ones,
 * computed by the same expression) is identical to sorting, to the bit.
 *
 * Order is that of the sort: −0 before +0 (`before`), so even the sign of a zero median
 * matches. NaN has no place in a sorted order; while one is in the window the median is computed by
 * sorting a copy, as `Float64Array.prototype.sort` orders it (NaN last).
 */
export class RollingMedian {
  /** The window in arrival order (a ring). */
  private readonly ring: Float64Array;
  /** The window's non-NaN values, ascending. */
  private readonly sorted: Float64Array;
  private readonly scratch: Float64Array;
  private count = 0;
  private sortedCount = 0;
  private nans = 0;

  constructor(private readonly n: number) {
    this.ring = new Float64Array(n);
    this.sorted = new Float64Array(n);
    this.scratch = new Float64Array(n);
  }

  /** Adds x; the oldest value leaves once n are held. */
  push(x: number): void {
    const slot = this.count % this.n;
    if (this.count >= this.n) this.remove(this.ring[slot] as number);
    this.ring[slot] = x;
    this.count++;
    if (Number.isNaN(x)) this.nans++;
    else this.insert(x);
  }

  /** Median of the last n values, NaN before n were pushed. */
  median(): number {
    const n = this.n;
    if (this.count < n) return Number.NaN;
    let view = this.sorted;
    if (this.nans > 0) {
      view = this.scratch;
      view.set(this.ring);
      view.sort();
    }
    return n % 2 === 1
      ? (view[(n - 1) >> 1] as number)
      : ((view[n / 2 - 1] as number) + (view[n / 2] as number)) / 2;
  }

  private insert(x: number): void {
    const s = this.sorted;
    // First index holding a value after x (equal values are interchangeable).
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (!before(x, s[mid] as number)) lo = mid + 1;
      else hi = mid;
    }
    s.copyWithin(lo + 1, lo, this.sortedCount);
    s[lo] = x;
    this.sortedCount++;
  }

  private remove(x: number): void {
    if (Number.isNaN(x)) {
      this.nans--;
      return;
    }
    const s = this.sorted;
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(s[mid] as number, x)) lo = mid + 1;
      else hi = mid;
    }
    s.copyWithin(lo, lo + 1, this.sortedCount);
    this.sortedCount--;
  }
}

/** The sort's order on non-NaN numbers: a < b, or −0 before +0. */
function before(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}
