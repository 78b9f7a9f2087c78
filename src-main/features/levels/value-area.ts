/**
 * Value area (DOMAIN.md, "Price levels"): start at the POC; repeatedly compare the volume
 * of the next two bins above the area with the next two below; add the larger pair (equal
 * → both); stop once the area holds ≥ the share (70%) of the total. VAH/VAL = its ends.
 * Edges: bins beyond the profile hold nothing, so a side with one bin left offers that bin
 * alone and an exhausted side offers 0 — the other side then wins until the share is met.
 *
 * The expansion records each step in a trace (its area and what it held) so it
 * can be resumed after a few bins change (`ResumableValueArea`, `value-area-resume.ts`).
 * The step rule below is the only implementation.
 */
import { TIE_TOLERANCE, tieFloor } from './profile-stats';

/**
 * States of a value-area expansion: after step t the area is slots a[t]..b[t] holding
 * held[t] (held[t − 1] + what step t added, `stepVolume`).
 */
export class ValueAreaTrace {
  a = new Int32Array(256);
  b = new Int32Array(256);
  held = new Float64Array(256);
  /** Set by `run`: the state of the given path the walk joined, or -1. */
  joined = -1;

  /** Sets state 0: the POC slot alone. */
  start(values: Float64Array, poc: number): void {
    this.a[0] = poc;
    this.b[0] = poc;
    this.held[0] = values[poc] as number;
  }

  /** Makes room for states 0..t. */
  reserve(t: number): void {
    if (t < this.a.length) return;
    let n = this.a.length * 2;
    while (n <= t) n *= 2;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    const held = new Float64Array(n);
    a.set(this.a);
    b.set(this.b);
    held.set(this.held);
    this.a = a;
    this.b = b;
    this.held = held;
  }

  /**
   * Expands from state t over slots first..last until the area holds ≥ `target` (up to
   * rounding); returns the final step.
   */
  expand(values: Float64Array, first: number, last: number, target: number, t: number): number {
    return this.run(values, first, last, tieFloor(target), t, null, 0, -1, 0, 0);
  }

  /**
   * The expansion from state t, stopping where `expand` stops (held ≥ reach, or the range is
   * exhausted) or, with a `path`, as soon as a state covering slots encLo..encHi is also
   * state `joined` of `path` among its states from..end (b − a rises strictly along a path,
   * so one forward pointer finds it). Returns the last state; `joined` is -1 unless joined.
   */
  run(
    values: Float64Array,
    first: number,
    last: number,
    reach: number,
    t: number,
    path: ValueAreaTrace | null,
    from: number,
    end: number,
    encLo: number,
    encHi: number,
  ): number {
    let a = this.a[t] as number;
    let b = this.b[t] as number;
    let held = this.held[t] as number;
    let j = from;
    this.joined = -1;
    let as = this.a;
    let bs = this.b;
    let hs = this.held;
    while (held < reach && (a > first || b < last)) {
      let up = 0;
      let upBins = 0;
      if (b + 2 <= last) {
        up = (values[b + 1] as number) + (values[b + 2] as number);
        upBins = 2;
      } else if (b < last) {
        up = values[b + 1] as number;
        upBins = 1;
      }
      let down = 0;
      let downBins = 0;
      if (a - 2 >= first) {
        down = (values[a - 1] as number) + (values[a - 2] as number);
        downBins = 2;
      } else if (a > first) {
        down = values[a - 1] as number;
        downBins = 1;
      }
      // For values ≥ 0, "not nearlyEqual and up larger" is up − down > TIE_TOLERANCE · up.
      const d = up - down;
      let add: number;
      if (d > TIE_TOLERANCE * up) {
        b += upBins;
        add = up;
      } else if (-d > TIE_TOLERANCE * down) {
        a -= downBins;
        add = down;
      } else {
        b += upBins;
        a -= downBins;
        add = up + down;
      }
      held += add;
      if (++t === as.length) {
        this.reserve(t);
        as = this.a;
        bs = this.b;
        hs = this.held;
      }
      as[t] = a;
      bs[t] = b;
      hs[t] = held;
      if (path !== null && a <= encLo && b >= encHi) {
        const width = b - a;
        if (j === from) j = firstWidth(path, from, end, width);
        while (j <= end && (path.b[j] as number) - (path.a[j] as number) < width) j++;
        if (j <= end && path.a[j] === a && path.b[j] === b) {
          this.joined = j;
          break;
        }
      }
    }
    return t;
  }
}

/**
 * First state s in from..end of `path` with b − a ≥ width (end + 1 if none): the widths
 * rise strictly along a path, and the first covering state of a resumed walk is often
 * dozens of states past `from`.
 */
function firstWidth(path: ValueAreaTrace, from: number, end: number, width: number): number {
  let l = from;
  let r = end + 1;
  while (l < r) {
    const mid = (l + r) >>> 1;
    if ((path.b[mid] as number) - (path.a[mid] as number) < width) l = mid + 1;
    else r = mid;
  }
  return l;
}

/**
 * What step t of `trace` added: the volume of the slots it took, summed as `run` sums them
 * (a pair above, a pair below, then both), from the bins as they are now.
 */
export function stepVolume(trace: ValueAreaTrace, values: Float64Array, t: number): number {
  const a0 = trace.a[t - 1] as number;
  const b0 = trace.b[t - 1] as number;
  const upBins = (trace.b[t] as number) - b0;
  const downBins = a0 - (trace.a[t] as number);
  let up = upBins > 0 ? (values[b0 + 1] as number) : 0;
  if (upBins > 1) up += values[b0 + 2] as number;
  let down = downBins > 0 ? (values[a0 - 1] as number) : 0;
  if (downBins > 1) down += values[a0 - 2] as number;
  return upBins > 0 && downBins > 0 ? up + down : upBins > 0 ? up : down;
}

const scratch = new ValueAreaTrace();

/**
 * Value area of the profile `values[from .. from + n − 1]` summing to `total`, from bin
 * offset `poc`: writes its lowest and highest bin offsets to out[0], out[1].
 */
export function valueArea(
  values: Float64Array,
  from: number,
  n: number,
  poc: number,
  share: number,
  total: number,
  out: Int32Array,
): void {
  scratch.start(values, from + poc);
  const t = scratch.expand(values, from, from + n - 1, share * total, 0);
  out[0] = (scratch.a[t] as number) - from;
  out[1] = (scratch.b[t] as number) - from;
}
