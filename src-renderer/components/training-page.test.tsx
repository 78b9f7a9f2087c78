import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ForecastMetricsView, ModelSummary, TrainingProgress } from '@shared/contracts/model';
import { TrainingPage, type TrainingPageProps } from './training-page';

const metrics = (auc: number): ForecastMetricsView => ({
  n: 100,
  auc_long: auc,
  auc_short: auc,
  logloss: 1.05,
  brier: 0.6,
  coverage_p10_p90: 0.79,
});

const model = (id: string, active: boolean): ModelSummary => ({
  id,
  label: `tft ${id}`,
  createdAt: '2024-07-01T12:00:00Z',
  shipped: false,
  active,
  featureSetVersion: 'f1',
  trainingSpan: { from: '2024-01-02', to: '2024-06-28' },
  folds: [
    {
      fold: 1,
      testDates: ['2024-05-01', '2024-05-14'],
      model: metrics(0.612),
      priors: metrics(0.5),
      logistic: metrics(0.556),
    },
  ],
});

const progress: TrainingProgress = {
  runId: 'r1',
  state: 'running',
  fold: 2,
  folds: 3,
  epoch: 4,
  epochs: 20,
  batch: 17,
  batches: 40,
  trainLoss: 0.91,
  valLoss: null,
  samplesPerSecond: 1234.4,
  etaSeconds: 185,
  curve: [],
  message: '',
};

const noop = (): void => {};
const render = (p: Partial<TrainingPageProps>): string =>
  renderToStaticMarkup(
    <TrainingPage
      progress={null}
      curve={[]}
      models={[]}
      onStart={noop}
      onCancel={noop}
      onPromote={noop}
      onRollback={noop}
      {...p}
    />,
  );

describe('training page', () => {
  it('refuses a malformed data span (empty means all data), and has nothing to cancel', () => {
    const html = render({ initialConfig: { from: '2024-1-2' } });
    expect(html).toMatch(/<button[^>]*data-testid="training-start"[^>]*disabled/);
    expect(html).toMatch(/<button[^>]*data-testid="training-cancel"[^>]*disabled/);
    expect(html).toContain('the first date must be yyyy-mm-dd');
    expect(html).not.toContain('data-testid="progress-fold"');
  });

  it('enables Start for a complete form', () => {
    const html = render({ initialConfig: { from: '2024-01-02', to: '2024-06-28' } });
    expect(html).not.toMatch(/<button[^>]*data-testid="training-start"[^>]*disabled/);
  });

  it('shows a running fold, epoch and batch as progress bars with their values', () => {
    const html = render({
      progress,
      curve: [
        { epoch: 1, trainLoss: 1.2, valLoss: 1.3 },
        { epoch: 2, trainLoss: 1.0, valLoss: 1.2 },
      ],
    });
    expect(html).toMatch(
      /role="progressbar"[^>]*aria-valuenow="2"[^>]*data-testid="progress-fold"/,
    );
    expect(html).toMatch(/aria-valuenow="4"[^>]*data-testid="progress-epoch"/);
    expect(html).toMatch(/aria-valuenow="17"[^>]*data-testid="progress-batch"/);
    expect(html).toContain('ETA 3m 05s');
    expect(html).toContain('1,234 samples/s');
    expect(html).toMatch(/data-testid="loss-curve" data-points="2"/);
    expect(html).toContain('data-testid="loss-val"');
    expect(html).not.toMatch(/<button[^>]*data-testid="training-cancel"[^>]*disabled/);
    expect(html).toMatch(/<button[^>]*data-testid="training-start"[^>]*disabled/);
  });

  it('lists models with Promote on the inactive ones and shows the active model’s folds', () => {
    const html = render({ models: [model('m2', false), model('m1', true)] });
    expect(html).toContain('data-testid="model-row-m1"');
    expect(html).toContain('data-testid="promote-m2"');
    expect(html).not.toContain('data-testid="promote-m1"');
    expect(html).toMatch(/<button[^>]*data-testid="rollback"/);
    expect(html).toContain('Walk-forward results · tft m1');
    for (const k of ['model', 'priors', 'logistic']) {
      expect(html).toContain(`data-testid="result-1-${k}"`);
    }
    expect(html).toContain('0.612');
    expect(html).toContain('0.556');
  });
});
