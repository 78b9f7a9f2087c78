/**
 * The current session's volume profile: a histogram whose bars grow left from the session's
 * right edge (its latest bar), with the POC, VAH and VAL drawn across the whole session.
 * Drawn under the candles, which stay readable through it.
 */
import { SESSION_COLORS } from '../overlay-colors';
import type { LevelData } from '../level-data';
import { ProfileRows } from '../profile-rows';
import { OverlayPrimitive, type BitmapScope } from '../overlay-primitive';

const MIN_ROW_PX = 2;
/** Share of the session's width the longest bar takes, within these bounds (px). */
const WIDTH_SHARE = 0.3;
const MIN_WIDTH = 50;
const MAX_WIDTH = 260;

/** The session volume profile at the session's right edge. */
export class SessionProfile extends OverlayPrimitive {
  private readonly rows = new ProfileRows();
  private left = 0;
  private right = 0;
  private width = 0;

  constructor(data: LevelData) {
    super(data, 'bottom');
  }

  protected layout(): boolean {
    const p = this.data.session;
    const g = this.geometry;
    if (!p) return false;
    const from = g.indexOf(p.from, this.data.timeframe);
    const to = g.indexOf(p.to, this.data.timeframe);
    if (Number.isNaN(from) || Number.isNaN(to)) return false;
    this.left = g.x(from) - g.spacing / 2;
    this.right = g.x(to) + g.spacing / 2;
    if (this.right < 0 || this.left > g.width) return false;
    const span = this.right - this.left;
    this.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, span * WIDTH_SHARE));
    return this.rows.layout(p, g, MIN_ROW_PX);
  }

  protected override drawBitmap(scope: BitmapScope): void {
    this.rows.drawBars(scope, this.right, this.width, SESSION_COLORS);
    this.rows.drawLines(scope, this.left, this.right, SESSION_COLORS);
  }
}
