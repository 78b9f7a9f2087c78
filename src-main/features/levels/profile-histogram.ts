/**
 * What volume and TPO profiles share beyond their bins: the total and the largest bin, the
 * span of ticks changed since the last value area, and the value area itself, resumed from
 * the previous one where bins changed (`ResumableValueArea`). Subclasses add to the bins,
 * calling `noteChange` first, and say where the POC is.
 */
import { TickHistogram } from './tick-histogram';
import { ResumableValueArea } from './value-area-resume';

export abstract class ProfileHistogram extends TickHistogram {
  /** Σ bins. */
  total = 0;
  /** Largest bin. */
  max = 0;
  /** Ticks whose bins changed (or joined the range) since the last value area. */
  private changedLo = Infinity;
  private changedHi = -Infinity;
  private readonly area = new ResumableValueArea();
  /** Base the last value area was computed at (slots move with it). */
  private areaBase = Number.NaN;

  /** The POC as a tick (NaN when empty). */
  abstract pocTick(): number;

  /**
   * Lowest tick joining the range when bins up to `b` are added: the old high, when the
   * added bins lie above it (the bins in between are now inside the range); else Infinity.
   */
  protected joinLo(b: number): number {
    return !this.empty && b > this.hi ? this.hi : Infinity;
  }

  /** Mirror of `joinLo` for bins added below the old low. */
  protected joinHi(a: number): number {
    return !this.empty && a < this.lo ? this.lo : -Infinity;
  }

  /** Records that bins a..b are about to change (call before `reserve` and `extend`). */
  protected noteChange(a: number, b: number): void {
    this.changedLo = Math.min(this.changedLo, a, this.joinLo(b));
    this.changedHi = Math.max(this.changedHi, b, this.joinHi(a));
  }

  /** Value area for `share` of the total around the POC: writes VAL and VAH ticks to out. */
  valueArea(share: number, out: Int32Array): void {
    const poc = this.pocTick();
    const base = this.base;
    const area = this.area;
    if (base !== this.areaBase) area.reset();
    area.compute(
      this.data,
      this.lo - base,
      this.hi - base,
      poc - base,
      share * this.total,
      this.changedLo - base,
      this.changedHi - base,
    );
    this.areaBase = base;
    this.forgetChanges();
    out[0] = area.lo + base;
    out[1] = area.hi + base;
  }

  /** The next value area starts from scratch (after bins were rebuilt wholesale). */
  protected resetArea(): void {
    this.area.reset();
  }

  private forgetChanges(): void {
    this.changedLo = Infinity;
    this.changedHi = -Infinity;
  }

  override clear(): void {
    super.clear();
    this.total = 0;
    this.max = 0;
    this.forgetChanges();
    this.resetArea();
  }
}
