/**
 * The one market feed of a run and its clock: the synthetic market by default, a replay of
 * stored bars, or Interactive Brokers. Switching stops the old feed, resets market data on
 * the bus (consumers drop what they hold) and starts the new one on its own clock: a fresh
 * simulated clock for the synthetic market and replays, the wall clock for IB.
 */
import type { FeedStatus } from '@shared/contracts/events';
import type { MessageBus } from '../engine/bus';
import { RealClock, ScaledClock, type Clock } from '../engine/clock';
import type { Logger } from '../engine/logger';
import { IbFeed } from '../data/feeds/ib/ib-feed';
import { ReplayFeed } from '../data/feeds/replay-feed';
import { SyntheticFeed } from '../data/feeds/synthetic-feed';
import type { MarketStore } from '../data/store/market-store';
import { StoreBarSink } from '../data/store/store-bar-sink';

export type FeedSpec =
  | {
      readonly source: 'synthetic';
      readonly seed: number;
      readonly speed: number;
      readonly start: number;
    }
  | { readonly source: 'replay'; readonly from: number; readonly speed: number }
  | {
      readonly source: 'ib';
      readonly host: string;
      readonly port: number;
      readonly clientId: number;
    };

type AnyFeed = SyntheticFeed | ReplayFeed | IbFeed;

export class FeedSlot {
  private feed: AnyFeed | undefined;
  private clockNow: Clock;
  private epoch = 0;
  private status: FeedStatus | undefined;
  private pending: FeedSpec | undefined;
  private current: FeedSpec | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly store: () => MarketStore,
    private readonly log: Logger,
    private readonly symbol: string,
    private readonly historyDays: number,
    initial: FeedSpec,
  ) {
    this.clockNow = FeedSlot.clockFor(initial);
    this.pending = initial;
    bus.subscribe('market.feed', (s) => {
      this.status = s;
    });
  }

  private static clockFor(spec: FeedSpec): Clock {
    if (spec.source === 'synthetic') return new ScaledClock(spec.start, spec.speed);
    if (spec.source === 'replay') return new ScaledClock(spec.from, spec.speed);
    return new RealClock();
  }

  /** The market clock of the current feed. */
  get clock(): Clock {
    return this.clockNow;
  }

  /** The simulated clock, when the feed runs on one (synthetic, replay). */
  get scaled(): ScaledClock | undefined {
    return this.clockNow instanceof ScaledClock ? this.clockNow : undefined;
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
    const previous = this.current;
    try {
      return await this.replace(spec, reset);
    } catch (e) {
      // A feed that cannot start (a replay with nothing imported) must not leave the app
      // without a market: go back to the feed that ran before, then report the failure.
      this.log.error('feed failed to start; restoring the previous feed', {
        source: spec.source,
        error: e,
      });
      if (previous && previous !== spec) await this.replace(previous, true);
      throw e;
    }
  }

  private async replace(spec: FeedSpec, reset: boolean): Promise<FeedStatus | undefined> {
    await this.feed?.dispose();
    this.feed = undefined;
    if (reset)
      this.bus.publish('market.reset', { reason: `feed → ${spec.source}`, epoch: ++this.epoch });
    const log = this.log.child(spec.source);
    const clock = FeedSlot.clockFor(spec);
    this.clockNow = clock;
    if (spec.source === 'synthetic') {
      this.feed = new SyntheticFeed(this.bus, clock, log, {
        seed: spec.seed,
        symbol: this.symbol,
        historyDays: this.historyDays,
      });
    } else if (spec.source === 'replay') {
      this.feed = new ReplayFeed(this.bus, this.store(), clock as ScaledClock, log, {
        symbol: this.symbol,
        historyDays: this.historyDays,
        nextEpoch: () => ++this.epoch,
      });
    } else {
      // IB bars are kept: backfill and live minutes go to the store as they arrive.
      const sink = new StoreBarSink(this.store(), `ib://${spec.host}:${spec.port}`);
      const newest = sink.newest(this.symbol);
      const previous = sink.lastContract(this.symbol);
      this.feed = new IbFeed(this.bus, clock, log, sink, {
        host: spec.host,
        port: spec.port,
        clientId: spec.clientId,
        symbol: this.symbol,
        historyMs: this.historyDays * 86_400_000,
        ...(newest !== undefined ? { resumeFrom: newest } : {}),
        ...(previous !== undefined ? { previousContract: previous } : {}),
      });
    }
    await this.feed.start();
    this.current = spec;
    return this.status;
  }

  async dispose(): Promise<void> {
    await this.feed?.dispose();
    this.feed = undefined;
  }
}
