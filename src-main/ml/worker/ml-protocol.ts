/**
 * Messages between the main thread and the ML worker. One long-lived worker owns
 * TensorFlow.js; the main thread only posts requests and receives progress and results,
 * so training never blocks it.
 */
import type { ModelPrediction, PredictionExplanation } from '@shared/contracts/model';
import type { SeriesArrays } from '../predict/series-predict';
import type { TrainJobResult, TrainJobSpec } from '../train/train-job';
import type { WalkForwardProgress } from '../train/walk-forward';

export type MlRequest =
  | { type: 'backend'; id: string }
  | { type: 'train'; id: string; spec: TrainJobSpec }
  | { type: 'cancel'; id: string }
  | { type: 'predict'; id: string; modelDir: string; series: SeriesArrays; last: number }
  | { type: 'explain'; id: string; modelDir: string; series: SeriesArrays; time: number | null };

export type MlResponse =
  | { type: 'backend'; id: string; name: string }
  | { type: 'progress'; id: string; progress: WalkForwardProgress }
  | { type: 'trained'; id: string; result: TrainJobResult }
  | { type: 'predicted'; id: string; predictions: ModelPrediction[] }
  | { type: 'explained'; id: string; explanation: PredictionExplanation | null }
  | { type: 'error'; id: string; message: string };
