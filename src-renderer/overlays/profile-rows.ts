/**
 * A volume profile laid out as horizontal bars for the current zoom: one-tick bins are far
 * thinner than a pixel on most charts, so adjacent bins are summed into rows at least
 * `minRowPx` tall. Widths are shares of the largest row, so the profile keeps its shape
 * while the chart scrolls. Shared by the session and week profiles.
 */
import type { VolumeProfileWire } from '@shared/contracts/level-overlay';
import type { ChartGeometry } from './chart-geometry';
import { ensureFloat32, type BitmapScope } from './overlay-primitive';

/** Colours of a profile's bars and lines. */
export interface ProfileStyle {
  readonly value: string;
  readonly outside: string;
  readonly poc: string;
  readonly edges: string;
}

/** A profile's bars and POC/VAH/VAL lines for the current zoom. */
export class ProfileRows {
  count = 0;
  private top = new Float32Array(0);
  private height = new Float32Array(0);
  private share = new Float32Array(0);
  private inValue = new Uint8Array(0);
  /** y of POC, VAH and VAL. */
  pocY = 0;
  vahY = 0;
  valY = 0;

  /** Lays out `p` for this frame; false when it has no bins. */
  layout(p: VolumeProfileWire, g: ChartGeometry, minRowPx: number): boolean {
    const volumes = p.volumes;
    const bins = volumes.length;
    if (bins === 0) return false;
    const binPx = Math.abs(g.priceA) * p.binSize;
    const per = Math.max(1, Math.ceil(minRowPx / Math.max(binPx, 1e-9)));
    const rows = Math.ceil(bins / per);
    if (this.top.length < rows) {
      this.top = ensureFloat32(this.top, rows);
      this.height = ensureFloat32(this.height, rows);
      this.share = ensureFloat32(this.share, rows);
      this.inValue = new Uint8Array(this.top.length);
    }
    let max = 0;
    for (let r = 0; r < rows; r++) {
      const start = r * per;
      const end = Math.min(start + per, bins);
      let sum = 0;
      for (let k = start; k < end; k++) sum += volumes[k] as number;
      this.share[r] = sum;
      if (sum > max) max = sum;
      const lo = p.low + (start - 0.5) * p.binSize;
      const hi = p.low + (end - 0.5) * p.binSize;
      const yHi = g.y(hi);
      this.top[r] = yHi;
      this.height[r] = g.y(lo) - yHi;
      const mid = (lo + hi) / 2;
      this.inValue[r] = mid >= p.val && mid <= p.vah ? 1 : 0;
    }
    if (max <= 0) return false;
    for (let r = 0; r < rows; r++) this.share[r] = (this.share[r] as number) / max;
    this.count = rows;
    this.pocY = g.y(p.poc);
    this.vahY = g.y(p.vah);
    this.valY = g.y(p.val);
    return true;
  }

  /** Bars growing left from `right` up to `width` px; value-area rows stronger. */
  drawBars(scope: BitmapScope, right: number, width: number, style: ProfileStyle): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    const paneHeight = scope.mediaSize.height;
    for (let pass = 1; pass >= 0; pass--) {
      ctx.fillStyle = pass === 1 ? style.value : style.outside;
      for (let r = 0; r < this.count; r++) {
        if (this.inValue[r] !== pass) continue;
        const top = this.top[r] as number;
        const h = this.height[r] as number;
        if (top > paneHeight || top + h < 0) continue;
        const w = (this.share[r] as number) * width;
        const y0 = Math.round(top * vr);
        // A one-pixel gap between rows keeps tall rows readable as a histogram.
        const yh = Math.max(1, Math.round(h * vr) - (h >= 3 ? 1 : 0));
        ctx.fillRect(Math.round((right - w) * hr), y0, Math.max(1, Math.round(w * hr)), yh);
      }
    }
  }

  /** POC (solid, wider) and VAH/VAL lines from `left` to `right`. */
  drawLines(scope: BitmapScope, left: number, right: number, style: ProfileStyle): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    const x = Math.round(left * hr);
    const w = Math.max(1, Math.round((right - left) * hr));
    const thin = Math.max(1, Math.round(vr));
    ctx.fillStyle = style.edges;
    ctx.fillRect(x, Math.round(this.vahY * vr), w, thin);
    ctx.fillRect(x, Math.round(this.valY * vr), w, thin);
    ctx.fillStyle = style.poc;
    ctx.fillRect(x, Math.round(this.pocY * vr) - thin, w, 2 * thin);
  }
}
