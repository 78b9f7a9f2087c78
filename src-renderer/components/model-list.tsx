/**
 * The registry's models with Promote (make active) and Roll back (back to the previous
 * active model), and the walk-forward results of the chosen model: per test fold, the
 * model beside the class-prior and logistic baselines.
 */
import type { ForecastMetricsView, ModelSummary } from '@shared/contracts/model';
import { metric } from './model-view';

export function ModelList({
  models,
  selectedId,
  busy,
  onSelect,
  onPromote,
  onRollback,
}: {
  readonly models: readonly ModelSummary[];
  readonly selectedId: string | null;
  /** A run or a registry change is under way: the buttons wait. */
  readonly busy: boolean;
  readonly onSelect: (id: string) => void;
  readonly onPromote: (id: string) => void;
  readonly onRollback: () => void;
}) {
  return (
    <div className="model-list">
      <div className="section-head">
        <h3>Models</h3>
        <button
          type="button"
          data-testid="rollback"
          disabled={busy || models.length < 2}
          onClick={onRollback}
        >
          Roll back
        </button>
      </div>
      {models.length === 0 ? (
        <p className="muted">No trained model yet.</p>
      ) : (
        <table className="grid model-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Created</th>
              <th>Span</th>
              <th>Folds</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr
                key={m.id}
                data-testid={`model-row-${m.id}`}
                data-active={m.active}
                aria-selected={m.id === selectedId}
                className={m.id === selectedId ? 'selected' : undefined}
                onClick={() => onSelect(m.id)}
              >
                <td>
                  {m.label}
                  {m.active ? <span className="badge badge-active">active</span> : null}
                  {m.shipped ? <span className="badge">shipped</span> : null}
                </td>
                <td className="mono">{m.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td className="mono">
                  {m.trainingSpan.from} → {m.trainingSpan.to}
                </td>
                <td className="mono">{m.folds.length}</td>
                <td>
                  {m.active ? null : (
                    <button
                      type="button"
                      data-testid={`promote-${m.id}`}
                      disabled={busy}
                      onClick={(e) => {
                        e.stopPropagation();
                        onPromote(m.id);
                      }}
                    >
                      Promote
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const FORECASTERS = ['model', 'priors', 'logistic'] as const;

function MetricCells({ m }: { readonly m: ForecastMetricsView }) {
  return (
    <>
      <td className="mono">{metric(m.auc_long)}</td>
      <td className="mono">{metric(m.auc_short)}</td>
      <td className="mono">{metric(m.logloss)}</td>
      <td className="mono">{metric(m.brier)}</td>
      <td className="mono">{metric(m.coverage_p10_p90)}</td>
    </>
  );
}

/** Per-fold test metrics of `model` beside its baselines. */
export function ResultsTable({ model }: { readonly model: ModelSummary }) {
  return (
    <div className="results">
      <h3>Walk-forward results · {model.label}</h3>
      <div className="table-scroll">
        <table className="grid results-table" data-testid="results-table">
          <thead>
            <tr>
              <th>Fold</th>
              <th>Test dates</th>
              <th>Forecaster</th>
              <th>AUC long</th>
              <th>AUC short</th>
              <th>Log loss</th>
              <th>Brier</th>
              <th>P10–P90 cov.</th>
            </tr>
          </thead>
          <tbody>
            {model.folds.flatMap((f) =>
              FORECASTERS.map((k, i) => (
                <tr
                  key={`${f.fold}:${k}`}
                  data-testid={`result-${f.fold}-${k}`}
                  className={k === 'model' ? 'result-model' : 'result-baseline'}
                >
                  <td className="mono">{i === 0 ? f.fold : ''}</td>
                  <td className="mono">{i === 0 ? `${f.testDates[0]} → ${f.testDates[1]}` : ''}</td>
                  <td>{k}</td>
                  <MetricCells m={f[k]} />
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
