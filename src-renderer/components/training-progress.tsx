/**
 * A training run's progress: fold, epoch and batch bars (role progressbar with
 * aria-valuenow for assistive tech and tests), ETA and throughput, the latest losses, and
 * the current fold's loss curve (train and validation per epoch) as SVG.
 */
import type { TrainingProgress } from '@shared/contracts/model';
import type { CurvePoint } from '../state/model-store';
import { count } from '../format';
import { eta, lossPaths, metric } from './model-view';

const CURVE_W = 320;
const CURVE_H = 120;

function ProgressRow({
  label,
  value,
  max,
  testId,
}: {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly testId: string;
}) {
  const top = Math.max(1, max);
  const now = Math.min(Math.max(0, value), top);
  return (
    <div className="progress-line training-progress-row">
      <span className="label">{label}</span>
      <progress
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={top}
        aria-valuenow={now}
        max={top}
        value={now}
        data-testid={testId}
      />
      <span className="mono muted">
        {now}/{max}
      </span>
    </div>
  );
}

export function TrainingProgressView({
  progress: p,
  curve,
}: {
  readonly progress: TrainingProgress;
  readonly curve: readonly CurvePoint[];
}) {
  return (
    <div className="training-progress" data-testid="training-progress" data-state={p.state}>
      <p className={`training-state training-${p.state}`} data-testid="training-state">
        {p.state}
        {p.message ? ` · ${p.message}` : ''}
      </p>
      <ProgressRow label="Fold" value={p.fold} max={p.folds} testId="progress-fold" />
      <ProgressRow label="Epoch" value={p.epoch} max={p.epochs} testId="progress-epoch" />
      <ProgressRow label="Batch" value={p.batch} max={p.batches} testId="progress-batch" />
      <p className="training-stats mono">
        <span data-testid="training-eta">
          ETA {p.state === 'running' ? eta(p.etaSeconds) : '—'}
        </span>
        <span data-testid="training-throughput">
          {count(Math.round(p.samplesPerSecond))} samples/s
        </span>
        <span>train {metric(p.trainLoss)}</span>
        <span>val {metric(p.valLoss)}</span>
      </p>
      <LossCurve curve={curve} />
    </div>
  );
}

/** Train and validation loss per epoch of the current fold. */
export function LossCurve({ curve }: { readonly curve: readonly CurvePoint[] }) {
  const paths = lossPaths(curve, CURVE_W, CURVE_H);
  return (
    <figure className="loss-curve">
      <svg
        data-testid="loss-curve"
        data-points={curve.length}
        role="img"
        aria-label={`Loss curve over ${curve.length} epochs`}
        viewBox={`-4 -4 ${CURVE_W + 8} ${CURVE_H + 8}`}
        preserveAspectRatio="none"
      >
        <rect className="loss-frame" x={0} y={0} width={CURVE_W} height={CURVE_H} />
        {paths.train ? (
          <polyline className="loss-train" data-testid="loss-train" points={paths.train} />
        ) : null}
        {paths.val ? (
          <polyline className="loss-val" data-testid="loss-val" points={paths.val} />
        ) : null}
      </svg>
      <figcaption className="muted">
        <span className="legend-train">train</span> <span className="legend-val">validation</span>
        {curve.length > 0 ? ` · ${metric(paths.min)} – ${metric(paths.max)}` : ' · no epoch yet'}
      </figcaption>
    </figure>
  );
}
