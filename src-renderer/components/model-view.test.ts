import { describe, expect, it } from 'vitest';
import type { PredictionExplanation } from '@shared/contracts/model';
import { cellAt, eta, heatmapRows, lossPaths, metric, topImportance } from './model-view';

const explanation: PredictionExplanation = {
  time: 3,
  barTimes: [1, 2, 3],
  attention: [
    [0.2, 0.3, 0.5],
    [0.6, 0.4, 0],
  ],
  attentionMean: [0.4, 0.35, 0.25],
  temporalImportance: [],
  staticImportance: [],
};

describe('model view helpers', () => {
  it('gives a heatmap row per head then the mean, each shaded against its own maximum', () => {
    const rows = heatmapRows(explanation);
    expect(rows.map((r) => r.label)).toEqual(['Head 1', 'Head 2', 'Mean']);
    expect(rows[0]?.shades).toEqual([0.4, 0.6, 1]);
    expect(rows[1]?.shades[2]).toBe(0);
    expect(rows[2]?.weights).toEqual([0.4, 0.35, 0.25]);
  });

  it('cuts rows to the bar count and shows bad weights as zero', () => {
    const rows = heatmapRows({ ...explanation, attention: [[Number.NaN, 1, 0, 7]] });
    expect(rows[0]?.weights).toEqual([0, 1, 0]);
  });

  it('ranks inputs heaviest first and keeps the top n', () => {
    const list = [
      { name: 'a', weight: 0.1 },
      { name: 'b', weight: 0.5 },
      { name: 'c', weight: 0.3 },
      { name: 'd', weight: Number.NaN },
    ];
    expect(topImportance(list, 2).map((x) => x.name)).toEqual(['b', 'c']);
    expect(topImportance(list).map((x) => x.name)).toEqual(['b', 'c', 'a']);
  });

  it('finds the heatmap cell under the pointer', () => {
    expect(cellAt(0.5, 0.9, 3, 100)).toEqual({ row: 2, step: 50 });
    expect(cellAt(1, 0.5, 3, 100)).toBeNull();
    expect(cellAt(-0.01, 0.5, 3, 100)).toBeNull();
  });

  it('draws loss curves on one padded scale, epochs spread across the width', () => {
    const p = lossPaths(
      [
        { epoch: 1, trainLoss: 1.0, valLoss: 1.1 },
        { epoch: 2, trainLoss: 0.8, valLoss: 0.9 },
        { epoch: 3, trainLoss: 0.6, valLoss: 1.0 },
      ],
      100,
      50,
    );
    expect(p.min).toBeCloseTo(0.575);
    expect(p.max).toBeCloseTo(1.125);
    const xs = p.train.split(' ').map((s) => Number(s.split(',')[0]));
    expect(xs).toEqual([0, 50, 100]);
    const ys = p.train.split(' ').map((s) => Number(s.split(',')[1]));
    expect(ys[2]).toBeCloseTo(47.7, 1);
    expect(lossPaths([], 100, 50).train).toBe('');
  });

  it('formats metrics and ETAs for people', () => {
    expect(metric(0.51234)).toBe('0.512');
    expect(metric(null)).toBe('—');
    expect(eta(42)).toBe('42s');
    expect(eta(185)).toBe('3m 05s');
    expect(eta(3725)).toBe('1h 02m');
    expect(eta(Number.NaN)).toBe('—');
  });
});
