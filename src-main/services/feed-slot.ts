/**
 * The one market feed of a run and its clock: the synthetic market by default, or a replay
 * of stored bars. Switching stops the old feed, resets market data on the bus (consumers
 * drop what they hold) and starts the new one on a fresh simulated clock.
 */
import type { FeedStatus } from '@shared/contracts/events';
import type { MessageBus } from '../engine/bus';
import { ScaledClock } from '../engine/clock';
import type { Logger } from '../engine/logger';
import { ReplayFeed } from '../data/feeds/replay-feed';
import { SyntheticFeed } from '../data/feeds/synthetic-feed';
import type { MarketStore } from '../data/store/market-store';

export type FeedSpec =
  | {
      readonly source: 'synthetic';
      readonly seed: number;
      readonly speed: number;
      readonly start: number;
    }
  | { readonly source: 'replay'; readonly from: number; readonly speed: number };

export class FeedSlot {
  private feed: SyntheticFeed | ReplayFeed | undefined;
  private clockNow: ScaledClock;
  private epoch = 0;
  private status: FeedStatus | undefined;
  private pending: FeedSpec | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly store: () => MarketStore,
    private readonly log: Logger,
    private readonly symbol: string,
    private readonly historyDays: number,
    initial: FeedSpec,
  ) {
    this.clockNow = new ScaledClock(
      initial.source === 'synthetic' ? initial.start : initial.from,
      initial.speed,
    );
    this.pending = initial;
    bus.subscribe('market.feed', (s) => {
      this.status = s;
    });
  }

  /** The market clock of the current feed. */
  get clock(): ScaledClock {
    return this.clockNow;
  }

  get replay(): ReplayFeed | undefined {
    return this.feed instanceof ReplayFeed ? this.feed : undefined;
  }

  /** Starts the initial feed. */
  async start(): Promise<void> {
    if (this.pending) await this.switchTo(this.pending, false);
    this.pending = undefined;
  }

  /** Replaces the running feed; resolves with the new feed's status. */
  async switchTo(spec: FeedSpec, reset = true): Promise<FeedStatus | undefined> {
    await this.feed?.dispose();
    this.feed = undefined;
    if (reset)
      this.bus.publish('market.reset', { reason: `feed → ${spec.source}`, epoch: ++this.epoch });
    const log = this.log.child(spec.source);
    if (spec.source === 'synthetic') {
      this.clockNow = new ScaledClock(spec.start, spec.speed);
      this.feed = new SyntheticFeed(this.bus, this.clockNow, log, {
        seed: spec.seed,
        symbol: this.symbol,
        historyDays: this.historyDays,
      });
    } else {
      this.clockNow = new ScaledClock(spec.from, spec.speed);
      this.feed = new ReplayFeed(this.bus, this.store(), this.clockNow, log, {
        symbol: this.symbol,
        historyDays: this.historyDays,
        nextEpoch: () => ++this.epoch,
      });
    }
    await this.feed.start();
    return this.status;
  }

  async dispose(): Promise<void> {
    await this.feed?.dispose();
    this.feed = undefined;
  }
}
