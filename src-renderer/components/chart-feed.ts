/**
 * Keeps one chart's series in step with main, outside React (no re-render per bar): loads
 * the history snapshot, folds live 1-minute updates in through a LiveAggregator and calls
 * the series' `update`. A `market.reset` voids every bar shown (a new feed, a replay seek)
 * and loads the snapshot again. During a replay, scrolling to the left edge pages in older
 * stored bars, always from before the oldest bar shown, so nothing after the replay
 * cursor can appear. The container's data attributes mirror the last bar for e2e tests.
 */
import type { IChartApi, ISeriesApi, LogicalRange, UTCTimestamp } from 'lightweight-charts';
import { MINUTE_MS, TIMEFRAME_MINUTES, type Bar, type Timeframe } from '@shared/domain/bar';
import { LiveAggregator } from '@shared/market/live-aggregator';
import type { FeedStatus } from '@shared/contracts/events';
import { LEVEL_OVERLAY_MAX_BARS } from '@shared/contracts/level-overlay';
import type { Api } from '../ipc/api';
import { useData } from '../state/data-store';
import { useWorkstation } from '../state/store';
import { toChartSeconds } from '../format';

/** The chart and its two series, or null once the chart is gone. */
export interface ChartView {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
}

const UP = '#26a69a';
const DOWN = '#ef5350';
const PAGE = 5000;
/**
 * Bars of the snapshot: all that main holds in memory — 60 trade dates of history (the
 * settings' maximum) are about 90,000 minutes — so a long history is on the chart at once,
 * with its overlays (the overlay answer holds as many bars).
 */
const SNAPSHOT = LEVEL_OVERLAY_MAX_BARS;
/** Bars left of the view below which older ones are fetched. */
const EDGE = 10;
// getStoredBars searches limit × 3 bar lengths before `before` (data-handlers.ts): an empty
// page means "none in that window", so we step back a window while the store has older data.
const WINDOW_BARS = PAGE * 3;
const MAX_PROBES = 40;

const toSeconds = (t: number): UTCTimestamp => toChartSeconds(t) as UTCTimestamp;

function candle(b: Bar) {
  return { time: toSeconds(b.time), open: b.open, high: b.high, low: b.low, close: b.close };
}
function volumeBar(b: Bar) {
  return {
    time: toSeconds(b.time),
    value: b.volume,
    color: b.close >= b.open ? `${UP}80` : `${DOWN}80`,
  };
}

/** The earliest stored bar a chart of `timeframe` could be built from, if known. */
function earliestStored(timeframe: Timeframe, symbol: string): number | null {
  const minutes = TIMEFRAME_MINUTES[timeframe];
  const firsts = (useData.getState().info?.series ?? [])
    .filter((s) => s.symbol === symbol && minutes % s.timeframe === 0)
    .map((s) => s.first);
  return firsts.length > 0 ? Math.min(...firsts) : null;
}

export class ChartFeed {
  private generation = 0;
  private aggregator: LiveAggregator | undefined;
  private queued: { bar: Bar; final: boolean }[] = [];
  private count = 0;
  private lastTime: number | null = null;
  /** Oldest bar in the series and the last closed minute folded in, UTC ms. */
  private oldest: number | null = null;
  private lastFinal = 0;
  /** Where the next older page ends after an empty search window (else `oldest`). */
  private probe: number | null = null;
  /** The oldest bar came from the snapshot and may be a partial bucket. */
  private oldestPartial = false;
  private paging = false;
  private exhausted = false;
  /**
   * The feed these bars come from, as main reported it after the last reset (null until
   * then). Not the store's copy: between a reset and the new feed's first status event the
   * store still names the old feed, and paging stored bars into a synthetic chart is wrong.
   */
  private feed: FeedStatus | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly api: Api,
    private readonly view: () => ChartView | null,
    private readonly el: HTMLElement,
    private readonly timeframe: Timeframe,
  ) {
    this.disposers.push(
      api.onEvent('market.bar', ({ bar, final }) => {
        if (!this.aggregator) this.queued.push({ bar, final });
        else this.apply(bar, final);
      }),
      api.onEvent('market.reset', () => this.reload(true)),
      api.onEvent('market.feed', (f) => {
        if (this.feed) this.feed = f;
      }),
    );
    const timeScale = view()?.chart.timeScale();
    const onRange = (r: LogicalRange | null): void => {
      if (r && r.from < EDGE) void this.loadOlder();
    };
    timeScale?.subscribeVisibleLogicalRangeChange(onRange);
    this.disposers.push(() => {
      // After chart.remove() the view is gone and so is the subscription.
      if (this.view()) timeScale?.unsubscribeVisibleLogicalRangeChange(onRange);
    });
    this.reload(false);
  }

  dispose(): void {
    this.generation++;
    for (const d of this.disposers.splice(0)) d();
  }

  private apply(bar: Bar, final: boolean): void {
    const shown = this.aggregator?.apply(bar, final);
    if (final && bar.time > this.lastFinal) this.lastFinal = bar.time;
    this.show(shown);
  }

  /** Loads the snapshot; after a reset, first clears the bars of the old epoch. */
  private reload(reset: boolean): void {
    const gen = ++this.generation;
    this.aggregator = undefined;
    this.queued = [];
    this.oldest = null;
    this.probe = null;
    this.oldestPartial = false;
    this.paging = false;
    this.exhausted = false;
    this.feed = null;
    delete this.el.dataset.historyExhausted;
    if (reset) {
      this.view()?.candles.setData([]);
      this.view()?.volume.setData([]);
      this.count = 0;
      this.lastTime = null;
      const d = this.el.dataset;
      delete d.lastBarTime;
      delete d.lastClose;
      delete d.oldestBarTime;
      d.barCount = '0';
      d.epoch = String(Number(d.epoch ?? 0) + 1);
      useWorkstation.getState().setBars(null, 0);
    }
    // Asked after the reset arrived, so main answers for the new feed.
    Promise.all([
      this.api.getHistory({ timeframe: this.timeframe, limit: SNAPSHOT }),
      this.api.getSystemInfo({}),
    ])
      .then(([h, info]) => {
        const c = this.view();
        if (gen !== this.generation || !c) return;
        this.feed = info.feed;
        const last = h.bars[h.bars.length - 1];
        this.count = h.bars.length;
        this.lastTime = last?.time ?? null;
        this.oldest = h.bars[0]?.time ?? null;
        this.oldestPartial = this.oldest !== null;
        this.lastFinal = h.lastMinuteTime;
        this.aggregator = new LiveAggregator(this.timeframe, last, h.lastMinuteTime);
        c.candles.setData(h.bars.map(candle));
        c.volume.setData(h.bars.map(volumeBar));
        this.show(last);
        if (h.forming) this.show(this.aggregator.apply(h.forming, false));
        for (const q of this.queued.splice(0)) this.apply(q.bar, q.final);
        c.chart.timeScale().scrollToRealTime();
      })
      .catch((e: unknown) => {
        if (gen === this.generation)
          useWorkstation.getState().setError(`history: ${(e as Error).message}`);
      });
  }

  private show(bar: Bar | undefined): void {
    const c = this.view();
    if (!bar || !c) return;
    // Set before touching the series: setData fires the range callback synchronously.
    if (this.oldest === null) this.oldest = bar.time;
    if (this.lastTime === null) {
      // The first bar of an empty series goes in with setData: update() on a series emptied
      // by setData([]) trips lightweight-charts ("Value is null", its issue #2044).
      c.candles.setData([candle(bar)]);
      c.volume.setData([volumeBar(bar)]);
    } else {
      c.candles.update(candle(bar));
      c.volume.update(volumeBar(bar));
    }
    if (bar.time !== this.lastTime) this.count++;
    this.lastTime = bar.time;
    const d = this.el.dataset;
    d.lastBarTime = String(bar.time);
    d.lastClose = String(bar.close);
    d.barCount = String(this.count);
    d.oldestBarTime = String(this.oldest);
    useWorkstation.getState().setBars(bar, this.count);
  }

  /** Replay only: the page of stored bars before the oldest one shown. */
  private async loadOlder(): Promise<void> {
    if (this.paging || this.exhausted || !this.aggregator) return;
    const feed = this.feed;
    if (feed?.source !== 'replay') return;
    const tfMs = TIMEFRAME_MINUTES[this.timeframe] * MINUTE_MS;
    // Anchored on a bar shown, never on the clock: the clock in the store may still be the
    // previous feed's (ticks come once a second), and a page ending there could reach past
    // the replay cursor. An empty chart waits for its first bar.
    let before = this.probe ?? this.oldest;
    if (before === null) return;
    const earliest = earliestStored(this.timeframe, feed.symbol);
    const gen = this.generation;
    this.paging = true;
    try {
      for (let step = 0; step < MAX_PROBES; step++) {
        // The snapshot's oldest bar may hold only the minutes after the history window
        // began: ask for its stored (complete) version too, when its bucket has closed.
        const end =
          this.oldestPartial &&
          before === this.oldest &&
          before + tfMs <= this.lastFinal + MINUTE_MS
            ? before + tfMs
            : before;
        this.oldestPartial = false;
        const r = await this.api.getStoredBars({
          timeframe: this.timeframe,
          before: end,
          limit: PAGE,
        });
        if (gen !== this.generation) return;
        const older = r.bars.filter((b) => b.time < end);
        if (older.length > 0 && this.prepend(older) > 0) {
          this.probe = null;
          return;
        }
        if (end > before) continue;
        before -= WINDOW_BARS * tfMs;
        this.probe = before;
        if (earliest === null || before <= earliest) break;
      }
      this.exhausted = true;
      this.el.dataset.historyExhausted = 'true';
    } catch (e) {
      if (gen === this.generation)
        useWorkstation.getState().setError(`older bars: ${(e as Error).message}`);
    } finally {
      if (gen === this.generation) this.paging = false;
    }
  }

  /** Puts `older` in front of the bars shown; returns how many bars were added. */
  private prepend(older: readonly Bar[]): number {
    const c = this.view();
    const first = older[0];
    if (!c || !first) return 0;
    const timeScale = c.chart.timeScale();
    const range = timeScale.getVisibleLogicalRange();
    // The page's newest bar is the stored version of the oldest shown: it replaces it.
    const replaced = older[older.length - 1]?.time === this.oldest ? 1 : 0;
    const candles = c.candles.data().slice(replaced);
    const volume = c.volume.data().slice(replaced);
    c.candles.setData([...older.map(candle), ...candles]);
    c.volume.setData([...older.map(volumeBar), ...volume]);
    const added = older.length - replaced;
    // Keep the view on the same bars: logical indexes shifted by the bars put in front.
    if (range) timeScale.setVisibleLogicalRange({ from: range.from + added, to: range.to + added });
    this.oldest = first.time;
    this.count += added;
    this.el.dataset.oldestBarTime = String(first.time);
    this.el.dataset.barCount = String(this.count);
    return added;
  }
}
