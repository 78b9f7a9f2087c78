/**
 * High- and low-volume nodes (HVN/LVN, DOMAIN.md) as marks: the session's at its right edge
 * (filled triangles with a short leader into the session), the week's at the pane's right
 * edge beside the week profile (outlined triangles). HVN and LVN differ in colour.
 */
import type { VolumeProfileWire } from '@shared/contracts/level-overlay';
import { NODE_COLORS } from '../overlay-colors';
import type { LevelData } from '../level-data';
import { OverlayPrimitive, ensureFloat32, type BitmapScope } from '../overlay-primitive';

const SIZE = 5;
const LEADER = 28;

/** HVN/LVN marks of the session and week profiles. */
export class NodeMarks extends OverlayPrimitive {
  /** Per mark: x, y (media px) and kind (bit 0: LVN, bit 1: week). */
  private xy = new Float32Array(0);
  private kind = new Uint8Array(0);
  private count = 0;

  constructor(data: LevelData) {
    super(data, 'normal');
  }

  protected layout(): boolean {
    const { session, week, timeframe } = this.data;
    const g = this.geometry;
    const total =
      (session ? session.hvn.length + session.lvn.length : 0) +
      (week ? week.hvn.length + week.lvn.length : 0);
    if (total === 0) return false;
    if (this.kind.length < total) {
      this.xy = ensureFloat32(this.xy, 2 * total);
      this.kind = new Uint8Array(this.xy.length / 2);
    }
    this.count = 0;
    if (session) {
      const to = g.indexOf(session.to, timeframe);
      if (!Number.isNaN(to)) this.add(session, g.x(to) + g.spacing / 2 + 1, 0);
    }
    if (week) this.add(week, g.width - 2, 2);
    return this.count > 0;
  }

  private add(p: VolumeProfileWire, x: number, week: number): void {
    const h = this.geometry.height;
    for (let kind = 0; kind < 2; kind++) {
      const prices = kind === 0 ? p.hvn : p.lvn;
      for (const price of prices) {
        const y = this.geometry.y(price);
        if (y < -SIZE || y > h + SIZE) continue;
        this.xy[2 * this.count] = x;
        this.xy[2 * this.count + 1] = y;
        this.kind[this.count] = kind | week;
        this.count++;
      }
    }
  }

  protected override drawBitmap(scope: BitmapScope): void {
    const ctx = scope.context;
    const hr = scope.horizontalPixelRatio;
    const vr = scope.verticalPixelRatio;
    ctx.save();
    ctx.lineWidth = Math.max(1, Math.round(hr));
    for (let i = 0; i < this.count; i++) {
      const kind = this.kind[i] as number;
      const color = (kind & 1) === 0 ? NODE_COLORS.hvn : NODE_COLORS.lvn;
      const x = (this.xy[2 * i] as number) * hr;
      const y = (this.xy[2 * i + 1] as number) * vr;
      const s = SIZE * hr;
      ctx.fillStyle = color;
      ctx.strokeStyle = color;
      // A triangle pointing left, at the price.
      ctx.beginPath();
      ctx.moveTo(x - s, y);
      ctx.lineTo(x + s, y - s);
      ctx.lineTo(x + s, y + s);
      ctx.closePath();
      if ((kind & 2) === 0) {
        ctx.fill();
        ctx.fillRect(x - s - LEADER * hr, Math.round(y), LEADER * hr, Math.max(1, Math.round(vr)));
      } else {
        ctx.stroke();
      }
    }
    ctx.restore();
  }
}
