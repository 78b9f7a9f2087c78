/**
 * Settings → Training: choose the data span and the model's configuration, start a
 * walk-forward training run, follow its progress (folds, epochs, batches, loss curve, ETA,
 * throughput), cancel it, read each fold's test metrics beside the baselines, and promote
 * or roll back registry models. Props-driven: the page holds only its form; state comes in
 * and intents go out through the callbacks, so the IPC layer decides what they do.
 */
import { useState, type FormEvent } from 'react';
import type { ModelSummary, TrainingProgress } from '@shared/contracts/model';
import type { CurvePoint } from '../state/model-store';
import { ModelList, ResultsTable } from './model-list';
import {
  DEFAULT_TRAINING_CONFIG,
  ENCODERS,
  NUMERIC_FIELDS,
  configProblems,
  type EncoderChoice,
  type TrainingConfig,
} from './training-config';
import { TrainingProgressView } from './training-progress';

export interface TrainingPageProps {
  /** The latest progress of the current or last run; null when none ran in this session. */
  readonly progress: TrainingProgress | null;
  /** The current fold's loss curve (the model store accumulates it). */
  readonly curve: readonly CurvePoint[];
  readonly models: readonly ModelSummary[];
  /** A start, promote or roll back is in flight: its buttons wait. */
  readonly busy?: boolean;
  /** The last failed intent's message, shown under the form. */
  readonly error?: string | null;
  /** Form values to start from (e.g. the last run's). */
  readonly initialConfig?: Partial<TrainingConfig>;
  readonly onStart: (config: TrainingConfig) => void;
  readonly onCancel: () => void;
  readonly onPromote: (id: string) => void;
  readonly onRollback: () => void;
}

type NumericKey = (typeof NUMERIC_FIELDS)[number]['key'];
type Form = Omit<TrainingConfig, NumericKey> & Record<NumericKey, string>;

function toForm(c: TrainingConfig): Form {
  const out = { ...c } as unknown as Form;
  for (const f of NUMERIC_FIELDS) out[f.key] = String(c[f.key]);
  return out;
}

function fromForm(form: Form): TrainingConfig {
  const out = { ...form } as unknown as Record<string, unknown>;
  for (const f of NUMERIC_FIELDS)
    out[f.key] = form[f.key].trim() === '' ? Number.NaN : Number(form[f.key]);
  return out as unknown as TrainingConfig;
}

/** The model whose results show: the one clicked, else the active one, else the newest. */
function shownModel(models: readonly ModelSummary[], id: string | null): ModelSummary | null {
  return models.find((m) => m.id === id) ?? models.find((m) => m.active) ?? models[0] ?? null;
}

export function TrainingPage({
  progress,
  curve,
  models,
  busy = false,
  error = null,
  initialConfig,
  onStart,
  onCancel,
  onPromote,
  onRollback,
}: TrainingPageProps) {
  const [form, setForm] = useState<Form>(() =>
    toForm({ ...DEFAULT_TRAINING_CONFIG, ...initialConfig }),
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const running = progress?.state === 'running';
  const config = fromForm(form);
  const problems = configProblems(config);
  const shown = shownModel(models, selectedId);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!running && !busy && problems.length === 0) onStart(config);
  };
  const patch = (p: Partial<Form>): void => setForm((f) => ({ ...f, ...p }));
  return (
    <section className="training-page" aria-label="Training">
      <h2>Training</h2>
      <form className="training-form" onSubmit={submit}>
        <fieldset disabled={running} className="options training-span">
          <legend>Data span</legend>
          <label className="field">
            From
            <input
              type="date"
              data-testid="training-from"
              value={form.from}
              onChange={(e) => patch({ from: e.target.value })}
            />
          </label>
          <label className="field">
            To
            <input
              type="date"
              data-testid="training-to"
              value={form.to}
              onChange={(e) => patch({ to: e.target.value })}
            />
          </label>
        </fieldset>
        <fieldset disabled={running} className="options training-config">
          <legend>Model</legend>
          <label className="field">
            Encoder
            <select
              data-testid="training-encoder"
              value={form.encoder}
              onChange={(e) => patch({ encoder: e.target.value as EncoderChoice })}
            >
              {ENCODERS.map((k) => (
                <option key={k} value={k}>
                  {k === 'conv' ? 'causal conv' : 'LSTM'}
                </option>
              ))}
            </select>
          </label>
          {NUMERIC_FIELDS.map((f) => (
            <label key={f.key} className="field">
              {f.label}
              <input
                type="number"
                data-testid={`training-${f.key}`}
                min={f.min}
                max={f.max}
                step={f.step}
                value={form[f.key]}
                onChange={(e) => patch({ [f.key]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
        {problems.length > 0 && !running ? (
          <ul className="training-problems muted" data-testid="training-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="training-actions">
          <button
            type="submit"
            className="primary"
            data-testid="training-start"
            disabled={running || busy || problems.length > 0}
          >
            Start
          </button>
          <button
            type="button"
            data-testid="training-cancel"
            disabled={!running}
            onClick={onCancel}
          >
            Cancel
          </button>
        </div>
        {error ? (
          <p className="file-error" role="alert" data-testid="training-error">
            {error}
          </p>
        ) : null}
      </form>
      {progress ? <TrainingProgressView progress={progress} curve={curve} /> : null}
      <ModelList
        models={models}
        selectedId={shown?.id ?? null}
        busy={busy || running}
        onSelect={setSelectedId}
        onPromote={onPromote}
        onRollback={onRollback}
      />
      {shown && shown.folds.length > 0 ? <ResultsTable model={shown} /> : null}
    </section>
  );
}
