/**
 * The value area of a profile that grows a few bins at a time, computed from the previous
 * expansion instead of from the POC, with the very same result, to the bit.
 *
 * Why it is exact. An expansion (`ValueAreaTrace`) is a path of states: state t is the area
 * a[t]..b[t] and the volume held[t] it holds. The step out of state t *decides* (up, down
 * or both) from four slots only — a − 2, a − 1, b + 1, b + 2 (its "reads") — and adds their
 * volume, inc[t + 1]; `held` only decides when to stop. So when the bins in slots cLo..cHi
 * changed since the last query (nothing else did) and the POC is the same:
 * 1. Every step out of a state whose reads avoid cLo..cHi takes the same decision and
 *    adds the same inc as before. Up to the first state whose reads meet the span, the
 *    path is the old one; only held changes (the POC bin or bins inside the area changed),
 *    and it is recomputed as before, held[t] = held[t − 1] + inc[t], in the same order.
 * 2. From that state the path is walked afresh with the step rule, until it covers the
 *    span. Once a fresh state covers cLo..cHi, the reads of every later state lie outside
 *    it (the area only widens). If that state is also a state of the old path, the old
 *    steps from there are valid again by (1), and are replayed with their old inc.
 * 3. Whenever the replay reaches the old path's end without stopping, the walk continues
 *    with the step rule.
 * Every state thus gets the (a, b, held) that a walk from the POC computes, by the same
 * additions in the same order, and the stop test sees the same numbers. A state (a, b)
 * occurs on a path at most once, and b − a grows strictly along it, so "is this state on
 * the old path" is a binary search on b − a.
 *
 * Why it pays: a decision bar changes the bins a few bars traded in. A week's value area is
 * ~600 steps; steps that only add an old inc cost one addition, and the step rule runs only
 * where the path may really change.
 */
import { tieFloor } from './profile-stats';
import { ValueAreaTrace } from './value-area';

/** Value area of one growing profile, resumed from its last expansion (see the header). */
export class ResumableValueArea {
  /** Lowest and highest slot of the area found by the last `compute`. */
  lo = 0;
  hi = 0;
  private readonly trace = new ValueAreaTrace();
  /** Where the changed part of the path is walked afresh, beside the old one. */
  private readonly fresh = new ValueAreaTrace();
  /** Last state of `trace`; < 0 when there is nothing to resume from. */
  private steps = -1;
  private poc = 0;

  /** Forgets the last expansion (the bins were rebuilt or moved). */
  reset(): void {
    this.steps = -1;
  }

  /**
   * Value area of `values` over slots first..last, from POC slot `poc`, for `target`
   * volume. Slots cLo..cHi hold every bin that changed since the last call (including bins
   * that joined the range); cLo > cHi when none did. Bins only grow between resets.
   */
  compute(
    values: Float64Array,
    first: number,
    last: number,
    poc: number,
    target: number,
    cLo: number,
    cHi: number,
  ): void {
    const reach = tieFloor(target);
    let t: number;
    if (this.steps < 0 || poc !== this.poc) {
      this.trace.start(values, poc);
      t = this.trace.run(values, first, last, reach, 0, -Infinity, Infinity);
    } else {
      t = this.resume(values, first, last, reach, cLo, cHi);
    }
    this.steps = t;
    this.poc = poc;
    this.lo = this.trace.a[t] as number;
    this.hi = this.trace.b[t] as number;
  }

  /**
   * Updates the trace in place. States before the first one whose area holds a changed bin
   * keep their held (bins only grow, so the target only grows: none of them stops now).
   */
  private resume(
    values: Float64Array,
    first: number,
    last: number,
    reach: number,
    cLo: number,
    cHi: number,
  ): number {
    const tr = this.trace;
    const end = this.steps;
    // (1) the old path up to its first state reading the span; held recomputed from the
    // first state whose area holds a changed bin.
    const dirty = firstReading(tr, end, cLo, cHi);
    const held0 =
      cLo > cHi
        ? end + 1
        : Math.max(
            firstIndex(tr.a, end, (a) => a <= cHi),
            firstIndex(tr.b, end, (b) => b >= cLo),
          );
    const held = tr.held;
    for (let s = held0; s <= dirty; s++) {
      const h =
        s === 0
          ? (values[tr.a[0] as number] as number)
          : (held[s - 1] as number) + (tr.inc[s] as number);
      held[s] = h;
      if (!(h < reach && ((tr.a[s] as number) > first || (tr.b[s] as number) < last))) return s;
    }
    if (dirty === end) return tr.run(values, first, last, reach, end, -Infinity, Infinity);
    // (2) fresh steps until the area covers the span and rejoins the old path, walked in
    // `fresh` while `tr` still holds the old path.
    const fresh = this.fresh;
    fresh.reserve(dirty);
    fresh.a[dirty] = tr.a[dirty] as number;
    fresh.b[dirty] = tr.b[dirty] as number;
    fresh.held[dirty] = tr.held[dirty] as number;
    let t = dirty;
    let k = -1;
    for (;;) {
      const before = t;
      t = fresh.run(values, first, last, reach, t, cLo, cHi);
      const a = fresh.a[t] as number;
      const b = fresh.b[t] as number;
      if (t === before || !((fresh.held[t] as number) < reach && (a > first || b < last))) break;
      if (a <= cLo && b >= cHi) {
        k = stateOf(tr, dirty + 1, end, a, b);
        if (k >= 0) break;
      }
    }
    // The old states after the shared one move to follow it; the fresh states go in place.
    if (k >= 0 && k !== t) {
      tr.reserve(t + end - k);
      tr.a.copyWithin(t + 1, k + 1, end + 1);
      tr.b.copyWithin(t + 1, k + 1, end + 1);
      tr.inc.copyWithin(t + 1, k + 1, end + 1);
    }
    tr.reserve(t);
    tr.a.set(fresh.a.subarray(dirty + 1, t + 1), dirty + 1);
    tr.b.set(fresh.b.subarray(dirty + 1, t + 1), dirty + 1);
    tr.held.set(fresh.held.subarray(dirty + 1, t + 1), dirty + 1);
    tr.inc.set(fresh.inc.subarray(dirty + 1, t + 1), dirty + 1);
    if (k < 0) return t;
    // (3) replay the old steps after the shared state, then walk on. Those old states did
    // not end the old walk, so the (wider) range is not exhausted before the last of them.
    const last3 = t + end - k;
    const inc = tr.inc;
    const h = tr.held;
    let acc = h[t] as number;
    for (let s = t + 1; s <= last3; s++) {
      acc += inc[s] as number;
      h[s] = acc;
      if (!(acc < reach)) return s;
    }
    return tr.run(values, first, last, reach, last3, -Infinity, Infinity);
  }
}

/**
 * First state s ≤ end of `trace` whose reads (slots a − 2, a − 1, b + 1, b + 2) meet slots
 * lo..hi; `end` when none does. a only falls and b only rises, by at most 2 per step, so
 * the first state with a − 2 ≤ hi is the only candidate on the lower side (a later one's
 * a − 1 is below it) and likewise above.
 */
export function firstReading(trace: ValueAreaTrace, end: number, lo: number, hi: number): number {
  if (lo > hi) return end;
  let first = end;
  const down = firstIndex(trace.a, end, (a) => a - 2 <= hi);
  if (down <= end && (trace.a[down] as number) - 1 >= lo) first = down;
  const up = firstIndex(trace.b, end, (b) => b + 2 >= lo);
  if (up <= end && (trace.b[up] as number) + 1 <= hi && up < first) first = up;
  return first;
}

/** First index s in 0..end with pred(xs[s]) for a predicate false then true along s; end + 1 if none. */
function firstIndex(xs: Int32Array, end: number, pred: (x: number) => boolean): number {
  let l = 0;
  let r = end + 1;
  while (l < r) {
    const mid = (l + r) >>> 1;
    if (pred(xs[mid] as number)) r = mid;
    else l = mid + 1;
  }
  return l;
}

/** Index of state (a, b) among states from..end of `trace`, or -1 (b − a rises strictly). */
function stateOf(trace: ValueAreaTrace, from: number, end: number, a: number, b: number): number {
  const width = b - a;
  let l = from;
  let r = end + 1;
  while (l < r) {
    const mid = (l + r) >>> 1;
    if ((trace.b[mid] as number) - (trace.a[mid] as number) < width) l = mid + 1;
    else r = mid;
  }
  return l <= end && trace.a[l] === a && trace.b[l] === b ? l : -1;
}
