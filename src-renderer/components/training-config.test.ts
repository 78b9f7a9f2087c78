import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_CONFIG, configProblems } from './training-config';

const ok = { ...DEFAULT_TRAINING_CONFIG, from: '2024-01-02', to: '2024-06-28' };

describe('training config checks', () => {
  it('accepts the defaults (an empty span is all the data) and a chosen span', () => {
    expect(configProblems(DEFAULT_TRAINING_CONFIG)).toEqual([]);
    expect(configProblems(ok)).toEqual([]);
    expect(configProblems({ ...ok, to: '2024-7-1' })).toEqual(['the last date must be yyyy-mm-dd']);
  });

  it('rejects a reversed span, bad numbers, and a width not divisible by the heads', () => {
    expect(configProblems({ ...ok, from: '2024-07-01' })).toEqual([
      'the span ends before it starts',
    ]);
    expect(configProblems({ ...ok, epochs: 2.5 })).toEqual(['epochs must be a whole number']);
    expect(configProblems({ ...ok, dropout: Number.NaN })).toEqual([
      'dropout must be between 0 and 0.9',
    ]);
    expect(configProblems({ ...ok, hiddenSize: 18, heads: 4 })).toEqual([
      'hidden size must be a multiple of heads',
    ]);
  });
});
