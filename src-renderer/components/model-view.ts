/**
 * Pure view helpers of the model panel and the training page: heatmap rows, importance
 * ranking, loss-curve paths and metric formatting. Kept apart from the components so they
 * are tested without a DOM.
 */
import type { PredictionExplanation } from '@shared/contracts/model';

/** One heatmap row: its label and each step's weight and shade (0 … 1 of the row's max). */
export interface HeatmapRow {
  readonly label: string;
  readonly weights: readonly number[];
  readonly shades: readonly number[];
}

/**
 * Rows of the attention heatmap: one per head, then the mean over heads. Each row is
 * shaded against its own maximum: a head's rows sum to 1 over up to hundreds of steps, so
 * a shared scale would leave a diffuse head nearly blank. Rows are cut to the step count.
 */
export function heatmapRows(e: PredictionExplanation): HeatmapRow[] {
  const steps = e.barTimes.length;
  const row = (label: string, w: readonly number[]): HeatmapRow => {
    const weights = w.slice(0, steps).map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
    const max = Math.max(0, ...weights);
    return { label, weights, shades: weights.map((v) => (max > 0 ? v / max : 0)) };
  };
  return [...e.attention.map((w, h) => row(`Head ${h + 1}`, w)), row('Mean', e.attentionMean)];
}

/** A feature's weight, for the importance bars. */
export interface Importance {
  readonly name: string;
  readonly weight: number;
}

/** The `n` heaviest entries, heaviest first (all of them when n is omitted). */
export function topImportance(list: readonly Importance[], n = Infinity): Importance[] {
  return list
    .filter((x) => Number.isFinite(x.weight))
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
    .slice(0, n);
}

/** The heatmap cell under a point at fractions (fx, fy) of the heatmap's size. */
export function cellAt(
  fx: number,
  fy: number,
  rows: number,
  steps: number,
): { row: number; step: number } | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1) || rows <= 0 || steps <= 0) return null;
  return { row: Math.floor(fy * rows), step: Math.floor(fx * steps) };
}

/** Polyline points of a loss curve and the scale they were drawn on. */
export interface LossPaths {
  readonly train: string;
  readonly val: string;
  readonly min: number;
  readonly max: number;
}

/**
 * SVG polyline points of the train and validation losses per epoch in a `width`×`height`
 * box: x by epoch from the first to the last (a single epoch sits at the left), y on a
 * shared scale padded by 5% so the extremes do not touch the edges.
 */
export function lossPaths(
  curve: readonly { epoch: number; trainLoss: number; valLoss: number }[],
  width: number,
  height: number,
): LossPaths {
  if (curve.length === 0) return { train: '', val: '', min: 0, max: 0 };
  const values = curve.flatMap((c) => [c.trainLoss, c.valLoss]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.05, 0.01);
  const min = lo - pad;
  const max = hi + pad;
  const e0 = (curve[0] as { epoch: number }).epoch;
  const e1 = (curve[curve.length - 1] as { epoch: number }).epoch;
  const x = (e: number): number => (e1 > e0 ? ((e - e0) / (e1 - e0)) * width : 0);
  const y = (v: number): number => height - ((v - min) / (max - min)) * height;
  const pts = (f: (c: (typeof curve)[number]) => number): string =>
    curve.map((c) => `${round(x(c.epoch))},${round(y(f(c)))}`).join(' ');
  return { train: pts((c) => c.trainLoss), val: pts((c) => c.valLoss), min, max };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A metric to 3 decimals, or a dash when absent. */
export function metric(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);
}

/** `1h 02m`, `3m 05s`, `42s` for an ETA in seconds. */
export function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s >= 3600)
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
