/**
 * The Model drawer beside the chart: the active model (its label says what it was trained
 * on), the selected bar's attention heatmap and variable importance, and the Training page
 * (data span, config, start, progress, loss curves, cancel, results beside baselines,
 * promote and roll back). State lives in the model store; every action goes through IPC.
 */
import { useEffect, useState } from 'react';
import type { ModelList } from '@shared/contracts/model';
import type { Api } from '../ipc/api';
import { predictionAt, useModel } from '../state/model-store';
import { useWorkstation } from '../state/store';
import { ModelPanel } from './model-panel';
import { TrainingPage } from './training-page';
import type { TrainingConfig } from './training-config';

export const MODEL_PANEL_ID = 'model-drawer';

type Tab = 'model' | 'training';
const TABS: readonly (readonly [Tab, string])[] = [
  ['model', 'Explain'],
  ['training', 'Training'],
];

/** Refreshes the registry list (and the latest training run) from main. */
export async function refreshModels(api: Api): Promise<ModelList> {
  const list = await api.listModels({});
  useModel.getState().setModels(list.models);
  if (list.training) useModel.getState().applyProgress(list.training);
  return list;
}

export function ModelDrawer({ api, onClose }: { readonly api: Api; readonly onClose: () => void }) {
  const [tab, setTab] = useState<Tab>('model');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  const models = useModel((s) => s.models);
  const progress = useModel((s) => s.progress);
  const curve = useModel((s) => s.curve);
  const explanation = useModel((s) => s.explanation);
  const selected = useModel((s) => s.selectedTime);
  const predictions = useModel((s) => s.predictions);
  const prediction =
    selected !== null ? predictionAt(predictions, selected) : (predictions.at(-1) ?? null);
  const active = models.find((m) => m.active) ?? null;

  useEffect(() => {
    refreshModels(api)
      .then((l) => setBackend(l.backend))
      .catch((e: unknown) => setError((e as Error).message));
  }, [api, models.length]);

  // The worker starts with the first prediction; ask again until it has named its backend.
  useEffect(() => {
    if (backend !== null) return;
    const timer = setInterval(() => {
      api
        .listModels({})
        .then((l) => setBackend(l.backend))
        .catch(() => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [api, backend]);

  // Without a selected bar, explain the latest one once predictions exist.
  useEffect(() => {
    if (selected !== null || explanation !== null || predictions.length === 0) return;
    api
      .explainPrediction({ time: null })
      .then((r) => {
        // setExplanation keeps only the selected bar's; with none selected, the latest is shown.
        if (useModel.getState().selectedTime === null)
          useModel.setState({ explanation: r.explanation });
      })
      .catch((e: unknown) =>
        useWorkstation.getState().setError(`explanation: ${(e as Error).message}`),
      );
  }, [api, selected, explanation, predictions.length]);

  const act = (fn: () => Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    fn()
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => setBusy(false));
  };

  const start = (c: TrainingConfig): void =>
    act(async () => {
      // Stored 1-minute bars when there are any, else the embedded synthetic market.
      const info = await api.getDataInfo({});
      const stored = info.series.some((s) => s.timeframe === 1 && s.bars > 0);
      await api.startTraining({
        source: stored ? 'store' : 'synthetic',
        ...(c.from ? { from: c.from } : {}),
        ...(c.to ? { to: c.to } : {}),
        lookback: c.lookback,
        dModel: c.hiddenSize,
        numHeads: c.heads,
        dropout: c.dropout,
        encoder: c.encoder,
        epochs: c.epochs,
        trainDays: c.trainDays,
        valDays: c.valDays,
        testDays: c.testDays,
      });
    });

  return (
    <aside id={MODEL_PANEL_ID} className="data-panel model-drawer" aria-label="Model and training">
      <div className="panel-head">
        <h2>Model</h2>
        <button type="button" aria-label="Close model panel" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="muted" data-testid="active-model">
        {active ? `${active.id}: ${active.label}` : 'no model yet: train one below'}
      </p>
      <p className="muted" data-testid="ml-backend">
        TensorFlow.js backend: {backend ?? 'starting…'}
      </p>
      <div className="tabs" role="tablist">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            data-testid={`tab-${key}`}
            onClick={() => setTab(key)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'model' ? (
        <ModelPanel explanation={explanation} prediction={prediction} />
      ) : (
        <TrainingPage
          progress={progress}
          curve={curve}
          models={models}
          busy={busy}
          error={error}
          onStart={start}
          onCancel={() => {
            if (progress) act(() => api.cancelTraining({ runId: progress.runId }));
          }}
          onPromote={(id) =>
            act(async () => useModel.getState().setModels((await api.promoteModel({ id })).models))
          }
          onRollback={() =>
            act(async () => useModel.getState().setModels((await api.rollbackModel({})).models))
          }
        />
      )}
    </aside>
  );
}
