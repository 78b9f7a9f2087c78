/**
 * The synthetic market as a feed component: on start it publishes `historyDays` trade
 * dates of history, then follows its clock, publishing forming updates several times per
 * simulated minute and each final bar when its minute closes. When the market is closed
 * (halt, weekend, holiday) a simulated clock jumps to the next open rather than idling, so
 * the embedded default always shows a moving market; a real clock waits.
 */
import type { Bar } from '@shared/domain/bar';
import { MINUTE_MS } from '@shared/domain/bar';
import type { FeedStatus } from '@shared/contracts/events';
import { BaseComponent } from '../../engine/lifecycle';
import type { MessageBus } from '../../engine/bus';
import type { Clock, ScaledClock } from '../../engine/clock';
import type { Logger } from '../../engine/logger';
import { SyntheticMarket } from '../synthetic/synthetic-market';
import { formingBar } from './forming-bar';

const TRADE_DAY_MS = 24 * 60 * MINUTE_MS;

export interface SyntheticFeedOptions {
  readonly seed: number;
  readonly symbol: string;
  readonly historyDays: number;
  /** Real milliseconds between updates. */
  readonly tickMs?: number;
}

export class SyntheticFeed extends BaseComponent {
  private market: SyntheticMarket | undefined;
  private pending: Bar | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastBarTime: number | null = null;
  private lastState: FeedStatus['state'] | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock & Partial<Pick<ScaledClock, 'jumpTo'>>,
    private readonly log: Logger,
    private readonly opts: SyntheticFeedOptions,
  ) {
    super('synthetic-feed');
  }

  protected onStart(): void {
    this.status('connecting', 'generating history');
    const now = this.clock.now();
    // Calendar days, padded for weekends, so `historyDays` trade dates are covered.
    const start = now - Math.ceil(this.opts.historyDays * 1.5 + 2) * TRADE_DAY_MS;
    this.market = new SyntheticMarket({ seed: this.opts.seed, start });
    let count = 0;
    while (this.market.peekNextTime() + MINUTE_MS <= now) {
      this.publishFinal(this.market.nextBar());
      count++;
    }
    this.log.info('synthetic history published', { bars: count, seed: this.opts.seed });
    this.pending = this.market.nextBar();
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 250);
    this.tick();
  }

  protected onStop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.status('stopped', 'feed stopped');
  }

  /** Advances to the clock's present: final bars for closed minutes, one forming update. */
  private tick(): void {
    const market = this.market;
    if (!market || !this.pending) return;
    try {
      let now = this.clock.now();
      if (this.pending.time - now > MINUTE_MS && this.clock.simulated && this.clock.jumpTo) {
        this.log.info('market closed: simulated clock jumps to the next open', {
          from: now,
          to: this.pending.time,
        });
        this.clock.jumpTo(this.pending.time);
        now = this.clock.now();
      }
      while (this.pending.time + MINUTE_MS <= now) {
        this.publishFinal(this.pending);
        this.pending = market.nextBar();
      }
      if (now >= this.pending.time) {
        const f = (now - this.pending.time) / MINUTE_MS;
        this.bus.publish('market.bar', {
          symbol: this.opts.symbol,
          bar: formingBar(this.pending, f),
          final: false,
        });
        this.status('live', 'synthetic market (seeded)');
      } else {
        this.status('market-closed', `next bar at ${new Date(this.pending.time).toISOString()}`);
      }
    } catch (e) {
      this.log.error('synthetic feed faulted', { error: e });
      clearInterval(this.timer);
      this.markFaulted(e);
      this.status('faulted', (e as Error).message);
    }
  }

  private publishFinal(bar: Bar): void {
    this.lastBarTime = bar.time;
    this.bus.publish('market.bar', { symbol: this.opts.symbol, bar, final: true });
  }

  private status(state: FeedStatus['state'], detail: string): void {
    if (state === this.lastState && state === 'live') return;
    this.lastState = state;
    this.bus.publish('market.feed', {
      source: 'synthetic',
      state,
      symbol: this.opts.symbol,
      lastBarTime: this.lastBarTime,
      detail,
    });
  }
}
