import { describe, expect, it } from 'vitest';
import { MIN_ALPHA, cellAlpha, lean, stripCells } from './strip-geometry';

const MIN = 60_000;
const T0 = Date.parse('2024-03-05T14:30:00Z');
const p = (i: number, long: number, short: number) => ({
  time: T0 + i * 5 * MIN,
  longProbability: long,
  shortProbability: short,
});

describe('probability strip geometry', () => {
  it('leans to the likelier side, as strongly as the probabilities differ', () => {
    expect(lean(p(0, 0.7, 0.1))).toEqual({ side: 'long', intensity: expect.closeTo(0.6) });
    expect(lean(p(0, 0.2, 0.5))).toEqual({ side: 'short', intensity: expect.closeTo(0.3) });
    expect(lean(p(0, Number.NaN, 0.5)).intensity).toBe(0);
  });

  it('keeps a weak lean visible and a full lean opaque', () => {
    expect(cellAlpha(0)).toBe(MIN_ALPHA);
    expect(cellAlpha(1)).toBe(1);
    expect(cellAlpha(2)).toBe(1);
  });

  it('gives one cell per 5-minute bar with a prediction, skipping bars not on the chart', () => {
    const preds = [p(0, 0.6, 0.2), p(1, 0.1, 0.8), p(2, 0.3, 0.3)];
    const indexOf = (t: number) => (t === preds[1]?.time ? null : (t - T0) / (5 * MIN) + 10);
    const cells = stripCells(preds, 5, indexOf, 0, 100);
    expect(cells.map((c) => [c.logical, c.span, c.side])).toEqual([
      [10, 1, 'long'],
      [12, 1, 'long'],
    ]);
  });

  it('spans five bars on the 1-minute chart', () => {
    const cells = stripCells([p(0, 0.1, 0.9)], 1, (t) => (t - T0) / MIN, 0, 100);
    expect(cells).toEqual([{ logical: 0, span: 5, side: 'short', intensity: expect.closeTo(0.8) }]);
  });

  it('lets the latest prediction in a 15-minute bar win', () => {
    const preds = [p(0, 0.9, 0.0), p(1, 0.5, 0.4), p(2, 0.0, 0.7), p(3, 0.6, 0.1)];
    const indexOf = (t: number) => Math.floor((t - T0) / (15 * MIN));
    const cells = stripCells(preds, 15, indexOf, 0, 10);
    expect(cells.map((c) => [c.logical, c.side])).toEqual([
      [0, 'short'],
      [1, 'long'],
    ]);
  });

  it('drops cells outside the visible range', () => {
    const preds = Array.from({ length: 50 }, (_, i) => p(i, 0.5, 0.2));
    const cells = stripCells(preds, 5, (t) => (t - T0) / (5 * MIN), 20, 30);
    expect(cells[0]?.logical).toBe(19);
    expect(cells[cells.length - 1]?.logical).toBe(31);
  });
});
