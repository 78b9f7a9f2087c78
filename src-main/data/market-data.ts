/**
 * In-memory market data for the running session: closed 1-minute bars as columns plus the
 * forming minute, fed from the bus like every other consumer. History requests aggregate
 * on the fly (a week of minutes aggregates in well under a millisecond); the SQLite store
 * takes over long histories in a later issue.
 */
import type { Bar, Timeframe } from '@shared/domain/bar';
import { BarColumns } from '@shared/market/bar-columns';
import { aggregateColumns } from '@shared/market/aggregate';
import type { PriceRoll } from '@shared/market/roll-offsets';
import type { FeedStatus } from '@shared/contracts/events';
import type { Dispose, MessageBus } from '../engine/bus';

export class MarketDataService {
  private readonly minutes = new BarColumns(16_384);
  private forming: Bar | undefined;
  /** Rolls the feed announced among the minutes held, in time order. */
  private readonly rollList: PriceRoll[] = [];
  private feed: FeedStatus = {
    source: 'none',
    state: 'stopped',
    symbol: 'NQ',
    lastBarTime: null,
    detail: 'no feed attached',
  };
  private readonly disposers: Dispose[] = [];

  constructor(bus: MessageBus) {
    this.disposers.push(
      bus.subscribe('market.bar', ({ bar, final }) => {
        if (final) {
          this.minutes.pushBar(bar);
          this.forming = undefined;
        } else {
          this.forming = bar;
        }
      }),
      bus.subscribe('market.reset', () => {
        this.minutes.clear();
        this.rollList.length = 0;
        this.forming = undefined;
      }),
      bus.subscribe('market.roll', ({ time, gap }) => {
        this.rollList.push({ time, gap });
      }),
      bus.subscribe('market.feed', (status) => {
        this.feed = status;
      }),
    );
  }

  /** The latest feed status. */
  feedStatus(): FeedStatus {
    return this.feed;
  }

  /** The closed 1-minute bars held (read-only: the service appends to them). */
  minuteColumns(): Readonly<BarColumns> {
    return this.minutes;
  }

  /** The contract rolls among the minutes held (features adjust for them). */
  rolls(): readonly PriceRoll[] {
    return this.rollList;
  }

  /** Number of closed 1-minute bars held. */
  get minuteCount(): number {
    return this.minutes.length;
  }

  /**
   * The last `limit` bars of `timeframe` aggregated from closed minutes, the forming minute
   * beside them (a client folds it in with LiveAggregator), and the last closed minute's time.
   */
  history(
    timeframe: Timeframe,
    limit: number,
  ): { bars: Bar[]; forming: Bar | null; lastMinuteTime: number } {
    const agg = aggregateColumns(this.minutes, timeframe);
    const n = this.minutes.length;
    return {
      bars: agg.slice(Math.max(0, agg.length - limit)),
      forming: this.forming ?? null,
      lastMinuteTime: n > 0 ? (this.minutes.time[n - 1] as number) : 0,
    };
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }
}
