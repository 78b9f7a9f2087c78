/**
 * Highest (kind 1) or lowest (kind -1) of the last n values pushed, in O(1) amortised per
 * push with a monotonic deque: a value that a newer, at-least-as-extreme value follows can
 * never be the extreme again, so it is dropped; the front is the window's extreme. The
 * result is one of the window's values, selected, never computed, so it equals a scan.
 *
 * It matches `Math.max` / `Math.min` over the window exactly: ±0 are ordered as those
 * functions order them (+0 above −0), and a NaN in the window makes the result NaN.
 */
export class RollingExtreme {
  /** Rings of a power-of-two size ≥ n, indexed by sequence number & mask (no division). */
  private readonly mask: number;
  private readonly values: Float64Array;
  /** Sequence numbers of the deque's values, front at `head`, in a ring. */
  private readonly deque: Int32Array;
  private head = 0;
  private size = 0;
  private count = 0;
  /** Sequence number of the newest NaN (-1 when none was pushed). */
  private lastNaN = -1;

  constructor(
    private readonly n: number,
    private readonly kind: 1 | -1,
  ) {
    let size = 1;
    while (size < n) size *= 2;
    this.mask = size - 1;
    this.values = new Float64Array(size);
    this.deque = new Int32Array(size);
  }

  /** Adds x; the oldest value leaves once n are held. */
  push(x: number): void {
    const n = this.n;
    const mask = this.mask;
    const seq = this.count++;
    this.values[seq & mask] = x;
    if (Number.isNaN(x)) {
      this.lastNaN = seq;
      return;
    }
    // Drop the front values that left the window (several, after NaN pushes).
    while (this.size > 0 && (this.deque[this.head] as number) <= seq - n) {
      this.head = (this.head + 1) & mask;
      this.size--;
    }
    // Drop from the back every value x is at least as extreme as.
    while (this.size > 0) {
      const back = (this.head + this.size - 1) & mask;
      const v = this.values[(this.deque[back] as number) & mask] as number;
      if (!this.atLeast(x, v)) break;
      this.size--;
    }
    this.deque[(this.head + this.size) & mask] = seq;
    this.size++;
  }

  /** The extreme of the last n values; NaN before n were pushed or while a NaN is in them. */
  value(): number {
    if (this.count < this.n) return Number.NaN;
    if (this.lastNaN > this.count - 1 - this.n) return Number.NaN;
    // Values older than the window may still sit at the front after a NaN push.
    while (this.size > 1 && (this.deque[this.head] as number) <= this.count - 1 - this.n) {
      this.head = (this.head + 1) & this.mask;
      this.size--;
    }
    return this.values[(this.deque[this.head] as number) & this.mask] as number;
  }

  /** Whether x is at least as extreme as v (+0 counts above −0). */
  private atLeast(x: number, v: number): boolean {
    if (x === v && x === 0) return this.kind > 0 ? 1 / x > 0 || 1 / v < 0 : 1 / x < 0 || 1 / v > 0;
    return this.kind > 0 ? x >= v : x <= v;
  }
}
