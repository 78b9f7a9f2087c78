/**
 * The value area of a profile that grows a few bins at a time, computed from the previous
 * expansion instead of from the POC: the same path of areas as a walk from the POC, and
 * the same stop but where the area's volume is within rounding of the target (below).
 *
 * Why the path is the same. An expansion (`ValueAreaTrace`) is a path of states: state t
 * is the area a[t]..b[t] and the volume held[t] it holds. The step out of state t *decides*
 * (up, down or both) from four slots only — a − 2, a − 1, b + 1, b + 2 (its "reads") — and
 * adds their volume; `held` only decides when to stop. So when the bins in
 * slots cLo..cHi changed since the last query (nothing else did):
 * 1. Every step out of a state whose reads avoid cLo..cHi takes the same decision and
 *    adds the same volume as before. Up to the first state whose reads meet the span, the
 *    path is the old one; only held changes (the POC bin or bins inside the area changed),
 *    and it is recomputed as before, held[t] = held[t − 1] + what step t adds (the bins
 *    it reads did not change), in the same order.
 * 2. From that state the path is walked afresh with the step rule, until it covers the
 *    span. Once a fresh state covers cLo..cHi, the reads of every later state lie outside
 *    it (the area only widens). If that state is also a state of the old path, the old
 *    steps from there are valid again by (1).
 * 3. When the POC moved, the fresh walk starts at the new POC; it may still meet the old
 *    path (every old state holds the old POC) once it covers the span, and (2) applies.
 * 4. Whenever the old path's end is reached without stopping, the walk continues with the
 *    step rule.
 * A state (a, b) occurs on a path at most once, and b − a grows strictly along it, so "is
 * this state on the old path" is one pointer moving forward along the old path
 * (`ValueAreaTrace.run`).
 *
 * The stop. Every old state after the shared one holds exactly the changed volume more
 * than before (all changed bins lie inside it), so its held is its old held plus the
 * shared state's gain: that shift is kept pending (`pending`, for the states after
 * `settled`) rather than written into ~hundreds of states, and the first state reaching
 * the target is found by bisection on the rising held. Held is thus the old sum plus one
 * or a few shifts instead of the walk's own running sum: equal up to rounding (relative
 * ~1e-16 per addition), so the stop can differ from a walk from the POC only where an
 * area's volume is within that rounding of the target (never seen on the 2024 data: every
 * level there equals the walk's; the property test compares VAL/VAH with it).
 *
 * Why it pays: a decision bar changes the bins a few bars traded in. A week's value area is
 * ~600 steps; the step rule runs only where the path may really change, and the rest of
 * the path costs a bisection.
 */
import { tieFloor } from './profile-stats';
import { stepVolume, ValueAreaTrace } from './value-area';

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
  /** States after `settled` hold `held + pending` (a shift not yet written; see the header). */
  private settled = Infinity;
  private pending = 0;

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
    if (this.steps < 0) {
      this.trace.start(values, poc);
      t = this.trace.run(values, first, last, reach, 0, null, 0, -1, 0, 0);
      this.settled = Infinity;
      this.pending = 0;
    } else if (poc !== this.poc) {
      t = this.restart(values, first, last, poc, reach, cLo, cHi);
    } else {
      t = this.resume(values, first, last, reach, cLo, cHi);
    }
    this.steps = t;
    this.poc = poc;
    this.lo = this.trace.a[t] as number;
    this.hi = this.trace.b[t] as number;
  }

  /**
   * The POC moved: a fresh walk from the new POC, which may still meet the old path once it
   * covers the changed bins (every state of the old path holds the old POC, so only
   * a POC an even number of slots away can, unless an edge is reached).
   */
  private restart(
    values: Float64Array,
    first: number,
    last: number,
    poc: number,
    reach: number,
    cLo: number,
    cHi: number,
  ): number {
    const fresh = this.fresh;
    fresh.start(values, poc);
    const t = fresh.run(values, first, last, reach, 0, this.trace, 0, this.steps, cLo, cHi);
    return this.adopt(values, first, last, reach, -1, t);
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
    this.settle(dirty);
    const held0 =
      cLo > cHi ? end + 1 : Math.max(firstAtMost(tr.a, end, cHi), firstAtLeast(tr.b, end, cLo));
    const held = tr.held;
    for (let s = held0; s <= dirty; s++) {
      const h =
        s === 0
          ? (values[tr.a[0] as number] as number)
          : (held[s - 1] as number) + stepVolume(tr, values, s);
      held[s] = h;
      if (!(h < reach && ((tr.a[s] as number) > first || (tr.b[s] as number) < last))) return s;
    }
    if (dirty === end) {
      this.settleAll(end);
      return tr.run(values, first, last, reach, end, null, 0, -1, 0, 0);
    }
    // (2) fresh steps until the area covers the span and rejoins the old path, walked in
    // `fresh` while `tr` still holds the old path.
    const fresh = this.fresh;
    fresh.reserve(dirty);
    fresh.a[dirty] = tr.a[dirty] as number;
    fresh.b[dirty] = tr.b[dirty] as number;
    fresh.held[dirty] = tr.held[dirty] as number;
    const t = fresh.run(values, first, last, reach, dirty, tr, dirty + 1, end, cLo, cHi);
    return this.adopt(values, first, last, reach, dirty, t);
  }

  /**
   * Puts the fresh states after `from` up to `t` in place of the old ones and, when the
   * fresh walk rejoined the old path, shifts the old states after the shared one and finds
   * the stop among them.
   */
  private adopt(
    values: Float64Array,
    first: number,
    last: number,
    reach: number,
    from: number,
    t: number,
  ): number {
    const tr = this.trace;
    const fresh = this.fresh;
    const end = this.steps;
    const k = fresh.joined;
    const held = tr.held;
    let shift = 0;
    if (k >= 0) {
      // The old states after the shared one all gain what the shared state gained: their
      // stored held is made relative to `pending` (those before `settled` were not), and
      // the shift goes into `pending`.
      const pending = this.pending;
      const oldK = (held[k] as number) + (k > this.settled ? pending : 0);
      shift = (fresh.held[t] as number) - oldK;
      if (pending !== 0) {
        const upTo = Math.min(this.settled, end);
        for (let s = k + 1; s <= upTo; s++) held[s] = (held[s] as number) - pending;
      }
    }
    // The old states after the shared one move to follow it; the fresh states go in place.
    if (k >= 0 && k !== t) {
      tr.reserve(t + end - k);
      tr.a.copyWithin(t + 1, k + 1, end + 1);
      tr.b.copyWithin(t + 1, k + 1, end + 1);
      tr.held.copyWithin(t + 1, k + 1, end + 1);
    }
    tr.reserve(t);
    // A plain loop (a few dozen states, typically): `set` from a `subarray` allocated three
    // view objects per call, ~30 MB of garbage a year.
    const fa = fresh.a;
    const fb = fresh.b;
    const fh = fresh.held;
    const ta = tr.a;
    const tb = tr.b;
    const th = tr.held;
    for (let s = from + 1; s <= t; s++) {
      ta[s] = fa[s] as number;
      tb[s] = fb[s] as number;
      th[s] = fh[s] as number;
    }
    if (k < 0) {
      // Every state up to t is written out (the prefix was settled, the rest is fresh).
      this.settled = Infinity;
      this.pending = 0;
      return t;
    }
    this.settled = t;
    this.pending += shift;
    // (3) the old steps after the shared state, then a walk on. Those old states did not
    // end the old walk, so the (wider) range is not exhausted before the last of them.
    const last3 = t + end - k;
    // The shared state itself may end the walk (the join is checked before the stop test).
    const ht = tr.held[t] as number;
    if (!(ht < reach && ((tr.a[t] as number) > first || (tr.b[t] as number) < last))) return t;
    // held rises along the path: the first later state reaching the target, by bisection.
    const h = tr.held;
    const pending = this.pending;
    let l = t + 1;
    let r = last3 + 1;
    while (l < r) {
      const mid = (l + r) >>> 1;
      if ((h[mid] as number) + pending < reach) l = mid + 1;
      else r = mid;
    }
    if (l <= last3) return l;
    this.settleAll(last3);
    return tr.run(values, first, last, reach, last3, null, 0, -1, 0, 0);
  }

  /** Writes the pending shift into the states after `settled` up to `upTo`. */
  private settle(upTo: number): void {
    if (upTo <= this.settled) return;
    const held = this.trace.held;
    const pending = this.pending;
    for (let s = this.settled + 1; s <= upTo; s++) held[s] = (held[s] as number) + pending;
    this.settled = upTo;
  }

  /** Settles states up to `end`, the last one: no shift is left pending. */
  private settleAll(end: number): void {
    this.settle(end);
    this.settled = Infinity;
    this.pending = 0;
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
  const down = firstAtMost(trace.a, end, hi + 2);
  if (down <= end && (trace.a[down] as number) - 1 >= lo) first = down;
  const up = firstAtLeast(trace.b, end, lo - 2);
  if (up <= end && (trace.b[up] as number) + 1 <= hi && up < first) first = up;
  return first;
}

/** First s in 0..end with xs[s] ≤ x, xs falling along s; end + 1 if none. */
function firstAtMost(xs: Int32Array, end: number, x: number): number {
  let l = 0;
  let r = end + 1;
  while (l < r) {
    const mid = (l + r) >>> 1;
    if ((xs[mid] as number) <= x) r = mid;
    else l = mid + 1;
  }
  return l;
}

/** First s in 0..end with xs[s] ≥ x, xs rising along s; end + 1 if none. */
function firstAtLeast(xs: Int32Array, end: number, x: number): number {
  let l = 0;
  let r = end + 1;
  while (l < r) {
    const mid = (l + r) >>> 1;
    if ((xs[mid] as number) >= x) r = mid;
    else l = mid + 1;
  }
  return l;
}
