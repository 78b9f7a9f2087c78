/**
 * The rolling week's volume profile (the last five trade dates), docked on the price-axis
 * side of the pane: it describes where the week traded, not a span of bars, so it stays
 * put while the chart scrolls. POC, VAH and VAL run across its width.
 */
import { WEEK_COLORS } from '../overlay-colors';
import type { LevelData } from '../level-data';
import { ProfileRows } from '../profile-rows';
import { OverlayPrimitive, type BitmapScope } from '../overlay-primitive';

const MIN_ROW_PX = 2;
const WIDTH_SHARE = 0.14;
const MIN_WIDTH = 60;
const MAX_WIDTH = 180;

/** The week volume profile on the price-axis side. */
export class WeekProfile extends OverlayPrimitive {
  private readonly rows = new ProfileRows();
  private right = 0;
  private width = 0;

  constructor(data: LevelData) {
    super(data, 'bottom');
  }

  protected layout(): boolean {
    const p = this.data.week;
    const g = this.geometry;
    if (!p) return false;
    this.right = g.width - 1;
    this.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, g.width * WIDTH_SHARE));
    return this.rows.layout(p, g, MIN_ROW_PX);
  }

  protected override drawBitmap(scope: BitmapScope): void {
    this.rows.drawBars(scope, this.right, this.width, WEEK_COLORS);
    this.rows.drawLines(scope, this.right - this.width, this.right, WEEK_COLORS);
  }
}
