/**
 * One training run from a data source to a saved model: load the 1-minute bars (market
 * store or seeded synthetic market), compute features and labels, walk forward, save the
 * last fold's model with its metadata. The CLI and the ML worker both run this.
 */
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BarColumns } from '@shared/market/bar-columns';
import type { PriceRoll } from '@shared/market/roll-offsets';
import { MarketStore } from '../../data/store/market-store';
import { SyntheticMarket } from '../../data/synthetic/synthetic-market';
import { computeFeatures } from '../../features/feature-set';
import { computeLabels } from '../../features/labels/compute-labels';
import { buildSampleSet, STATIC_INPUTS, type SampleSet } from '../data/dataset';
import { saveModel } from '../registry/model-files';
import { disposeParams } from '../tft/params';
import {
  runWalkForward,
  type FoldReport,
  type WalkForwardConfig,
  type WalkForwardProgress,
} from './walk-forward';

/** Where the bars come from. */
export type DataSource =
  | { kind: 'store'; dbPath: string; symbol: string; from?: number; to?: number }
  | { kind: 'synthetic'; days: number; seed: number };

export interface Series {
  bars: BarColumns;
  volumeAbsent: boolean;
  /** The series' contract rolls: features adjust for them, label walks stop at them. */
  rolls: PriceRoll[];
  description: string;
}

/** The source holds no bars for the span asked for (the user's to fix, not a bug). */
export class NoDataError extends Error {
  override readonly name = 'NoDataError';
}

/** Reads the 1-minute bars of a source; throws a clear error when there are none. */
export function loadSeries(source: DataSource): Series {
  if (source.kind === 'synthetic') {
    const start = Date.parse('2024-01-02T00:00:00Z');
    const bars = new BarColumns(source.days * 1440);
    new SyntheticMarket({ seed: source.seed, start }).fill(bars, start + source.days * 86_400_000);
    return {
      bars,
      volumeAbsent: false,
      rolls: [],
      description: `synthetic market (seed ${source.seed}, ${source.days} days)`,
    };
  }
  const store = new MarketStore(source.dbPath);
  try {
    const r = store.bars(source.symbol, 1, source.from, source.to);
    if (r.bars.length === 0) {
      throw new NoDataError('no 1-minute bars in the store for that span: import a file first');
    }
    return {
      bars: r.bars,
      volumeAbsent: r.volumeAbsent,
      rolls: store.rolls(source.symbol, 1).map((x) => ({ time: x.time, gap: x.gap })),
      description: `market store ${source.symbol} 1m`,
    };
  } finally {
    store.close();
  }
}

/** Features joined with labels for a series. */
export function sampleSetOf(series: Series): SampleSet {
  const features = computeFeatures(series.bars, series.volumeAbsent, series.rolls);
  const labels = computeLabels(series.bars, { rollTimes: series.rolls.map((r) => r.time) });
  return buildSampleSet(features, labels);
}

/**
 * The commit the code was built from, with '-dirty' when the working tree had changes
 * (the model then came from that commit plus uncommitted code), or 'unknown' outside a git
 * checkout.
 */
export function codeVersion(): string {
  try {
    return execSync('git describe --always --dirty --abbrev=7', {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

export interface TrainJobSpec {
  source: DataSource;
  config: WalkForwardConfig;
  /** Directory the model is written to (its id is the last path segment). */
  outDir: string;
  id: string;
  label?: string;
  backend: string;
}

export interface TrainJobResult {
  cancelled: boolean;
  modelDir: string | null;
  folds: FoldReport[];
  description: string;
}

/** Runs the job; progress after every batch; cancel through `signal` (nothing is saved). */
export async function runTrainJob(
  spec: TrainJobSpec,
  onProgress: (p: WalkForwardProgress) => void,
  signal?: AbortSignal,
): Promise<TrainJobResult> {
  const series = loadSeries(spec.source);
  const set = sampleSetOf(series);
  // Best weights per fold so far, for a crash mid-run; removed once the model is saved.
  const checkpoints = `${spec.outDir}.checkpoints`;
  const result = await runWalkForward(
    set,
    { ...spec.config, checkpointDir: checkpoints },
    onProgress,
    signal,
  );
  if (result.cancelled || !result.final) {
    if (result.final) disposeParams(result.final.params);
    rmSync(checkpoints, { recursive: true, force: true });
    return {
      cancelled: true,
      modelDir: null,
      folds: result.folds,
      description: series.description,
    };
  }
  const { params, inputs, calibration, fold } = result.final;
  try {
    saveModel(spec.outDir, params, inputs.normalization, {
      id: spec.id,
      label: spec.label ?? `trained on ${series.description}`,
      createdAt: new Date().toISOString(),
      featureSetVersion: set.featureSetVersion,
      temporalNames: [...set.temporalNames],
      staticNames: STATIC_INPUTS.map((s) => s.name),
      horizons: [...set.horizons],
      lookback: params.config.lookback,
      targetScale: [...inputs.targetScale],
      calibration,
      trainingSpan: { from: fold.trainDates[0], to: fold.trainDates[1] },
      dataSource: series.description,
      folds: result.folds,
      trainOptions: spec.config,
      backend: spec.backend,
      codeVersion: codeVersion(),
    });
  } finally {
    disposeParams(params);
  }
  rmSync(checkpoints, { recursive: true, force: true });
  return {
    cancelled: false,
    modelDir: spec.outDir,
    folds: result.folds,
    description: series.description,
  };
}
