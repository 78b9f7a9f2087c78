/**
 * Sorted lists of the structural peaks and valleys of a smoothed profile (run centres that
 * are the max / min within ±window; see `node-scan.ts`), kept up to date region by region.
 *
 * Why incremental: a week profile has ~3 000 bins and a decision comes every 5 minutes;
 * re-classifying every bin each time was most of the engine's cost. Whether a run centre c
 * is a peak depends only on the smoothed values within c ± window and on its run's extent.
 * So after the smoothed values changed on slots [dLo, dHi], only runs meeting
 * [dLo − window − 1, dHi + window + 1] can change: those runs are re-classified (the region
 * is widened to whole runs, so a plateau that was split or joined is redone entirely) and
 * everything else stands. The mean threshold is applied at query time, on the few
 * structural nodes between the close and the nearest qualifying one.
 */
import { passesLevel, RunClassifier, type NodeKind } from './node-scan';
import { TIE_TOLERANCE } from './profile-stats';

/**
 * A pair of adjacent smoothed values differing by more than this share of the larger is a
 * clear slope: twice the tie tolerance, so rounding in the exact tests cannot turn it.
 */
const SLOPE = 2 * TIE_TOLERANCE;

class TickList {
  ticks = new Int32Array(64);
  count = 0;

  /** Index of the first entry ≥ tick. */
  lowerBound(tick: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ticks[mid] as number) < tick) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Replaces the entries in [i0, i1) by `fresh[0 .. n - 1]`. */
  splice(i0: number, i1: number, fresh: Int32Array, n: number): void {
    const next = this.count - (i1 - i0) + n;
    if (next > this.ticks.length) {
      const grown = new Int32Array(Math.max(2 * this.ticks.length, next));
      grown.set(this.ticks.subarray(0, this.count));
      this.ticks = grown;
    }
    const ticks = this.ticks;
    ticks.copyWithin(i0 + n, i1, this.count);
    // A loop, not set(subarray): no view object per refresh.
    for (let k = 0; k < n; k++) ticks[i0 + k] = fresh[k] as number;
    this.count = next;
  }
}

/** Structural peaks and valleys of one smoothed profile, updated region by region. */
export class NodeIndex {
  private readonly peaks = new TickList();
  private readonly valleys = new TickList();
  private readonly cls = new RunClassifier();
  private freshPeaks = new Int32Array(64);
  private freshValleys = new Int32Array(64);

  /** Forgets every node. */
  clear(): void {
    this.peaks.count = 0;
    this.valleys.count = 0;
  }

  /**
   * Re-classifies the runs meeting ticks from..to of a profile whose range is ticks lo..hi,
   * with smoothed values `s` (slot = tick − base) that are current everywhere.
   */
  update(
    s: Float64Array,
    base: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
    window: number,
  ): void {
    const first = Math.max(from, lo);
    const last = Math.min(to, hi);
    if (first > last) return;
    const cls = this.cls;
    cls.prepare(s, lo - base, hi - base, window);
    const a = cls.runStart(first - base) + base;
    const b = cls.runEnd(last - base) + base;
    if (this.freshPeaks.length < b - a + 1) {
      this.freshPeaks = new Int32Array(2 * (b - a + 1));
      this.freshValleys = new Int32Array(2 * (b - a + 1));
    }
    let np = 0;
    let nv = 0;
    const freshPeaks = this.freshPeaks;
    const freshValleys = this.freshValleys;
    const hiSlot = hi - base;
    const lastSlot = b - base;
    // Slope of the pair (x − 1, x): 1 clearly rising, -1 clearly falling, 0 unknown.
    let left = 0;
    // Slots before `fastEnd` have a right neighbour inside the range and the region.
    const fastEnd = Math.min(lastSlot + 1, hiSlot);
    for (let x = a - base; x <= lastSlot;) {
      // Mid-slope fast path: a slot whose both pairs clearly rise (or fall) by more than
      // twice the tie tolerance is a run of its own, below its higher neighbour (not a
      // peak) and above its lower one (not a valley), whatever rounding does to the exact
      // tests below: nothing to record.
      if (left > 0) {
        let v = s[x] as number;
        while (x < fastEnd) {
          const next = s[x + 1] as number;
          if (!(next - v > SLOPE * next)) break;
          v = next;
          x++;
        }
      } else if (left < 0) {
        let v = s[x] as number;
        while (x < fastEnd) {
          const next = s[x + 1] as number;
          if (!(v - next > SLOPE * v)) break;
          v = next;
          x++;
        }
      }
      if (x > lastSlot) break;
      const v0 = s[x] as number;
      // RunClassifier's runEnd and isExtreme, inlined with the tie test for values ≥ 0 (one
      // multiply per side, no abs/max).
      let end = x;
      let v = v0;
      // The pair (x − 1, x) as the fast path left it.
      const into = left;
      left = 0;
      while (end < hiSlot) {
        // nearlyEqual(next, v) for values ≥ 0: |next − v| ≤ TIE_TOLERANCE · max(next, v).
        // With next ≥ v that is next − v ≤ TOL · next and the second test below holds
        // (v − next ≤ 0); with next < v the mirror. fl(v − next) = −fl(next − v), so the
        // two forms agree on every pair.
        const next = s[end + 1] as number;
        const d = next - v;
        if (d > TIE_TOLERANCE * next || -d > TIE_TOLERANCE * v) {
          left = d > SLOPE * next ? 1 : -d > SLOPE * v ? -1 : 0;
          break;
        }
        end++;
        v = next;
      }
      const c = (x + end) >> 1;
      const sc = s[c] as number;
      // A slot alone in its run with a clearly higher neighbour is no peak, with a clearly
      // lower one no valley (the first step of each test below would say so).
      const alone = end === x;
      let peak = !alone || (into >= 0 && left <= 0);
      // Both neighbours clearly lower (higher): the first step of the peak (valley) test
      // passes, and it starts at the second.
      for (let k = alone && into > 0 && left < 0 ? 2 : 1; peak && k <= window; k++) {
        const l = s[c - k] as number;
        const r = s[c + k] as number;
        if (l - TIE_TOLERANCE * l > sc || r - TIE_TOLERANCE * r > sc) {
          peak = false;
          break;
        }
      }
      if (peak) freshPeaks[np++] = c + base;
      const floor = sc - TIE_TOLERANCE * sc;
      let valley = !alone || (into <= 0 && left >= 0);
      for (let k = alone && into < 0 && left > 0 ? 2 : 1; valley && k <= window; k++) {
        if ((s[c - k] as number) < floor || (s[c + k] as number) < floor) {
          valley = false;
          break;
        }
      }
      if (valley) freshValleys[nv++] = c + base;
      x = end + 1;
    }
    const p0 = this.peaks.lowerBound(a);
    this.peaks.splice(p0, this.peaks.lowerBound(b + 1), this.freshPeaks, np);
    const v0 = this.valleys.lowerBound(a);
    this.valleys.splice(v0, this.valleys.lowerBound(b + 1), this.freshValleys, nv);
  }

  /**
   * The nearest node of `kind` passing `level` whose tick is ≥ tick (dir 1) or ≤ tick
   * (dir -1); NaN when none.
   */
  nearest(
    kind: NodeKind,
    s: Float64Array,
    base: number,
    level: number,
    tick: number,
    dir: 1 | -1,
  ): number {
    const list = kind > 0 ? this.peaks : this.valleys;
    const ticks = list.ticks;
    if (dir > 0) {
      for (let i = list.lowerBound(tick); i < list.count; i++) {
        const t = ticks[i] as number;
        if (passesLevel(s[t - base] as number, level, kind)) return t;
      }
    } else {
      for (let i = list.lowerBound(tick + 1) - 1; i >= 0; i--) {
        const t = ticks[i] as number;
        if (passesLevel(s[t - base] as number, level, kind)) return t;
      }
    }
    return Number.NaN;
  }

  /** Every node of `kind` passing `level`, ascending ticks. */
  all(kind: NodeKind, s: Float64Array, base: number, level: number): number[] {
    const list = kind > 0 ? this.peaks : this.valleys;
    const out: number[] = [];
    for (let i = 0; i < list.count; i++) {
      const t = list.ticks[i] as number;
      if (passesLevel(s[t - base] as number, level, kind)) out.push(t);
    }
    return out;
  }
}
