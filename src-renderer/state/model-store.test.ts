import { beforeEach, describe, expect, it } from 'vitest';
import type {
  ModelPrediction,
  PredictionExplanation,
  TrainingProgress,
} from '@shared/contracts/model';
import { mergeByTime, predictionAt, useModel } from './model-store';

const BAR = 5 * 60_000;
const T0 = Date.parse('2024-03-05T14:30:00Z');

function prediction(i: number, longProbability = 0.4): ModelPrediction {
  return {
    time: T0 + i * BAR,
    close: 18_000 + i,
    longProbability,
    shortProbability: 0.3,
    noneProbability: 0.3 - (longProbability - 0.4),
    confidence: longProbability,
    quantiles: [{ horizon: 1, p10: -2, p50: 0, p90: 2 }],
  };
}

function explanation(time: number): PredictionExplanation {
  return {
    time,
    barTimes: [time - BAR, time],
    attention: [[0.5, 0.5]],
    attentionMean: [0.5, 0.5],
    temporalImportance: [{ name: 'ret_1', weight: 1 }],
    staticImportance: [{ name: 'session', weight: 1 }],
  };
}

function progress(patch: Partial<TrainingProgress>): TrainingProgress {
  return {
    runId: 'run1',
    state: 'running',
    fold: 1,
    folds: 3,
    epoch: 1,
    epochs: 10,
    batch: 1,
    batches: 50,
    trainLoss: 1.2,
    valLoss: null,
    samplesPerSecond: 800,
    etaSeconds: 120,
    curve: [],
    message: '',
    ...patch,
  };
}

describe('model store', () => {
  beforeEach(() => {
    useModel.setState(useModel.getInitialState());
  });

  it('keeps predictions sorted by time with one per decision bar', () => {
    const s = useModel.getState();
    s.addPredictions([prediction(2), prediction(0)]);
    s.addPredictions([prediction(3)]);
    s.addPredictions([prediction(1), prediction(2, 0.6)]);
    const list = useModel.getState().predictions;
    expect(list.map((p) => p.time)).toEqual([0, 1, 2, 3].map((i) => T0 + i * BAR));
    expect(predictionAt(list, T0 + 2 * BAR)?.longProbability).toBe(0.6);
    expect(predictionAt(list, T0 + 7 * BAR)).toBeNull();
  });

  it('drops the oldest predictions beyond the cap', () => {
    const merged = mergeByTime([prediction(0), prediction(1)], [prediction(2), prediction(3)], 3);
    expect(merged.map((p) => p.close)).toEqual([18_001, 18_002, 18_003]);
  });

  it('shows the explanation of the selected bar only, dropping a late reply for another', () => {
    const s = useModel.getState();
    s.selectBar(T0);
    s.setExplanation(explanation(T0));
    expect(useModel.getState().explanation?.time).toBe(T0);
    s.selectBar(T0 + BAR);
    expect(useModel.getState().explanation).toBeNull();
    s.setExplanation(explanation(T0));
    expect(useModel.getState().explanation).toBeNull();
    s.setExplanation(explanation(T0 + BAR));
    expect(useModel.getState().explanation?.time).toBe(T0 + BAR);
  });

  it('appends a curve point at each epoch end and restarts the curve for a new fold', () => {
    const s = useModel.getState();
    s.applyProgress(progress({ epoch: 1, batch: 10 }));
    expect(useModel.getState().curve).toEqual([]);
    s.applyProgress(progress({ epoch: 1, batch: 50, trainLoss: 1.1, valLoss: 1.3 }));
    s.applyProgress(progress({ epoch: 2, batch: 5, trainLoss: 1.0 }));
    s.applyProgress(progress({ epoch: 2, batch: 50, trainLoss: 0.9, valLoss: 1.2 }));
    expect(useModel.getState().curve).toEqual([
      { epoch: 1, trainLoss: 1.1, valLoss: 1.3 },
      { epoch: 2, trainLoss: 0.9, valLoss: 1.2 },
    ]);
    s.applyProgress(progress({ fold: 2, epoch: 1, batch: 1 }));
    expect(useModel.getState().curve).toEqual([]);
    expect(useModel.getState().progress?.fold).toBe(2);
  });

  it("takes main's curve as the truth for epochs it names", () => {
    const s = useModel.getState();
    s.applyProgress(progress({ epoch: 1, trainLoss: 1.1, valLoss: 1.3 }));
    s.applyProgress(
      progress({
        epoch: 3,
        curve: [
          { epoch: 1, trainLoss: 1.05, valLoss: 1.25 },
          { epoch: 2, trainLoss: 0.95, valLoss: 1.2 },
        ],
      }),
    );
    expect(useModel.getState().curve.map((c) => c.trainLoss)).toEqual([1.05, 0.95]);
    s.applyProgress(progress({ runId: 'run2', epoch: 1 }));
    expect(useModel.getState().curve).toEqual([]);
  });
});
