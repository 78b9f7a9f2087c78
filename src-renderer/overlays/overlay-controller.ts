/**
 * Keeps the chart's level overlays in step with main, outside React (like ChartFeed): loads
 * `getLevelOverlay` for the timeframe, folds `levels.update` events in, reloads after a
 * `market.reset` or a gap, and attaches or detaches each overlay's primitives as the legend
 * toggles change in the store. A data change asks the chart for one redraw; nothing here
 * re-renders React. The container's data attributes describe what is loaded, for e2e tests.
 */
import type { Timeframe } from '@shared/domain/bar';
import { LEVEL_OVERLAY_MAX_BARS, type LevelsUpdate } from '@shared/contracts/level-overlay';
import type { OverlaySettings } from '@shared/settings/schema';
import type { Api } from '../ipc/api';
import type { ChartView } from '../components/chart-feed';
import { useWorkstation } from '../state/store';
import { LevelData } from './level-data';
import type { OverlayKey } from './overlay-items';
import type { OverlayPrimitive } from './overlay-primitive';
import { NodeMarks } from './nodes/nodes';
import { SessionProfile } from './session-profile/session-profile';
import { TpoLetters } from './tpo-letters/tpo-letters';
import { VwapBands } from './vwap-bands/vwap-bands';
import { WeekProfile } from './week-profile/week-profile';

/** The overlays of one chart and timeframe, fed from main and toggled from the store. */
export class OverlayController {
  private readonly data: LevelData;
  private readonly primitives: Readonly<Record<OverlayKey, OverlayPrimitive>>;
  private readonly attached = new Set<OverlayKey>();
  private generation = 0;
  /** Updates that arrived while a load was in flight, applied after it. */
  private queued: LevelsUpdate[] | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly api: Api,
    private readonly view: () => ChartView | null,
    private readonly el: HTMLElement,
    timeframe: Timeframe,
  ) {
    const data = (this.data = new LevelData(timeframe));
    this.primitives = {
      vwapHour: new VwapBands(data, 'hour'),
      vwapDay: new VwapBands(data, 'day'),
      vwapWeek: new VwapBands(data, 'week'),
      vwapMonth: new VwapBands(data, 'month'),
      sessionProfile: new SessionProfile(data),
      weekProfile: new WeekProfile(data),
      tpo: new TpoLetters(data),
      nodes: new NodeMarks(data),
    };
    this.disposers.push(
      api.onEvent('levels.update', (u) => this.onUpdate(u)),
      api.onEvent('market.reset', () => this.reload()),
      useWorkstation.subscribe((s, prev) => {
        if (s.overlays !== prev.overlays) this.toggle(s.overlays);
      }),
    );
    this.toggle(useWorkstation.getState().overlays);
    this.reload();
  }

  dispose(): void {
    this.generation++;
    for (const d of this.disposers.splice(0)) d();
    this.toggle(null);
  }

  private toggle(on: OverlaySettings | null): void {
    const series = this.view()?.candles;
    for (const key of Object.keys(this.primitives) as OverlayKey[]) {
      const want = on?.[key] === true;
      if (want === this.attached.has(key)) continue;
      const primitive = this.primitives[key];
      if (want) {
        series?.attachPrimitive(primitive);
        this.attached.add(key);
      } else {
        // After chart.remove() the series is gone, and its primitives with it.
        if (series) series.detachPrimitive(primitive);
        this.attached.delete(key);
      }
    }
    this.el.dataset.overlays = [...this.attached].sort().join(' ');
  }

  private reload(): void {
    const gen = ++this.generation;
    this.queued = [];
    this.api
      .getLevelOverlay({ timeframe: this.data.timeframe, limit: LEVEL_OVERLAY_MAX_BARS })
      .then((o) => {
        if (gen !== this.generation) return;
        this.data.load(o);
        const queued = this.queued ?? [];
        this.queued = null;
        for (const u of queued) {
          if (this.data.apply(u) === 'reload') return this.reload();
        }
        this.changed();
      })
      .catch((e: unknown) => {
        if (gen === this.generation)
          useWorkstation.getState().setError(`levels: ${(e as Error).message}`);
      });
  }

  private onUpdate(u: LevelsUpdate): void {
    if (this.queued) {
      this.queued.push(u);
      return;
    }
    const result = this.data.apply(u);
    if (result === 'reload') this.reload();
    else if (result === 'applied') this.changed();
  }

  private changed(): void {
    const d = this.data;
    const ds = this.el.dataset;
    ds.overlayEpoch = String(d.epoch);
    ds.overlayBars = String(d.length);
    ds.overlayLastMinute = String(d.lastMinuteTime);
    ds.overlaySessionBins = String(d.session?.volumes.length ?? 0);
    ds.overlayWeekBins = String(d.week?.volumes.length ?? 0);
    ds.overlayTpoBins = String(d.tpo?.letters.length ?? 0);
    // One request redraws the whole chart, every attached primitive included.
    const first = this.attached.values().next().value;
    if (first) this.primitives[first].requestRedraw();
  }
}
