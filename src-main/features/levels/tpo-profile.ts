/**
 * TPO profile of the latest RTH session (DOMAIN.md, "TPO"). It starts with the first RTH
 * bar of a trade date and stands until the next RTH opens, so overnight the levels are the
 * day's RTH profile. Periods from 09:30 ET are lettered A, B, C, …; a period marks every bin
 * between its low and high — the period's range, not each minute's, so a price jump between
 * two minutes of one period still marks the bins in between. Bins hold the count of periods
 * that marked them and a bit per period (the letters, for drawing). Volume is not used, so
 * TPO works on data without volume.
 *
 * Single prints: runs of ≥ 2 adjacent bins with exactly one TPO lying inside the range,
 * i.e. not touching the profile's lowest or highest bin. A one-TPO run at an extreme is a
 * tail, and while period A is the only period every bin is a one-TPO bin: counting those
 * would report the whole profile as single prints.
 */
import { ProfileLevels } from './profile-levels';
import { winsPocTie } from './profile-stats';
import { ProfileHistogram } from './profile-histogram';
import { moveSlots } from './tick-histogram';

/**
 * TPO counts per bin with a bit per period that marked the bin, and what the POC and value
 * area need, kept as periods mark bins (counts only grow until `clear`):
 * - the total count and the POC candidates (every bin holding the largest count; counts are
 *   whole numbers, so a tie is equality and the list is exact);
 * - the value area of the last query, resumed where bins changed (`ResumableValueArea`).
 */
export class TpoBins extends ProfileHistogram {
  masks: Uint32Array;
  private candidates = new Int32Array(64);
  private candidateCount = 0;

  constructor(capacity: number) {
    super(capacity);
    this.masks = new Uint32Array(this.data.length);
  }

  /**
   * Sets bit `bit` on ticks a..b and adds one to each bin that did not have it: a period
   * marks a price once however many of its minutes traded there.
   */
  mark(a: number, b: number, bit: number): void {
    this.noteChange(a, b);
    this.reserve(a, b);
    const data = this.data;
    const masks = this.masks;
    const base = this.base;
    const end = b - base;
    for (let k = a - base; k <= end; k++) {
      const m = masks[k] as number;
      if ((m & bit) === 0) {
        masks[k] = m | bit;
        const x = (data[k] as number) + 1;
        data[k] = x;
        this.total++;
        // A count rises by one, so it can reach the maximum only by equalling it first.
        if (x > this.max) {
          this.max = x;
          this.candidateCount = 0;
        }
        if (x === this.max) this.pushCandidate(k + base);
      }
    }
    this.extend(a, b);
  }

  /** The POC as a tick (NaN when empty): `pocIndex` over the candidates only. */
  override pocTick(): number {
    let best = Number.NaN;
    for (let i = 0; i < this.candidateCount; i++) {
      const tick = this.candidates[i] as number;
      if (Number.isNaN(best) || winsPocTie(tick, best, this.lo, this.hi)) best = tick;
    }
    return best;
  }

  override clear(): void {
    super.clear();
    this.candidateCount = 0;
  }

  protected override zero(from: number, to: number): void {
    super.zero(from, to);
    this.masks.fill(0, from, to);
  }

  protected override relocate(capacity: number, shift: number, from: number, to: number): void {
    super.relocate(capacity, shift, from, to);
    this.masks = moveSlots(this.masks, new Uint32Array(capacity), shift, from, to);
  }

  private pushCandidate(tick: number): void {
    if (this.candidateCount === this.candidates.length) {
      const grown = new Int32Array(this.candidates.length * 2);
      grown.set(this.candidates);
      this.candidates = grown;
    }
    this.candidates[this.candidateCount++] = tick;
  }
}

/** The latest RTH session's TPO profile with its POC, value area, IB and single prints. */
export class TpoProfile {
  /** TPO counts per bin, with the period bits in `masks`. */
  readonly bins = new TpoBins(2048);
  readonly levels = new ProfileLevels();
  /** Trade date of the RTH session shown, and its 09:30 ET. */
  dayKey = Number.NaN;
  rthOpen = Number.NaN;
  /** Initial balance: high and low of periods A and B (NaN until a bar of A or B). */
  ibHigh = Number.NaN;
  ibLow = Number.NaN;
  /** Latest period seen (-1 before the first RTH bar). */
  period = -1;
  /** Single-print runs as [low, high] ticks, ascending; `singleCount` runs. */
  singles = new Int32Array(32);
  singleCount = 0;
  private periodLo = 0;
  private periodHi = -1;
  private singlesVersion = -1;

  /** Starts trade date `dayKey`, whose RTH opens at `rthOpen` (UTC ms). */
  reset(dayKey: number, rthOpen: number): void {
    this.bins.clear();
    this.dayKey = dayKey;
    this.rthOpen = rthOpen;
    this.ibHigh = this.ibLow = Number.NaN;
    this.period = -1;
    this.periodLo = 0;
    this.periodHi = -1;
  }

  /** Whether any RTH bar has been added (a profile is shown). */
  get defined(): boolean {
    return !this.bins.empty;
  }

  /** Adds an RTH bar of period `period` with high/low prices and their ticks. */
  add(period: number, high: number, low: number, loTick: number, hiTick: number): void {
    if (period > 30) throw new RangeError(`TPO period ${period} exceeds the 31 letters kept`);
    if (period !== this.period) {
      this.period = period;
      this.periodLo = loTick;
      this.periodHi = hiTick;
      this.bins.mark(loTick, hiTick, 1 << period);
    } else {
      // Only the bins by which this minute widens the period's range are new.
      const bit = 1 << period;
      if (loTick < this.periodLo) {
        this.bins.mark(loTick, this.periodLo - 1, bit);
        this.periodLo = loTick;
      }
      if (hiTick > this.periodHi) {
        this.bins.mark(this.periodHi + 1, hiTick, bit);
        this.periodHi = hiTick;
      }
    }
    if (period < 2) {
      if (!(high <= this.ibHigh)) this.ibHigh = high;
      if (!(low >= this.ibLow)) this.ibLow = low;
    }
  }

  /** Brings POC, value area and single prints up to date (cached until a bar changes them). */
  analyze(valueAreaShare: number): void {
    this.levels.analyzeCounts(this.bins, valueAreaShare);
    if (this.singlesVersion === this.bins.version) return;
    this.singlesVersion = this.bins.version;
    this.singleCount = 0;
    const n = this.bins.size;
    const data = this.bins.data;
    const from = this.bins.from;
    const lo = this.bins.lo;
    let k = 0;
    while (k < n) {
      if (data[from + k] !== 1) {
        k++;
        continue;
      }
      let end = k;
      while (end + 1 < n && data[from + end + 1] === 1) end++;
      if (end - k >= 1 && k > 0 && end < n - 1) this.pushSingle(lo + k, lo + end);
      k = end + 1;
    }
  }

  private pushSingle(lo: number, hi: number): void {
    if (2 * this.singleCount + 2 > this.singles.length) {
      const grown = new Int32Array(this.singles.length * 2);
      grown.set(this.singles);
      this.singles = grown;
    }
    this.singles[2 * this.singleCount] = lo;
    this.singles[2 * this.singleCount + 1] = hi;
    this.singleCount++;
  }
}
