/**
 * One-tick bins over a movable window of ticks (tick index = round(price / tick size)).
 *
 * Profiles live around the current price, so a dense array with an offset base tick holds
 * a session in a few kilobytes and is addressed without hashing. Clearing zeroes only the
 * used range and re-centres the window on the next add, so a histogram reused day after
 * day never reallocates unless one day's range outgrows it (then it doubles). Subclasses
 * keep parallel per-bin arrays (TPO letters, smoothed volume) that move with the window.
 */

const EMPTY_LO = 1;
const EMPTY_HI = 0;

/** Copies slots [from, to) of `old` to `fresh` shifted by `shift`; returns `fresh`. */
export function moveSlots<T extends Float64Array | Int32Array | Uint32Array>(
  old: T,
  fresh: T,
  shift: number,
  from: number,
  to: number,
): T {
  // Nothing to keep (an empty histogram outgrowing its window): the shift may point
  // outside the new array, which `set` rejects even for no elements.
  if (from < to) fresh.set(old.subarray(from, to), from + shift);
  return fresh;
}

/** One-tick bins over a movable window; the base of volume and TPO profiles. */
export class TickHistogram {
  /** Tick index held in slot 0. */
  base = 0;
  /** Bin values; slot `tick - base`. Only [lo, hi] may be non-zero. */
  data: Float64Array;
  /** Lowest and highest tick added to since the last clear; lo > hi when empty. */
  lo = EMPTY_LO;
  hi = EMPTY_HI;
  /** Bumped on every change, so analyses can be cached until the bins move. */
  version = 0;

  /** @param pad slots kept addressable beyond [lo, hi] on each side (for smoothing). */
  constructor(
    capacity = 1024,
    protected readonly pad = 0,
  ) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  /** True when nothing has been added since the last clear. */
  get empty(): boolean {
    return this.lo > this.hi;
  }

  /** Number of bins from lo to hi inclusive (0 when empty). */
  get size(): number {
    return this.lo > this.hi ? 0 : this.hi - this.lo + 1;
  }

  /** Slot of the lowest bin (`data[from + k]` is tick `lo + k`). */
  get from(): number {
    return this.lo - this.base;
  }

  /** Adds `w` to every bin from tick `a` to tick `b` inclusive (a ≤ b). */
  add(a: number, b: number, w: number): void {
    this.reserve(a, b);
    const data = this.data;
    const end = b - this.base;
    for (let k = a - this.base; k <= end; k++) data[k] = (data[k] as number) + w;
    this.extend(a, b);
  }

  /** Adds every bin of `other` into this histogram. */
  addHistogram(other: TickHistogram): void {
    if (other.empty) return;
    this.reserve(other.lo, other.hi);
    const src = other.data;
    const dst = this.data;
    const shift = other.base - this.base;
    for (let k = other.lo - other.base; k <= other.hi - other.base; k++) {
      dst[k + shift] = (dst[k + shift] as number) + (src[k] as number);
    }
    this.extend(other.lo, other.hi);
  }

  /** Empties the histogram, zeroing only the used slots. */
  clear(): void {
    if (!this.empty) this.zero(this.lo - this.pad - this.base, this.hi + this.pad - this.base + 1);
    this.lo = EMPTY_LO;
    this.hi = EMPTY_HI;
    this.version++;
  }

  /** Zeroes slots [from, to) of every per-bin array (subclasses add theirs). */
  protected zero(from: number, to: number): void {
    this.data.fill(0, from, to);
  }

  /** Moves parallel arrays to a new layout of `capacity` slots (subclasses add theirs). */
  protected relocate(capacity: number, shift: number, from: number, to: number): void {
    this.data = moveSlots(this.data, new Float64Array(capacity), shift, from, to);
  }

  protected extend(a: number, b: number): void {
    if (this.lo > this.hi) {
      this.lo = a;
      this.hi = b;
    } else {
      if (a < this.lo) this.lo = a;
      if (b > this.hi) this.hi = b;
    }
    this.version++;
  }

  /** Makes ticks a - pad .. b + pad addressable, re-centring or doubling the window. */
  protected reserve(a: number, b: number): void {
    const lo = a - this.pad;
    const hi = b + this.pad;
    const cap = this.data.length;
    if (lo >= this.base && hi < this.base + cap) return;
    if (this.empty && hi - lo + 1 <= cap) {
      // Nothing to keep: re-centre so the day can wander either way before a resize.
      this.base = lo - ((cap - (hi - lo + 1)) >> 1);
      return;
    }
    const keepLo = this.empty ? lo : Math.min(lo, this.lo - this.pad);
    const keepHi = this.empty ? hi : Math.max(hi, this.hi + this.pad);
    const span = keepHi - keepLo + 1;
    let next = cap;
    while (next < 2 * span) next *= 2;
    const base = keepLo - ((next - span) >> 1);
    const from = this.empty ? 0 : this.lo - this.pad - this.base;
    const to = this.empty ? 0 : this.hi + this.pad - this.base + 1;
    this.relocate(next, this.base - base, from, to);
    this.base = base;
  }
}
