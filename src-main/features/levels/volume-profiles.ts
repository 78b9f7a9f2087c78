/**
 * Session and rolling week volume profiles (DOMAIN.md, "Volume profile"): one-tick bins,
 * each bar's volume spread evenly over its bins from low to high inclusive. The session
 * profile is the current trade date; the week profile the last `weekDays` trade dates seen,
 * the current one included (dates without bars are not counted: a gap in the data does not
 * empty the window).
 *
 * Each trade date keeps its own histogram in a ring. When a date starts, the oldest leaves
 * and the week profile is rebuilt from the dates that remain, instead of subtracting the
 * old date: subtraction would leave rounding residue (1e-13 instead of 0) in bins that are
 * empty, which would widen the range and break exact empty tests. A rebuild is one pass over
 * four days' bins, once a day, after which the week's derived state is recomputed.
 */
import type { NodeParams } from './node-scan';
import { VolumeHistogram } from './volume-histogram';

/** The session profile and the rolling week profile over a ring of per-date profiles. */
export class VolumeProfiles {
  /** Sum of the dates in the window. */
  readonly week: VolumeHistogram;
  private readonly days: VolumeHistogram[];
  private readonly dayKeys: Float64Array;
  /** Bars whose volume was absent, per date slot. */
  private readonly dayMissing: Int32Array;
  private head = 0;
  private count = 0;
  private weekMissing = 0;

  constructor(
    private readonly weekDays: number,
    nodes: NodeParams,
  ) {
    this.week = new VolumeHistogram(8192, nodes);
    this.days = Array.from({ length: weekDays }, () => new VolumeHistogram(4096, nodes));
    this.dayKeys = new Float64Array(weekDays).fill(Number.NaN);
    this.dayMissing = new Int32Array(weekDays);
  }

  /** The current trade date's profile. */
  get session(): VolumeHistogram {
    return this.days[this.head] as VolumeHistogram;
  }

  /** Trade dates in the week window (≤ weekDays). */
  get daysInWindow(): number {
    return this.count;
  }

  /** Key of the oldest trade date in the window (NaN before the first). */
  get oldestDayKey(): number {
    return this.dayKeys[(this.head - this.count + 1 + this.weekDays) % this.weekDays] as number;
  }

  /** Whether the session profile is known: some volume and no bar without volume. */
  get sessionDefined(): boolean {
    return this.count > 0 && !this.session.empty && this.dayMissing[this.head] === 0;
  }

  /** Whether the week profile is known: some volume and no bar without volume. */
  get weekDefined(): boolean {
    return this.count > 0 && !this.week.empty && this.weekMissing === 0;
  }

  /** Starts trade date `dayKey`: it becomes the session; the oldest date may leave. */
  startDay(dayKey: number): void {
    if (this.count > 0) this.head = (this.head + 1) % this.weekDays;
    if (this.count < this.weekDays) this.count++;
    this.session.clear();
    this.dayKeys[this.head] = dayKey;
    this.dayMissing[this.head] = 0;
    this.week.clear();
    this.weekMissing = 0;
    for (let k = this.count - 1; k >= 1; k--) {
      const slot = (this.head - k + this.weekDays) % this.weekDays;
      this.week.addHistogram(this.days[slot] as VolumeHistogram);
      this.weekMissing += this.dayMissing[slot] as number;
    }
    this.week.rederive();
  }

  /** Adds one bar spanning ticks lo..hi with volume v (NaN = absent: the profiles become unknown). */
  add(lo: number, hi: number, v: number): void {
    if (Number.isNaN(v)) {
      this.dayMissing[this.head] = (this.dayMissing[this.head] as number) + 1;
      this.weekMissing++;
      return;
    }
    if (v <= 0) return;
    const w = v / (hi - lo + 1);
    this.session.addVolume(lo, hi, w);
    this.week.addVolume(lo, hi, w);
  }
}
