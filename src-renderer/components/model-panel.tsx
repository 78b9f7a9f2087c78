/**
 * The model panel: why the model said what it said at the selected decision bar. An
 * attention heatmap (a row per head and a mean row, a column per lookback bar, oldest on
 * the left) whose hover names the bar in New York time and its weight, and the variable
 * selection weights as bars: the 15 heaviest temporal inputs and every static one.
 * Props-driven; SVG presentation attributes rather than inline styles (the CSP forbids them).
 */
import { useMemo, useState, type MouseEvent } from 'react';
import type { ModelPrediction, PredictionExplanation } from '@shared/contracts/model';
import { nyDateTime, price } from '../format';
import { cellAt, heatmapRows, topImportance, type Importance } from './model-view';

/** Temporal inputs shown. */
export const TOP_TEMPORAL = 15;
const CELL_W = 4;
const CELL_H = 14;

export interface ModelPanelProps {
  /** The selected bar's explanation; null while none is selected or it is loading. */
  readonly explanation: PredictionExplanation | null;
  /** The prediction at that bar, for the summary line (optional). */
  readonly prediction?: ModelPrediction | null;
}

export function ModelPanel({ explanation, prediction = null }: ModelPanelProps) {
  return (
    <section className="model-panel" aria-label="Model">
      <h3>Model</h3>
      {prediction ? <PredictionSummary prediction={prediction} /> : null}
      {explanation ? (
        <>
          <p className="muted">Decision bar {nyDateTime(explanation.time)} (New York)</p>
          <AttentionHeatmap explanation={explanation} />
          <div className="importance-group" data-testid="importance-bars">
            <ImportanceBars
              title={`Temporal inputs (top ${TOP_TEMPORAL})`}
              testId="importance-temporal"
              items={topImportance(explanation.temporalImportance, TOP_TEMPORAL)}
            />
            <ImportanceBars
              title="Static inputs"
              testId="importance-static"
              items={topImportance(explanation.staticImportance)}
            />
          </div>
        </>
      ) : (
        <p className="muted" data-testid="model-panel-empty">
          Select a bar with a prediction to see its attention and input weights.
        </p>
      )}
    </section>
  );
}

function pct(v: number): string {
  return `${(v * 100).toFixed(0)}%`;
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;
}

function PredictionSummary({ prediction: p }: { readonly prediction: ModelPrediction }) {
  return (
    <div className="model-summary" data-testid="model-prediction">
      <span className="prob-long">long {pct(p.longProbability)}</span>
      <span className="prob-short">short {pct(p.shortProbability)}</span>
      <span className="muted">none {pct(p.noneProbability)}</span>
      <span>confidence {pct(p.confidence)}</span>
      <span className="muted">close {price(p.close)}</span>
      <table className="grid quantile-table">
        <thead>
          <tr>
            <th>Horizon</th>
            <th>P10</th>
            <th>P50</th>
            <th>P90</th>
          </tr>
        </thead>
        <tbody>
          {[...p.quantiles]
            .sort((a, b) => a.horizon - b.horizon)
            .map((q) => (
              <tr key={q.horizon}>
                <td>{q.horizon * 5}m</td>
                <td className="mono">{signed(q.p10)}</td>
                <td className="mono">{signed(q.p50)}</td>
                <td className="mono">{signed(q.p90)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** The attention heatmap with its hover read-out. */
export function AttentionHeatmap({ explanation }: { readonly explanation: PredictionExplanation }) {
  const rows = useMemo(() => heatmapRows(explanation), [explanation]);
  const steps = explanation.barTimes.length;
  const [hover, setHover] = useState<{ row: number; step: number } | null>(null);
  const onMove = (e: MouseEvent<SVGSVGElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    setHover(
      r.width > 0 && r.height > 0
        ? cellAt((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, rows.length, steps)
        : null,
    );
  };
  const hovered = hover ? rows[hover.row] : undefined;
  const hoveredTime = hover ? explanation.barTimes[hover.step] : undefined;
  const width = Math.max(1, steps) * CELL_W;
  const height = rows.length * CELL_H;
  return (
    <div className="attention">
      <div className="attention-body">
        <ul className="attention-labels" aria-hidden="true">
          {rows.map((r) => (
            <li key={r.label}>{r.label}</li>
          ))}
        </ul>
        <svg
          className="attention-heatmap"
          data-testid="attention-heatmap"
          role="img"
          aria-label={`Attention of ${rows.length - 1} heads over ${steps} bars`}
          viewBox={`0 0 ${width} ${height}`}
          height={height}
          preserveAspectRatio="none"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        >
          {rows.map((r, i) =>
            r.shades.map((s, j) => (
              <rect
                key={`${i}:${j}`}
                x={j * CELL_W}
                y={i * CELL_H}
                width={CELL_W}
                height={CELL_H - (i === rows.length - 2 ? 3 : 1)}
                fill={i === rows.length - 1 ? '#f0b429' : '#4c9aff'}
                fillOpacity={0.05 + 0.95 * s}
              />
            )),
          )}
        </svg>
      </div>
      <p className="attention-readout mono" data-testid="attention-readout" aria-live="polite">
        {hover && hovered && hoveredTime !== undefined
          ? `${hovered.label} · ${nyDateTime(hoveredTime)} · ${(hovered.weights[hover.step] ?? 0).toFixed(4)}`
          : `${steps} bars · ${steps > 0 ? nyDateTime(explanation.barTimes[0] as number) : ''} → ${steps > 0 ? nyDateTime(explanation.barTimes[steps - 1] as number) : ''}`}
      </p>
    </div>
  );
}

/** Horizontal bars of input weights, scaled to the heaviest. */
export function ImportanceBars({
  title,
  items,
  testId,
}: {
  readonly title: string;
  readonly items: readonly Importance[];
  readonly testId: string;
}) {
  const max = Math.max(0, ...items.map((x) => x.weight));
  return (
    <div className="importance">
      <h4>{title}</h4>
      <ul className="importance-list" data-testid={testId}>
        {items.map((x) => (
          <li key={x.name} data-feature={x.name}>
            <span className="importance-name" title={x.name}>
              {x.name}
            </span>
            <svg className="importance-bar" viewBox="0 0 100 8" preserveAspectRatio="none">
              <rect
                x={0}
                y={0}
                height={8}
                width={max > 0 ? (Math.max(0, x.weight) / max) * 100 : 0}
              />
            </svg>
            <span className="mono muted">{(x.weight * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
