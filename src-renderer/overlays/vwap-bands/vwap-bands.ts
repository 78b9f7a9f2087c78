/**
 * VWAP of one anchor with its ±1σ and ±2σ bands (DOMAIN.md: band k = VWAP + k·σ), one line
 * per level over the visible bars. Each line breaks where the anchor's period begins (the
 * VWAP restarts there) and where a level is undefined; each piece starts with a short
 * lead-in over its first bar, so a period of a single bar (the hour VWAP on hourly bars)
 * still shows as a tick. A period that began before the data did (a month VWAP over a few
 * days of history) is drawn faint: its value covers only part of the period. When bars are
 * narrower than a pixel, one bar per pixel column is drawn, so a zoomed-out chart of 20,000
 * bars strokes about as many points as the pane is wide.
 */
import { OVERLAY_VWAP_ANCHORS, type OverlayVwapAnchor } from '@shared/contracts/level-overlay';
import { VWAP_COLORS } from '../overlay-colors';
import type { LevelData } from '../level-data';
import { OverlayPrimitive, ensureFloat32, type BitmapScope } from '../overlay-primitive';

/** σ multiple, width (px), opacity and dash of each line: VWAP, +1σ, −1σ, +2σ, −2σ. */
const K = [0, 1, -1, 2, -2] as const;
const WIDTH = [2, 1, 1, 1, 1] as const;
const ALPHA = [1, 0.75, 0.75, 0.5, 0.5] as const;
const SOLID: number[] = [];
const DASHED: number[] = [5, 4];
const LINES = K.length;
/** Opacity factor of a partial period's lines. */
const FAINT = 0.35;

/** One anchor's VWAP with ±1σ and ±2σ bands. */
export class VwapBands extends OverlayPrimitive {
  private readonly anchor: number;
  private readonly color: string;
  private count = 0;
  private xs = new Float32Array(0);
  /** y of line j at point i: ys[j · capacity + i] (NaN = gap). */
  private ys = new Float32Array(0);
  /** 1 where a new period starts at the point: the line lifts the pen. */
  private breaks = new Uint8Array(0);
  /** 1 where the point's period is partial (began before the data). */
  private faint = new Uint8Array(0);
  private capacity = 0;
  /** Length of the lead-in before a piece's first point (media px). */
  private lead = 2;

  constructor(data: LevelData, anchor: OverlayVwapAnchor) {
    super(data, 'normal');
    this.anchor = OVERLAY_VWAP_ANCHORS.indexOf(anchor);
    this.color = VWAP_COLORS[anchor];
  }

  protected layout(): boolean {
    const g = this.geometry;
    const d = this.data;
    if (!g.placeRows(d)) return false;
    const base = g.rowBase;
    const first = Math.max(0, Math.floor(g.from) - base - 1);
    const last = Math.min(d.length - 1, Math.ceil(g.to) - base + 1);
    if (last < first) return false;
    const step = g.spacing >= 1 ? 1 : Math.ceil(1 / g.spacing);
    this.lead = Math.max(2, 0.4 * g.spacing);
    this.reserve(Math.ceil((last - first + 1) / step) + 1);
    const vwap = d.vwap[this.anchor] as Float64Array;
    const sigma = d.sigma[this.anchor] as Float64Array;
    const bit = 1 << this.anchor;
    const cap = this.capacity;
    let n = 0;
    let pendingBreak = 0;
    for (let k = first; k <= last; k++) {
      pendingBreak |= (d.starts[k] as number) & bit;
      if ((k - first) % step !== 0 && k !== last) continue;
      const v = vwap[k] as number;
      const s = sigma[k] as number;
      this.xs[n] = g.x(base + k);
      for (let j = 0; j < LINES; j++) this.ys[j * cap + n] = g.y(v + (K[j] as number) * s);
      this.breaks[n] = pendingBreak === 0 ? 0 : 1;
      this.faint[n] = ((d.partial[k] as number) & bit) === 0 ? 0 : 1;
      pendingBreak = 0;
      n++;
    }
    this.count = n;
    return n > 0;
  }

  protected override drawBitmap(scope: BitmapScope): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    const cap = this.capacity;
    const lead = this.lead * hr;
    ctx.save();
    ctx.strokeStyle = this.color;
    ctx.lineJoin = 'round';
    for (let j = LINES - 1; j >= 0; j--) {
      ctx.lineWidth = Math.max(1, Math.round((WIDTH[j] as number) * hr));
      ctx.setLineDash(j >= 3 ? DASHED : SOLID);
      for (let faint = 1; faint >= 0; faint--) {
        ctx.globalAlpha = (ALPHA[j] as number) * (faint === 1 ? FAINT : 1);
        ctx.beginPath();
        let pen = false;
        for (let i = 0; i < this.count; i++) {
          const y = this.ys[j * cap + i] as number;
          if (Number.isNaN(y) || this.faint[i] !== faint) {
            pen = false;
            continue;
          }
          const x = (this.xs[i] as number) * hr;
          if (!pen || this.breaks[i] === 1) ctx.moveTo(x - lead, y * vr);
          ctx.lineTo(x, y * vr);
          pen = true;
        }
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  private reserve(points: number): void {
    if (points <= this.capacity) return;
    const cap = Math.max(points, this.capacity * 2, 256);
    this.capacity = cap;
    this.xs = ensureFloat32(this.xs, cap);
    this.ys = new Float32Array(cap * LINES);
    this.breaks = new Uint8Array(cap);
    this.faint = new Uint8Array(cap);
  }
}
