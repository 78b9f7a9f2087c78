/**
 * A volume profile that keeps, beside its bins, what the levels need at a decision bar,
 * maintained as bars arrive (O(bar range) per bar) instead of recomputed over the whole
 * profile (a week is ~3 000 bins) at every query:
 * - the total volume (value-area target);
 * - the POC candidates: every bin within the tie tolerance of the largest bin. Bins only
 *   grow between clears, so the largest only grows: a new clear maximum empties the list,
 *   a tie joins it, and the tie-break (nearest the range's middle, then lower) runs over the
 *   few candidates when asked;
 * - the smoothed profile and its count of non-empty bins (the HVN/LVN mean): each bar adds
 *   its trapezoid, bin j gaining w · |[j − h, j + h] ∩ [a, b]| / smoothBins. The values
 *   depend on the bars and their order only, never on when levels are read, so reading
 *   after every bar gives the same levels, to the bit, as reading every fifth bar;
 * - the structural nodes (`NodeIndex`), refreshed when asked over the span the bars since
 *   the last query changed;
 * - the value-area expansion of the last query, resumed where bins changed since (see
 *   `value-area-resume.ts`): between two decision bars a few bins change, and a week's value
 *   area is ~600 steps.
 * After bins are added wholesale (`addHistogram`, the week rebuild) `rederive` recomputes
 * everything from the bins.
 */
import { NodeIndex } from './node-index';
import { nodePad, smoothedAt, type NodeKind, type NodeParams } from './node-scan';
import { tieFloor, winsPocTie } from './profile-stats';
import { ProfileHistogram } from './profile-histogram';
import { moveSlots } from './tick-histogram';

/** A volume profile with the incremental state its levels need (see the header). */
export class VolumeHistogram extends ProfileHistogram {
  /** Smoothed bins (same slots as `data`), over [lo − h, hi + h]. */
  smooth: Float64Array;
  /** Smoothed bins holding anything (`total`, the Σ volume, is also Σ smoothed bins). */
  nonEmpty = 0;
  readonly nodes = new NodeIndex();
  /** Per slot: in `candidates` when equal to `generation`. */
  private mark: Int32Array;
  private generation = 1;
  private candidates = new Int32Array(64);
  private candidateCount = 0;
  /** Ticks whose structural node status may have changed since the last refresh. */
  private dirtyLo = Infinity;
  private dirtyHi = -Infinity;
  private readonly h: number;

  constructor(
    capacity: number,
    private readonly params: NodeParams,
  ) {
    super(capacity, nodePad(params));
    this.h = (params.smoothBins - 1) >> 1;
    this.smooth = new Float64Array(this.data.length);
    this.mark = new Int32Array(this.data.length);
  }

  /** Mean of the non-empty smoothed bins (NaN when empty). */
  get smoothMean(): number {
    return this.nonEmpty === 0 ? Number.NaN : this.total / this.nonEmpty;
  }

  /** Spreads `w` per bin over ticks a..b (a bar's volume / its bins). */
  addVolume(a: number, b: number, w: number): void {
    const h = this.h;
    // Bins between the bar and the old range join the range: the runs and value-area steps
    // at the old edge see them now.
    this.dirtyLo = Math.min(this.dirtyLo, a - h, this.joinLo(b));
    this.dirtyHi = Math.max(this.dirtyHi, b + h, this.joinHi(a));
    this.noteChange(a, b);
    // The old support of the smoothed bins, before `reserve` may move the slots.
    const gapless = this.nonEmpty === this.size + 2 * h;
    this.reserve(a, b);
    const data = this.data;
    const ka = a - this.base;
    const kb = b - this.base;
    let max = this.max;
    let floor = tieFloor(max);
    for (let k = ka; k <= kb; k++) {
      const x = (data[k] as number) + w;
      data[k] = x;
      if (x < floor) continue;
      if (x > max) {
        // Beyond a tie with the old maximum: every earlier candidate is below the floor.
        if (max < tieFloor(x)) {
          this.generation++;
          this.candidateCount = 0;
        }
        max = x;
        floor = tieFloor(max);
      }
      if (this.mark[k] !== this.generation) this.push(k);
    }
    this.max = max;
    const scale = w / this.params.smoothBins;
    if (gapless) {
      // Every smoothed slot of [lo − h, hi + h] holds volume and none beyond it (the count
      // of non-empty slots says so): the bar fills exactly its slots outside that span.
      const empty = this.empty;
      const from = ka - h;
      const to = kb + h;
      const oldFrom = this.lo - this.base - h;
      const oldTo = this.hi - this.base + h;
      const overlap = empty ? 0 : Math.max(0, Math.min(to, oldTo) - Math.max(from, oldFrom) + 1);
      this.nonEmpty += to - from + 1 - overlap;
      this.smoothAdd(ka, kb, scale);
    } else {
      this.smoothBar(ka, kb, scale);
    }
    this.total += w * (b - a + 1);
    this.extend(a, b);
  }

  /**
   * Adds a bar over slots ka..kb to the smoothed bins; bins that were empty now hold volume.
   * Slot j gains scale · |[j − h, j + h] ∩ [ka, kb]|: over the L = (kb − ka + 1) + 2h slots
   * from ka − h that overlap rises 1, 2, … up to `full`, stays there, then falls to 1. The
   * three loops below write exactly those integers (no per-slot min), so every slot gets
   * the same `old + scale · overlap` as the one-loop form, to the bit.
   */
  private smoothBar(ka: number, kb: number, scale: number): void {
    const s = this.smooth;
    const h = this.h;
    const full = Math.min(2 * h + 1, kb - ka + 1);
    const start = ka - h;
    const end = kb + h + 1;
    const plateauEnd = end - full;
    const top = scale * full;
    let j = start;
    let filled = 0;
    // Rising: overlap = j − start + 1 ≤ full (the falling side is still ≥ full here).
    for (let overlap = 1; overlap < full; overlap++, j++) {
      const old = s[j] as number;
      if (old === 0) filled++;
      s[j] = old + scale * overlap;
    }
    // Plateau, then falling: overlap = min(end − j, full).
    for (; j < plateauEnd; j++) {
      const old = s[j] as number;
      if (old === 0) filled++;
      s[j] = old + top;
    }
    for (; j < end; j++) {
      const old = s[j] as number;
      if (old === 0) filled++;
      s[j] = old + scale * (end - j);
    }
    this.nonEmpty += filled;
  }

  /** `smoothBar` without counting the bins it fills (the caller knows how many). */
  private smoothAdd(ka: number, kb: number, scale: number): void {
    const s = this.smooth;
    const h = this.h;
    const full = Math.min(2 * h + 1, kb - ka + 1);
    const end = kb + h + 1;
    const plateauEnd = end - full;
    const top = scale * full;
    let j = ka - h;
    for (let overlap = 1; overlap < full; overlap++, j++) {
      s[j] = (s[j] as number) + scale * overlap;
    }
    for (; j < plateauEnd; j++) s[j] = (s[j] as number) + top;
    for (; j < end; j++) s[j] = (s[j] as number) + scale * (end - j);
  }

  /** The POC as a tick (NaN when empty). */
  override pocTick(): number {
    const floor = tieFloor(this.max);
    let best = Number.NaN;
    for (let i = 0; i < this.candidateCount; i++) {
      const tick = this.candidates[i] as number;
      if ((this.data[tick - this.base] as number) < floor) continue;
      if (Number.isNaN(best) || winsPocTie(tick, best, this.lo, this.hi)) best = tick;
    }
    return best;
  }

  /** Nearest HVN (1) / LVN (-1) tick ≥ tick (dir 1) or ≤ tick (dir -1); NaN when none. */
  nearestNode(kind: NodeKind, tick: number, dir: 1 | -1): number {
    this.refresh();
    const level = (kind > 0 ? this.params.hvnFactor : this.params.lvnFactor) * this.smoothMean;
    return this.nodes.nearest(kind, this.smooth, this.base, level, tick, dir);
  }

  /** Every HVN (1) / LVN (-1) tick, ascending. */
  allNodes(kind: NodeKind): number[] {
    this.refresh();
    const level = (kind > 0 ? this.params.hvnFactor : this.params.lvnFactor) * this.smoothMean;
    return this.nodes.all(kind, this.smooth, this.base, level);
  }

  /** Recomputes total, POC candidates and smoothing from the bins; nodes on the next query. */
  rederive(): void {
    this.generation++;
    this.candidateCount = 0;
    this.total = 0;
    this.max = 0;
    this.nonEmpty = 0;
    this.nodes.clear();
    this.resetArea();
    if (this.empty) return;
    const data = this.data;
    const from = this.from;
    const to = from + this.size;
    for (let k = from; k < to; k++) {
      const v = data[k] as number;
      this.total += v;
      if (v > this.max) this.max = v;
    }
    const floor = tieFloor(this.max);
    for (let k = from; k < to; k++) if ((data[k] as number) >= floor) this.push(k);
    const h = this.h;
    for (let x = from - h; x < to + h; x++) {
      const v = smoothedAt(data, x, h, this.params.smoothBins);
      this.smooth[x] = v;
      if (v > 0) this.nonEmpty++;
    }
    this.dirtyLo = this.lo - this.h;
    this.dirtyHi = this.hi + this.h;
  }

  override clear(): void {
    super.clear();
    this.nonEmpty = 0;
    this.candidateCount = 0;
    this.generation++;
    this.nodes.clear();
    this.dirtyLo = Infinity;
    this.dirtyHi = -Infinity;
  }

  protected override zero(from: number, to: number): void {
    super.zero(from, to);
    this.smooth.fill(0, from, to);
  }

  protected override relocate(capacity: number, shift: number, from: number, to: number): void {
    super.relocate(capacity, shift, from, to);
    this.smooth = moveSlots(this.smooth, new Float64Array(capacity), shift, from, to);
    this.mark = moveSlots(this.mark, new Int32Array(capacity), shift, from, to);
  }

  /** Brings the node index up to date with the smoothed values. */
  private refresh(): void {
    if (this.dirtyLo > this.dirtyHi || this.empty) return;
    const reach = this.params.window + 1;
    this.nodes.update(
      this.smooth,
      this.base,
      this.lo,
      this.hi,
      this.dirtyLo - reach,
      this.dirtyHi + reach,
      this.params.window,
    );
    this.dirtyLo = Infinity;
    this.dirtyHi = -Infinity;
  }

  private push(k: number): void {
    if (this.candidateCount === this.candidates.length) {
      const grown = new Int32Array(this.candidates.length * 2);
      grown.set(this.candidates);
      this.candidates = grown;
    }
    this.mark[k] = this.generation;
    this.candidates[this.candidateCount++] = k + this.base;
  }
}
