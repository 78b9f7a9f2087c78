/**
 * Replay of stored 1-minute bars as a live feed on a simulated clock: speed ×N, pause,
 * seek. It publishes the trade dates before the start as history, then each bar as its
 * minute passes (forming updates within the minute), jumping the clock over gaps. A seek
 * resets the market data (a `market.reset` on the bus) and starts again from the new
 * point, so nothing after the replay cursor is ever visible: no lookahead.
 */
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { utcMs } from '@shared/domain/brand';
import type { FeedStatus } from '@shared/contracts/events';
import type { BarColumns } from '@shared/market/bar-columns';
import { BaseComponent } from '../../engine/lifecycle';
import type { MessageBus } from '../../engine/bus';
import type { ScaledClock } from '../../engine/clock';
import type { Logger } from '../../engine/logger';
import type { MarketStore, Roll } from '../store/market-store';
import { formingBar } from './forming-bar';

const DAY = 86_400_000;
const CHUNK = 3 * DAY;

export interface ReplayFeedOptions {
  readonly symbol: string;
  readonly historyDays: number;
  readonly tickMs?: number;
  /** Epoch counter for market resets (shared with the workstation). */
  readonly nextEpoch: () => number;
}

export class ReplayFeed extends BaseComponent {
  private chunk: BarColumns | undefined;
  private i = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastState: string | undefined;
  /** The series' rolls in time order, and the next one to announce. */
  private rolls: readonly Roll[] = [];
  private nextRoll = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly store: MarketStore,
    private readonly clock: ScaledClock,
    private readonly log: Logger,
    private readonly opts: ReplayFeedOptions,
  ) {
    super('replay-feed');
  }

  protected onStart(): void {
    const series = this.store
      .series()
      .find((s) => s.symbol === this.opts.symbol && s.timeframe === 1);
    if (!series)
      throw new Error(
        `replay needs imported 1-minute bars of ${this.opts.symbol}; import a file first`,
      );
    this.rolls = this.store.rolls(this.opts.symbol, 1);
    this.load(this.clock.now());
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 250);
    this.tick();
  }

  protected onStop(): void {
    clearInterval(this.timer);
    this.status('stopped', 'replay stopped');
  }

  /** Restarts the replay at `t` (forwards or backwards). */
  seek(t: number): void {
    this.clock.setTime(t);
    this.bus.publish('market.reset', {
      reason: `replay seek to ${new Date(t).toISOString()}`,
      epoch: this.opts.nextEpoch(),
    });
    this.load(t);
    this.tick();
  }

  /**
   * Publishes the bars that have closed by `t` as history and positions the cursor at the
   * next one (the bar in progress at `t`, if any, comes next as forming updates).
   */
  private load(t: number): void {
    const closedBy = t - MINUTE_MS + 1;
    const history = this.store.bars(
      this.opts.symbol,
      1,
      t - Math.ceil(this.opts.historyDays * 1.5 + 2) * DAY,
      closedBy,
    ).bars;
    // Rolls before the first bar published move every bar alike: nothing to announce.
    const first = history.length > 0 ? (history.time[0] as number) : closedBy;
    this.nextRoll = this.rolls.findIndex((r) => r.time > first);
    if (this.nextRoll < 0) this.nextRoll = this.rolls.length;
    for (let k = 0; k < history.length; k++) this.publish(history, k, true);
    this.chunk = this.store.bars(this.opts.symbol, 1, closedBy, closedBy + CHUNK).bars;
    this.i = 0;
    this.log.info('replay positioned', { at: new Date(t).toISOString(), history: history.length });
  }

  private cursorTime(): number | undefined {
    let c = this.chunk;
    if (!c) return undefined;
    if (this.i >= c.length) {
      const after = c.length > 0 ? (c.time[c.length - 1] as number) : this.clock.now() - 1;
      const next = this.store.nextBarTime(this.opts.symbol, 1, after);
      if (next === undefined) return undefined;
      c = this.chunk = this.store.bars(this.opts.symbol, 1, next, next + CHUNK).bars;
      this.i = 0;
    }
    return c.time[this.i] as number;
  }

  private tick(): void {
    try {
      let t = this.cursorTime();
      if (t === undefined) {
        this.status('stopped', 'end of the stored data');
        return;
      }
      let now = this.clock.now();
      if (t - now > MINUTE_MS) {
        this.clock.jumpTo(t);
        now = this.clock.now();
      }
      while (t !== undefined && t + MINUTE_MS <= now) {
        this.publish(this.chunk as BarColumns, this.i, true);
        this.i++;
        t = this.cursorTime();
      }
      if (t !== undefined && now >= t && this.chunk) {
        const f = (now - t) / MINUTE_MS;
        this.bus.publish('market.bar', {
          symbol: this.opts.symbol,
          bar: formingBar(this.bar(this.chunk, this.i), f),
          final: false,
        });
      }
      this.status(
        this.clock.isPaused ? 'market-closed' : 'live',
        this.clock.isPaused ? 'replay paused' : `replay ×${this.clock.speed}`,
      );
    } catch (e) {
      this.log.error('replay faulted', { error: e });
      clearInterval(this.timer);
      this.markFaulted(e);
      this.status('faulted', (e as Error).message);
    }
  }

  private bar(c: BarColumns, k: number): Bar {
    const v = c.volume[k] as number;
    return {
      time: utcMs(c.time[k] as number),
      open: c.open[k] as number,
      high: c.high[k] as number,
      low: c.low[k] as number,
      close: c.close[k] as number,
      volume: Number.isNaN(v) ? 0 : v,
    };
  }

  private publish(c: BarColumns, k: number, final: boolean): void {
    // A roll is announced before the new contract's first closed minute.
    const t = c.time[k] as number;
    for (let r = this.rolls[this.nextRoll]; final && r !== undefined && r.time <= t;) {
      this.bus.publish('market.roll', { symbol: this.opts.symbol, time: r.time, gap: r.gap });
      r = this.rolls[++this.nextRoll];
    }
    this.bus.publish('market.bar', { symbol: this.opts.symbol, bar: this.bar(c, k), final });
  }

  private status(state: FeedStatus['state'], detail: string): void {
    const key = `${state}:${detail}`;
    if (key === this.lastState) return;
    this.lastState = key;
    this.bus.publish('market.feed', {
      source: 'replay',
      state,
      symbol: this.opts.symbol,
      lastBarTime: null,
      detail,
    });
  }
}
