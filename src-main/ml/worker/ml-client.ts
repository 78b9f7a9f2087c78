/**
 * Main-thread handle on the ML worker: typed requests, progress callbacks, cancel.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ModelPrediction, PredictionExplanation } from '@shared/contracts/model';
import type { SeriesArrays } from '../predict/series-predict';
import type { TrainJobResult, TrainJobSpec } from '../train/train-job';
import type { WalkForwardProgress } from '../train/walk-forward';
import type { MlRequest, MlResponse } from './ml-protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: WalkForwardProgress) => void;
}

/** A training run in the worker. */
export interface TrainingRun {
  id: string;
  done: Promise<TrainJobResult>;
  cancel(): void;
}

export class MlClient {
  private readonly worker: Worker;
  private readonly pending = new Map<string, Pending>();

  /** Starts the worker from its bundled entry file. */
  constructor(workerFile: string) {
    this.worker = new Worker(workerFile);
    this.worker.on('message', (m: MlResponse) => this.receive(m));
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`ML worker exited with code ${code}`)));
  }

  private receive(m: MlResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.progress);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(m.message));
    else if (m.type === 'backend') p.resolve(m.name);
    else if (m.type === 'trained') p.resolve(m.result);
    else if (m.type === 'predicted') p.resolve(m.predictions);
    else p.resolve(m.explanation);
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private request<T>(m: MlRequest, onProgress?: (p: WalkForwardProgress) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(m.id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage(m);
    });
  }

  /** The TensorFlow.js backend the worker runs on. */
  backend(): Promise<string> {
    return this.request<string>({ type: 'backend', id: randomBytes(6).toString('hex') });
  }

  /** Starts a training run; `onProgress` after every batch. */
  train(spec: TrainJobSpec, onProgress: (p: WalkForwardProgress) => void): TrainingRun {
    const id = randomBytes(6).toString('hex');
    const done = this.request<TrainJobResult>({ type: 'train', id, spec }, onProgress);
    return {
      id,
      done,
      cancel: () => this.worker.postMessage({ type: 'cancel', id } satisfies MlRequest),
    };
  }

  /** Calibrated predictions of the last `last` decision bars of a 1-minute series. */
  predict(modelDir: string, series: SeriesArrays, last: number): Promise<ModelPrediction[]> {
    return this.request({
      type: 'predict',
      id: randomBytes(6).toString('hex'),
      modelDir,
      series,
      last,
    });
  }

  /** Attention and variable importance of one decision bar (the last when `time` is null). */
  explain(
    modelDir: string,
    series: SeriesArrays,
    time: number | null,
  ): Promise<PredictionExplanation | null> {
    return this.request({
      type: 'explain',
      id: randomBytes(6).toString('hex'),
      modelDir,
      series,
      time,
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
