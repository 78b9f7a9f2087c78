import { describe, expect, it } from 'vitest';
import * as evalApi from './index';

describe('ml/eval public API', () => {
  it('re-exports every building block', () => {
    for (const name of [
      'aucBinary',
      'logLoss',
      'brierScore',
      'reliabilityCurve',
      'pinballLoss',
      'coverage',
      'classMetrics',
      'fitClassPriors',
      'predictClassPriors',
      'fitLogistic',
      'predictLogistic',
      'fitTemperature',
      'applyTemperature',
      'fitQuantileRecalibration',
      'applyQuantileRecalibration',
      'walkForwardFolds',
    ] as const) {
      expect(typeof evalApi[name]).toBe('function');
    }
  });
});
