/**
 * Value area (DOMAIN.md, "Price levels"): start at the POC; repeatedly compare the volume
 * of the next two bins above the area with the next two below; add the larger pair (equal
 * → both); stop once the area holds ≥ the share (70%) of the total. VAH/VAL = its ends.
 * Edges: bins beyond the profile hold nothing, so a side with one bin left offers that bin
 * alone and an exhausted side offers 0 — the other side then wins until the share is met.
 *
 * The expansion records each step in a trace so it can be resumed: when bars change only
 * some bins, every step before the first one that read a changed bin is still valid (it
 * compared the same numbers), so a volume profile restarts from there instead of from the
 * POC (`VolumeHistogram.valueArea`). The step rule below is the only implementation.
 */
import { TIE_TOLERANCE, tieFloor } from './profile-stats';

/** States of a value-area expansion: after step t the area is slots a[t]..b[t] holding held[t]. */
export class ValueAreaTrace {
  a = new Int32Array(256);
  b = new Int32Array(256);
  held = new Float64Array(256);

  /** Sets state 0: the POC slot alone. */
  start(values: Float64Array, poc: number): void {
    this.a[0] = poc;
    this.b[0] = poc;
    this.held[0] = values[poc] as number;
  }

  /** First step t ≤ last whose reads (slots a[t] − 2 .. b[t] + 2) meet slots lo..hi, else last. */
  firstReading(lo: number, hi: number, last: number): number {
    // The area only widens, so once a step's reads meet the span every later one's do.
    let l = 0;
    let r = last;
    while (l < r) {
      const mid = (l + r) >>> 1;
      if ((this.a[mid] as number) - 2 <= hi && (this.b[mid] as number) + 2 >= lo) r = mid;
      else l = mid + 1;
    }
    return l;
  }

  private grow(): void {
    const n = this.a.length * 2;
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
    const reach = tieFloor(target);
    let a = this.a[t] as number;
    let b = this.b[t] as number;
    let held = this.held[t] as number;
    while (held < reach && (a > first || b < last)) {
      const upBins = Math.min(2, last - b);
      const downBins = Math.min(2, a - first);
      let up = upBins > 0 ? (values[b + 1] as number) : 0;
      if (upBins > 1) up += values[b + 2] as number;
      let down = downBins > 0 ? (values[a - 1] as number) : 0;
      if (downBins > 1) down += values[a - 2] as number;
      // For values ≥ 0, "not nearlyEqual and up larger" is up − down > TIE_TOLERANCE · up.
      const d = up - down;
      if (d > TIE_TOLERANCE * up) {
        b += upBins;
        held += up;
      } else if (-d > TIE_TOLERANCE * down) {
        a -= downBins;
        held += down;
      } else {
        b += upBins;
        a -= downBins;
        held += up + down;
      }
      if (++t === this.a.length) this.grow();
      this.a[t] = a;
      this.b[t] = b;
      this.held[t] = held;
    }
    return t;
  }
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
