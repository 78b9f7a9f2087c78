/**
 * The pattern model in the app: the registry (user models under `<dataDir>/models`, the
 * shipped demo under the repository's `models/`), training runs in the ML worker with
 * progress pushed as `model.training`, promotion and rollback, and the active model's
 * predictions over the running feed (recomputed in the worker when a 5-minute bar closes,
 * pushed as `model.predictions`). TensorFlow.js never runs on this thread.
 */
import { join } from 'node:path';
import type {
  ModelList,
  ModelSummary,
  Predictions,
  PredictionExplanation,
  TrainingProgress,
} from '@shared/contracts/model';
import type { ParsedRequest } from '@shared/contracts/ipc';
import type { Dispose, MessageBus } from '../engine/bus';
import type { Logger } from '../engine/logger';
import type { MarketDataService } from '../data/market-data';
import type { SeriesArrays } from '../ml/predict/series-predict';
import { ModelRegistry, type RegistryEntry } from '../ml/registry/registry';
import type { FoldReport } from '../ml/train/walk-forward';
import type { MlClient } from '../ml/worker/ml-client';

const FIVE_MINUTES = 300_000;
const MAX_CURVE = 500;

export interface ModelServiceOptions {
  dataDir: string;
  /** The repository's `models/` (shipped models), or null. */
  shippedDir: string | null;
  marketDbPath: string;
  /** Starts the worker on first use. */
  client: () => MlClient;
  emitTraining: (p: TrainingProgress) => void;
  emitPredictions: (p: Predictions) => void;
  log: Logger;
  /** Decision bars predicted after each 5-minute close (default 300). */
  predictLast?: number;
}

function summary(e: RegistryEntry, activeId: string | undefined): ModelSummary {
  const folds = (e.metadata.folds as FoldReport[]).map((f) => ({
    fold: f.fold,
    testDates: [f.testDates[0], f.testDates[1]] as [string, string],
    model: f.model,
    priors: f.priors,
    logistic: f.logistic,
  }));
  return {
    id: e.id,
    label: e.metadata.label,
    createdAt: e.metadata.createdAt,
    shipped: e.shipped,
    active: e.id === activeId,
    featureSetVersion: e.metadata.featureSetVersion,
    trainingSpan: e.metadata.trainingSpan,
    folds,
  };
}

export class ModelService {
  readonly registry: ModelRegistry;
  private backend: string | null = null;
  private backendAsked = false;
  private training: TrainingProgress | null = null;
  private run: { id: string; cancel(): void } | null = null;
  private latest: Predictions = { modelId: null, label: 'no model', predictions: [] };
  private predicting = false;
  private predictAgain = false;
  private readonly disposers: Dispose[] = [];

  constructor(
    bus: MessageBus,
    private readonly market: Pick<MarketDataService, 'minuteColumns' | 'rolls'>,
    private readonly opts: ModelServiceOptions,
  ) {
    this.registry = new ModelRegistry(join(opts.dataDir, 'models'), opts.shippedDir);
    this.disposers.push(
      bus.subscribe('market.bar', ({ bar, final }) => {
        // The minute that completes a 5-minute bar: a new decision bar exists.
        if (final && (bar.time + 60_000) % FIVE_MINUTES === 0) this.refresh();
      }),
      bus.subscribe('market.reset', () => {
        this.latest = { ...this.latest, predictions: [] };
        this.refresh();
      }),
    );
  }

  /** The worker (started on first use); its backend is asked for once, for the panel. */
  private client(): MlClient {
    const c = this.opts.client();
    if (!this.backendAsked) {
      this.backendAsked = true;
      c.backend()
        .then((b) => (this.backend = b))
        .catch((e: unknown) =>
          this.opts.log.warn('ML backend unknown', { error: (e as Error).message }),
        );
    }
    return c;
  }

  list(): ModelList {
    const active = this.registry.active()?.id;
    return {
      models: this.registry.list().map((e) => summary(e, active)),
      backend: this.backend,
      training: this.training,
    };
  }

  private series(): SeriesArrays {
    return { ...this.market.minuteColumns().toColumns(), rolls: [...this.market.rolls()] };
  }

  /** Recomputes the active model's predictions in the worker (coalescing bursts). */
  refresh(): void {
    if (this.predicting) {
      this.predictAgain = true;
      return;
    }
    const active = this.registry.active();
    if (!active) return;
    this.predicting = true;
    const client = this.client();
    client
      .predict(active.dir, this.series(), this.opts.predictLast ?? 300)
      .then((predictions) => {
        this.latest = { modelId: active.id, label: active.metadata.label, predictions };
        this.opts.emitPredictions(this.latest);
      })
      .catch((e: unknown) =>
        this.opts.log.warn('prediction failed', { model: active.id, error: (e as Error).message }),
      )
      .finally(() => {
        this.predicting = false;
        if (this.predictAgain) {
          this.predictAgain = false;
          this.refresh();
        }
      });
  }

  async predictions(last: number): Promise<Predictions> {
    const active = this.registry.active();
    if (!active)
      return { modelId: null, label: 'no model: train one in the Model panel', predictions: [] };
    const predictions = await this.client().predict(active.dir, this.series(), last);
    this.latest = { modelId: active.id, label: active.metadata.label, predictions };
    return this.latest;
  }

  async explain(time: number | null): Promise<PredictionExplanation | null> {
    const active = this.registry.active();
    if (!active) return null;
    return this.client().explain(active.dir, this.series(), time);
  }

  /** Starts a training run; refuses while one runs. */
  startTraining(r: ParsedRequest<'startTraining'>): { runId: string } {
    if (this.run) throw new Error('a training run is already in progress; cancel it or wait');
    const client = this.client();
    const createdAt = new Date();
    const id = `tft-${createdAt.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
    const curve: TrainingProgress['curve'] = [];
    let fold = 0;
    const base = (): TrainingProgress => ({
      runId: id,
      state: 'running',
      fold: 0,
      folds: 0,
      epoch: 0,
      epochs: r.epochs,
      batch: 0,
      batches: 0,
      trainLoss: null,
      valLoss: null,
      samplesPerSecond: 0,
      etaSeconds: 0,
      curve,
      message: 'preparing features and labels',
    });
    this.training = base();
    this.opts.emitTraining(this.training);
    const run = client.train(
      {
        source:
          r.source === 'synthetic'
            ? { kind: 'synthetic', days: r.syntheticDays, seed: 1 }
            : {
                kind: 'store',
                dbPath: this.opts.marketDbPath,
                symbol: 'NQ',
                ...(r.from ? { from: Date.parse(`${r.from}T00:00:00Z`) } : {}),
                ...(r.to ? { to: Date.parse(`${r.to}T00:00:00Z`) } : {}),
              },
        config: {
          model: {
            lookback: r.lookback,
            dModel: r.dModel,
            numHeads: r.numHeads,
            dropout: r.dropout,
            encoder: r.encoder,
          },
          train: { epochs: r.epochs },
          folds: { trainDays: r.trainDays, valDays: r.valDays, testDays: r.testDays },
          maxFolds: r.maxFolds,
        },
        outDir: join(this.opts.dataDir, 'models', id),
        id,
        backend: 'worker',
      },
      (p) => {
        if (p.fold !== fold) {
          fold = p.fold;
          curve.length = 0;
        }
        if (p.valLoss !== undefined && curve.length < MAX_CURVE) {
          curve.push({ epoch: p.epoch, trainLoss: p.trainLoss, valLoss: p.valLoss });
        }
        this.training = {
          ...base(),
          fold: p.fold,
          folds: p.folds,
          epoch: p.epoch,
          epochs: p.epochs,
          batch: p.batch,
          batches: p.batches,
          trainLoss: Number.isFinite(p.trainLoss) ? p.trainLoss : null,
          valLoss: p.valLoss ?? null,
          samplesPerSecond: p.samplesPerSecond,
          etaSeconds: p.etaSeconds,
          curve: [...curve],
          message: `fold ${p.fold} of ${p.folds}, epoch ${p.epoch} of ${p.epochs}`,
        };
        this.opts.emitTraining(this.training);
      },
    );
    this.run = { id, cancel: run.cancel };
    this.opts.log.info('training started', { runId: id, request: r });
    run.done
      .then((result) => {
        const state = result.cancelled ? 'cancelled' : 'finished';
        this.training = {
          ...(this.training ?? base()),
          state,
          curve: [...curve],
          message: result.cancelled
            ? 'nothing saved'
            : `model ${id} saved (${result.folds.length} fold${result.folds.length === 1 ? '' : 's'})`,
        };
        this.opts.log.info('training ended', { runId: id, state });
      })
      .catch((e: unknown) => {
        this.training = {
          ...(this.training ?? base()),
          state: 'failed',
          message: (e as Error).message,
        };
        this.opts.log.error('training failed', { runId: id, error: (e as Error).message });
      })
      .finally(() => {
        this.run = null;
        if (this.training) this.opts.emitTraining(this.training);
      });
    return { runId: id };
  }

  cancelTraining(runId: string): { cancelled: boolean } {
    if (!this.run || this.run.id !== runId) return { cancelled: false };
    this.run.cancel();
    return { cancelled: true };
  }

  promote(id: string): ModelList {
    this.registry.promote(id);
    this.refresh();
    return this.list();
  }

  rollback(): ModelList {
    this.registry.rollback();
    this.refresh();
    return this.list();
  }

  dispose(): void {
    this.run?.cancel();
    for (const d of this.disposers.splice(0)) d();
  }
}
