import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PredictionExplanation } from '@shared/contracts/model';
import { ModelPanel } from './model-panel';

const T = Date.parse('2024-03-05T14:30:00Z');
const explanation: PredictionExplanation = {
  time: T,
  barTimes: [T - 10 * 60_000, T - 5 * 60_000, T],
  attention: [
    [0.2, 0.3, 0.5],
    [0.6, 0.4, 0],
  ],
  attentionMean: [0.4, 0.35, 0.25],
  temporalImportance: Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, weight: i / 190 })),
  staticImportance: [
    { name: 'weekday', weight: 0.3 },
    { name: 'session', weight: 0.7 },
  ],
};

describe('model panel', () => {
  it('asks for a selection when there is no explanation', () => {
    expect(renderToStaticMarkup(<ModelPanel explanation={null} />)).toContain(
      'data-testid="model-panel-empty"',
    );
  });

  it('draws a heatmap cell per head and step plus a mean row, dated in New York time', () => {
    const html = renderToStaticMarkup(<ModelPanel explanation={explanation} />);
    expect(html).toContain('data-testid="attention-heatmap"');
    expect(html.match(/<rect /g)?.length).toBe(3 * 3 + 15 + 2);
    // 14:30 UTC is 09:30 in New York in early March (EST).
    expect(html).toContain('2024-03-05 09:30');
  });

  it('shows the 15 heaviest temporal inputs and every static input, heaviest first', () => {
    const html = renderToStaticMarkup(<ModelPanel explanation={explanation} />);
    const temporal = [...html.matchAll(/data-feature="(f\d+)"/g)].map((m) => m[1]);
    expect(temporal).toHaveLength(15);
    expect(temporal[0]).toBe('f19');
    expect(temporal).not.toContain('f4');
    const statics = [...html.matchAll(/data-feature="(weekday|session)"/g)].map((m) => m[1]);
    expect(statics).toEqual(['session', 'weekday']);
    expect(html).toContain('data-testid="importance-bars"');
  });
});
