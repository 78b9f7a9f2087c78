/**
 * The RTH session's TPO profile as letters (A = 09:30–10:00 ET, B, C, …) packed to the
 * right of the session's open, one text row per price row: adjacent bins merge into rows
 * of at least one line of text, a row showing every period that marked any of its bins.
 * The TPO POC row is highlighted; a bar left of the letters marks the initial balance, thin
 * ticks the single prints. A row's text is cached per letter set, so a frame draws one
 * string per row and builds none once the cache is warm.
 */
import { TPO_COLORS } from '../overlay-colors';
import type { LevelData } from '../level-data';
import {
  OverlayPrimitive,
  ensureFloat32,
  type DrawTarget,
  type MediaScope,
} from '../overlay-primitive';

const ROW_PX = 11;
const FONT = '10px ui-monospace, Menlo, Consolas, monospace';
const GUTTER = 8;

/** The RTH TPO letters, initial balance and single prints. */
export class TpoLetters extends OverlayPrimitive {
  private count = 0;
  private y = new Float32Array(0);
  private masks = new Uint32Array(0);
  private poc = new Uint8Array(0);
  private singles = new Float32Array(0);
  private singleCount = 0;
  private x0 = 0;
  private ibTop = Number.NaN;
  private ibBottom = Number.NaN;
  private readonly text = new Map<number, string>();
  private textVersion = -1;

  constructor(data: LevelData) {
    super(data, 'normal');
  }

  protected layout(): boolean {
    const t = this.data.tpo;
    const g = this.geometry;
    if (!t || t.letters.length === 0) return false;
    const open = g.indexOf(t.rthOpen, this.data.timeframe);
    if (Number.isNaN(open)) return false;
    this.x0 = g.x(open) - g.spacing / 2;
    // Off screen: even all 26 letters of a row would not reach the pane.
    if (this.x0 > g.width || this.x0 + GUTTER + 26 * ROW_PX < 0) return false;
    const bins = t.letters.length;
    const per = Math.max(1, Math.ceil(ROW_PX / Math.max(Math.abs(g.priceA) * t.binSize, 1e-9)));
    const rows = Math.ceil(bins / per);
    if (this.y.length < rows) {
      this.y = ensureFloat32(this.y, rows);
      this.masks = new Uint32Array(this.y.length);
      this.poc = new Uint8Array(this.y.length);
    }
    const pocBin = Math.round((t.poc - t.low) / t.binSize);
    let n = 0;
    for (let start = 0; start < bins; start += per) {
      const end = Math.min(start + per, bins);
      const y = g.y(t.low + ((start + end - 1) / 2) * t.binSize);
      if (y < -ROW_PX || y > g.height + ROW_PX) continue;
      let mask = 0;
      for (let k = start; k < end; k++) mask |= this.data.tpoMasks[k] as number;
      this.y[n] = y;
      this.masks[n] = mask;
      this.poc[n] = pocBin >= start && pocBin < end ? 1 : 0;
      n++;
    }
    this.count = n;
    this.ibTop = t.ibHigh === null ? Number.NaN : g.y(t.ibHigh + t.binSize / 2);
    this.ibBottom = t.ibLow === null ? Number.NaN : g.y(t.ibLow - t.binSize / 2);
    this.singles = ensureFloat32(this.singles, 2 * t.singlePrints.length);
    this.singleCount = t.singlePrints.length;
    for (let r = 0; r < this.singleCount; r++) {
      const [lo, hi] = t.singlePrints[r] as readonly [number, number];
      this.singles[2 * r] = g.y(hi + t.binSize / 2);
      this.singles[2 * r + 1] = g.y(lo - t.binSize / 2);
    }
    return n > 0;
  }

  protected override draw(target: DrawTarget): void {
    target.useMediaCoordinateSpace(this.drawMedia);
  }

  private readonly drawMedia = (scope: MediaScope): void => {
    const ctx = scope.context;
    if (this.textVersion !== this.data.version) {
      this.text.clear();
      this.textVersion = this.data.version;
    }
    ctx.save();
    if (!Number.isNaN(this.ibTop) && !Number.isNaN(this.ibBottom)) {
      ctx.fillStyle = TPO_COLORS.initialBalance;
      ctx.fillRect(this.x0, this.ibTop, 3, Math.max(1, this.ibBottom - this.ibTop));
    }
    ctx.fillStyle = TPO_COLORS.singlePrints;
    for (let r = 0; r < this.singleCount; r++) {
      const top = this.singles[2 * r] as number;
      ctx.fillRect(this.x0 + 4, top, 1, Math.max(1, (this.singles[2 * r + 1] as number) - top));
    }
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    for (let pass = 0; pass < 2; pass++) {
      ctx.fillStyle = pass === 0 ? TPO_COLORS.letters : TPO_COLORS.poc;
      for (let i = 0; i < this.count; i++) {
        if (this.poc[i] !== pass) continue;
        ctx.fillText(this.letters(this.masks[i] as number), this.x0 + GUTTER, this.y[i] as number);
      }
    }
    ctx.restore();
  };

  /** The packed letters of a period mask ('ABE'), built once per mask. */
  private letters(mask: number): string {
    let s = this.text.get(mask);
    if (s === undefined) {
      s = '';
      for (let p = 0; p < 26; p++) if ((mask >>> p) & 1) s += String.fromCharCode(65 + p);
      this.text.set(mask, s);
    }
    return s;
  }
}
