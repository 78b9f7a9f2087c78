/**
 * The pattern model on the chart: the quantile fan of the selected (else latest) decision
 * bar ahead of it, and the long/short probability strip along the bottom. Predictions come
 * from the model store (filled by `getPredictions` here and `model.predictions` events in
 * the app); a click on a bar selects its 5-minute decision bar for the model panel.
 */
import type { MouseEventParams, Time } from 'lightweight-charts';
import type { Timeframe } from '@shared/domain/bar';
import type { Api } from '../ipc/api';
import { nyOffsetMs } from '../format';
import { predictionAt, useModel } from '../state/model-store';
import { useWorkstation } from '../state/store';
import type { ChartView } from '../components/chart-feed';
import { QuantileFan } from './quantile-fan/quantile-fan';
import { ProbabilityStrip } from './probability-strip/probability-strip';

const FIVE_MINUTES = 300_000;

/** UTC ms of a chart time (the inverse of toChartSeconds, exact away from DST changes). */
function fromChartSeconds(seconds: number): number {
  const guess = seconds * 1000;
  return guess - nyOffsetMs(guess - nyOffsetMs(guess));
}

export class ModelOverlay {
  private readonly fan = new QuantileFan();
  private readonly strip = new ProbabilityStrip();
  private readonly disposers: (() => void)[] = [];
  private attachedTo: ChartView | null = null;

  constructor(
    private readonly api: Api,
    private readonly view: () => ChartView | null,
    private readonly el: HTMLElement,
    timeframe: Timeframe,
  ) {
    this.fan.setTimeframe(timeframe);
    this.strip.setTimeframe(timeframe);
    const v = view();
    if (v) {
      v.candles.attachPrimitive(this.fan);
      v.candles.attachPrimitive(this.strip);
      const onClick = (p: MouseEventParams<Time>): void => this.onClick(p);
      v.chart.subscribeClick(onClick);
      this.disposers.push(() => v.chart.unsubscribeClick(onClick));
      this.attachedTo = v;
    }
    this.disposers.push(useModel.subscribe(() => this.render()));
    this.render();
    api
      .getPredictions({ last: 300 })
      .then((p) => useModel.getState().addPredictions(p.predictions))
      .catch((e: unknown) =>
        useWorkstation.getState().setError(`predictions: ${(e as Error).message}`),
      );
  }

  private render(): void {
    const s = useModel.getState();
    const chosen = s.selectedTime !== null ? predictionAt(s.predictions, s.selectedTime) : null;
    const shown = chosen ?? s.predictions[s.predictions.length - 1] ?? null;
    this.fan.setPrediction(shown);
    this.strip.setPredictions(s.predictions);
    this.el.dataset.predictions = String(s.predictions.length);
    this.el.dataset.fanTime = shown ? String(shown.time) : '';
  }

  private onClick(p: MouseEventParams<Time>): void {
    if (typeof p.time !== 'number') return;
    const t = fromChartSeconds(p.time);
    const decision = Math.floor(t / FIVE_MINUTES) * FIVE_MINUTES;
    useModel.getState().selectBar(decision);
    this.api
      .explainPrediction({ time: decision })
      .then((r) => useModel.getState().setExplanation(r.explanation))
      .catch((e: unknown) =>
        useWorkstation.getState().setError(`explanation: ${(e as Error).message}`),
      );
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    const v = this.view();
    if (v && v === this.attachedTo) {
      v.candles.detachPrimitive(this.fan);
      v.candles.detachPrimitive(this.strip);
    }
  }
}
