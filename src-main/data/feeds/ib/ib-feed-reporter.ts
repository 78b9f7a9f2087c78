/**
 * Everything the IB feed tells the rest of the engine: final minutes to the BarSink and the
 * bus, forming updates, FeedStatus changes (only when state or detail changes, so a bar every
 * 5 seconds does not flood 'market.feed') and system notices.
 */
import type { Bar } from '@shared/domain/bar';
import type { FeedStatus } from '@shared/contracts/events';
import type { PriceRoll } from '@shared/market/roll-offsets';
import type { MessageBus } from '../../../engine/bus';
import type { Clock } from '../../../engine/clock';
import type { Logger } from '../../../engine/logger';

/** A roll of the continuous series the feed publishes (new contract minus old, points). */
export interface FeedRoll extends PriceRoll {
  readonly fromContract: string;
  readonly toContract: string;
}

/** Where final 1-minute bars are stored (the market-data cache), and the series' rolls. */
export interface BarSink {
  /** `contract`: local symbol of the month the bars are from (e.g. 'NQM4'). */
  write(symbol: string, bars: readonly Bar[], contract?: string): void;
  roll?(symbol: string, roll: FeedRoll): void;
}

/** Publishes bars, status and notices for one feed and symbol. */
export class FeedReporter {
  private lastStatus = '';

  constructor(
    private readonly bus: MessageBus,
    private readonly sink: BarSink,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly symbol: string,
    private readonly component: string,
    /** Time of the newest final minute, reported with each status. */
    private readonly lastBarTime: () => number | null,
  ) {}

  /** Final minutes of `contract`, oldest first: stored, then published. A failing sink is logged. */
  finals(bars: readonly Bar[], source: 'backfill' | 'live', contract?: string): void {
    try {
      this.sink.write(this.symbol, bars, contract);
    } catch (e) {
      this.log.error('bar sink failed', { error: e, bars: bars.length, source });
    }
    for (const bar of bars)
      this.bus.publish('market.bar', { symbol: this.symbol, bar, final: true });
  }

  /** The series rolls to a new contract: stored, then announced before its first minute. */
  roll(roll: FeedRoll): void {
    try {
      this.sink.roll?.(this.symbol, roll);
    } catch (e) {
      this.log.error('bar sink failed to store a roll', { error: e, roll });
    }
    this.log.info('roll', { ...roll });
    this.bus.publish('market.roll', { symbol: this.symbol, time: roll.time, gap: roll.gap });
  }

  /** The minute being built. */
  forming(bar: Bar): void {
    this.bus.publish('market.bar', { symbol: this.symbol, bar, final: false });
  }

  /** Publishes a FeedStatus when state or detail changed. */
  status(state: FeedStatus['state'], detail: string): void {
    const key = `${state}|${detail}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    const lastBarTime = this.lastBarTime();
    this.bus.publish('market.feed', {
      source: 'ib',
      state,
      symbol: this.symbol,
      lastBarTime,
      detail,
    });
  }

  /** History for [from, to) could not be loaded: those minutes stay missing. */
  historyGap(from: number, to: number, error: Error): void {
    const span = `${new Date(from).toISOString()}–${new Date(to).toISOString()}`;
    this.log.error('history unavailable', { from, to, error });
    this.notice(`history ${span} unavailable: ${error.message}`);
  }

  /** A system notice (stale feed, lost connectivity, history gap). */
  notice(message: string): void {
    const at = this.clock.now();
    this.bus.publish('system', { kind: 'notice', component: this.component, message, at });
  }
}
