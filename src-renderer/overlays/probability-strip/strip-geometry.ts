/**
 * Pure geometry of the probability strip: one cell per chart bar that has a prediction,
 * coloured by the side the model leans to and as strong as the lean. A 5-minute prediction
 * covers five 1-minute bars on the 1m chart; on 15m and longer bars several predictions
 * fall in one bar and the latest of them (the one made at the bar's close) wins.
 */
import type { ModelPrediction } from '@shared/contracts/model';
import { MODEL_BAR_MS } from '../quantile-fan/fan-geometry';

/** One cell: logical start (left edge of its first bar), width in bars, side and strength. */
export interface StripCell {
  /** Logical index of the cell's first bar. */
  readonly logical: number;
  /** Bars the cell spans (5 on the 1m chart, else 1). */
  readonly span: number;
  readonly side: 'long' | 'short';
  /** 0 … 1: |P(long) − P(short)|. */
  readonly intensity: number;
}

/** Lower bound of a cell's opacity, so a weak lean still shows as a cell. */
export const MIN_ALPHA = 0.12;

/** The side and strength of one prediction's lean. */
export function lean(
  p: Pick<ModelPrediction, 'longProbability' | 'shortProbability'>,
): Pick<StripCell, 'side' | 'intensity'> {
  const d = p.longProbability - p.shortProbability;
  const intensity = Number.isFinite(d) ? Math.min(1, Math.abs(d)) : 0;
  return { side: d >= 0 ? 'long' : 'short', intensity };
}

/** Cell opacity for a lean of `intensity`. */
export function cellAlpha(intensity: number): number {
  return MIN_ALPHA + (1 - MIN_ALPHA) * Math.min(1, Math.max(0, intensity));
}

/**
 * The cells over the visible logical range [from, to] (bars partly in view included).
 * `predictions` are sorted by time; `indexOf(t)` is the logical index of the chart bar
 * holding UTC instant t, or null when that bar is not on the chart.
 */
export function stripCells(
  predictions: readonly Pick<ModelPrediction, 'time' | 'longProbability' | 'shortProbability'>[],
  timeframeMinutes: number,
  indexOf: (t: number) => number | null,
  from: number,
  to: number,
): StripCell[] {
  const span = Math.max(1, Math.round(MODEL_BAR_MS / (timeframeMinutes * 60_000)));
  const cells: StripCell[] = [];
  for (const p of predictions) {
    const logical = indexOf(p.time);
    if (logical === null || logical + span < from || logical > to + 1) continue;
    const cell: StripCell = { logical, span, ...lean(p) };
    const last = cells[cells.length - 1];
    if (last?.logical === logical) cells[cells.length - 1] = cell;
    else cells.push(cell);
  }
  return cells;
}
