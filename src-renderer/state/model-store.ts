/**
 * The pattern model's state in the renderer (zustand): predictions by decision time (kept
 * sorted, newest last, for the fan and the probability strip), the bar the user selected
 * and its explanation, the running training's progress with its loss curve, and the
 * registry's models. Nothing here calls main; the IPC layer feeds these setters.
 */
import { create } from 'zustand';
import type {
  ModelPrediction,
  ModelSummary,
  PredictionExplanation,
  TrainingProgress,
} from '@shared/contracts/model';

/** One finished epoch of the current fold. */
export interface CurvePoint {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly valLoss: number;
}

/** Predictions kept at most (about three months of 5-minute bars around the clock). */
export const MAX_PREDICTIONS = 20_000;

export interface ModelState {
  /** Sorted by time, one per decision time. */
  readonly predictions: readonly ModelPrediction[];
  /** The decision bar whose explanation the model panel shows. */
  readonly selectedTime: number | null;
  readonly explanation: PredictionExplanation | null;
  readonly progress: TrainingProgress | null;
  /** Loss curve of the current fold of the current run, by epoch. */
  readonly curve: readonly CurvePoint[];
  readonly models: readonly ModelSummary[];
  /** Adds or replaces predictions (by time). */
  addPredictions(list: readonly ModelPrediction[]): void;
  clearPredictions(): void;
  /** Selects a decision bar; its explanation is cleared until it arrives. */
  selectBar(time: number | null): void;
  /** Sets the explanation of the selected bar; one for another bar (late reply) is dropped. */
  setExplanation(explanation: PredictionExplanation | null): void;
  applyProgress(progress: TrainingProgress): void;
  setModels(models: readonly ModelSummary[]): void;
}

/** Merges `add` into sorted `base` (an entry of `add` replaces one at the same time). */
export function mergeByTime(
  base: readonly ModelPrediction[],
  add: readonly ModelPrediction[],
  max = MAX_PREDICTIONS,
): ModelPrediction[] {
  if (add.length === 0) return base.slice(-max);
  const byTime = new Map<number, ModelPrediction>();
  const last = base[base.length - 1];
  const sortedAdd = [...add].sort((a, b) => a.time - b.time);
  // The common case, live predictions arriving in order, appends without a re-sort.
  if (!last || (sortedAdd[0] as ModelPrediction).time > last.time) {
    for (const p of sortedAdd) byTime.set(p.time, p);
    return [...base, ...byTime.values()].slice(-max);
  }
  for (const p of base) byTime.set(p.time, p);
  for (const p of sortedAdd) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time).slice(-max);
}

/** The prediction made at decision time `time`, if any (binary search). */
export function predictionAt(
  predictions: readonly ModelPrediction[],
  time: number,
): ModelPrediction | null {
  let lo = 0;
  let hi = predictions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = predictions[mid] as ModelPrediction;
    if (p.time === time) return p;
    if (p.time < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** The curve after `p`: merged by epoch, restarted for a new run or a new fold. */
export function nextCurve(
  prev: TrainingProgress | null,
  curve: readonly CurvePoint[],
  p: TrainingProgress,
): CurvePoint[] {
  const fresh = !prev || prev.runId !== p.runId || prev.fold !== p.fold;
  const byEpoch = new Map<number, CurvePoint>();
  if (!fresh) for (const c of curve) byEpoch.set(c.epoch, c);
  for (const c of p.curve) byEpoch.set(c.epoch, c);
  // An epoch-end message carries the epoch's validation loss even before the curve has it.
  if (p.valLoss !== null && p.trainLoss !== null && !byEpoch.has(p.epoch)) {
    byEpoch.set(p.epoch, { epoch: p.epoch, trainLoss: p.trainLoss, valLoss: p.valLoss });
  }
  return [...byEpoch.values()]
    .filter((c) => Number.isFinite(c.trainLoss) && Number.isFinite(c.valLoss))
    .sort((a, b) => a.epoch - b.epoch);
}

export const useModel = create<ModelState>()((set) => ({
  predictions: [],
  selectedTime: null,
  explanation: null,
  progress: null,
  curve: [],
  models: [],
  addPredictions: (list) =>
    set((s) => (list.length === 0 ? {} : { predictions: mergeByTime(s.predictions, list) })),
  clearPredictions: () => set({ predictions: [] }),
  selectBar: (selectedTime) =>
    set((s) => (s.selectedTime === selectedTime ? {} : { selectedTime, explanation: null })),
  setExplanation: (explanation) =>
    set((s) =>
      explanation === null || explanation.time === s.selectedTime ? { explanation } : {},
    ),
  applyProgress: (progress) =>
    set((s) => ({ progress, curve: nextCurve(s.progress, s.curve, progress) })),
  setModels: (models) => set({ models }),
}));
