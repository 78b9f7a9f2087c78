/**
 * POC and value area of a profile, in ticks, cached against the histogram's version: a
 * profile that did not move since the last decision bar (the TPO outside RTH) costs
 * nothing, and the value-area buffer is reused across calls.
 */
import type { TickHistogram } from './tick-histogram';
import type { TpoBins } from './tpo-profile';
import type { VolumeHistogram } from './volume-histogram';

/** POC, VAH and VAL of one profile, cached until its histogram changes. */
export class ProfileLevels {
  /** POC, VAH and VAL as tick indices (NaN when the profile is empty). */
  poc = Number.NaN;
  vah = Number.NaN;
  val = Number.NaN;
  private readonly area = new Int32Array(2);
  private source: TickHistogram | null = null;
  private version = -1;

  /** POC and value area of a volume profile. */
  analyzeVolume(h: VolumeHistogram, valueAreaShare: number): void {
    if (this.unchanged(h) || h.empty) return;
    h.valueArea(valueAreaShare, this.area);
    this.poc = h.pocTick();
    this.val = this.area[0] as number;
    this.vah = this.area[1] as number;
  }

  /** POC and value area of a count profile (TPO). */
  analyzeCounts(h: TpoBins, valueAreaShare: number): void {
    if (this.unchanged(h) || h.empty) return;
    h.valueArea(valueAreaShare, this.area);
    this.poc = h.pocTick();
    this.val = this.area[0] as number;
    this.vah = this.area[1] as number;
  }

  /** Whether `h` is what was analysed last, unchanged; otherwise resets for a new analysis. */
  private unchanged(h: TickHistogram): boolean {
    if (h === this.source && h.version === this.version) return true;
    this.source = h;
    this.version = h.version;
    this.poc = this.vah = this.val = Number.NaN;
    return false;
  }
}
