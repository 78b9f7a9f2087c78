/**
 * Interactive Brokers market data for NQ as a feed component.
 *
 * On start it connects (IBApi, one session per connection attempt), resolves the front month
 * (nearest expiry, rolling `rollDays` calendar days before it), backfills 1-minute history in
 * paced chunks, and subscribes to 5-second real-time bars, which it folds into 1-minute bars:
 * a forming update on every 5-second bar, a final bar when the minute closes. Every final
 * minute, backfilled or live, goes once to the BarSink and once to 'market.bar'.
 *
 * Recovery, with the invariant that published final minutes strictly increase and none is
 * missing (see MinuteSync): 1100 marks the feed stale; 1101 (data lost) resubscribes and
 * backfills the gap; 1102 resubscribes; a socket loss reconnects with exponential backoff,
 * then backfills from the last final minute and resubscribes. No real-time bar for
 * `staleAfterMs` while the calendar says the market is open publishes 'stale' (and a system
 * notice) and resubscribes; with the market shut the status is 'market-closed' instead.
 */
import { MINUTE_MS } from '@shared/domain/bar';
import { BaseComponent } from '../../../engine/lifecycle';
import type { MessageBus } from '../../../engine/bus';
import type { Clock, Dispose } from '../../../engine/clock';
import type { Logger } from '../../../engine/logger';
import { IbConnection } from './ib-connection';
import { ConnectionClosedError, IbRequestError, NoFrontMonthError } from './ib-errors';
import { resolveFrontContract, type FrontContract } from './ib-front-contract';
import { LiveBarStream, marketOpenAt } from './ib-live-bars';
import { MinuteSync } from './ib-minute-sync';
import { IbPacing } from './ib-pacing';
import {
  resolveIbFeedOptions,
  type IbFeedDiagnostics,
  type IbFeedOptions,
  type ResolvedIbFeedOptions,
} from './ib-feed-options';
import { FeedReporter, type BarSink } from './ib-feed-reporter';

export type { IbFeedDiagnostics, IbFeedOptions } from './ib-feed-options';
export type { BarSink, FeedRoll } from './ib-feed-reporter';

const DAY_MS = 24 * 60 * MINUTE_MS;
/** History read to measure a roll's gap: the two months' latest common minute is in it. */
const ROLL_GAP_SPAN_MS = 10 * MINUTE_MS;
const floorMinute = (t: number): number => Math.floor(t / MINUTE_MS) * MINUTE_MS;

/**
 * The IB feed component (see the file header). `start()` returns at once; connecting,
 * backfilling and streaming then run in the background and report on 'market.feed'.
 */
export class IbFeed extends BaseComponent {
  private readonly o: ResolvedIbFeedOptions;
  private readonly live: LiveBarStream;
  private readonly sync: MinuteSync;
  private conn: IbConnection | undefined;
  private contract: FrontContract | undefined;
  private rtReqId: number | undefined;
  /** Between 1100 and 1101/1102: TWS itself is cut off, so resubscribing cannot help. */
  private connectivityLost = false;
  /** In a stale episode (silence while the market is open), until the next bar. */
  private stale = false;
  private attempts = 0;
  private readonly counters = { realtimeBars: 0, reconnects: 0, staleEvents: 0 };
  private reconnectTimer: Dispose | undefined;
  private rollTimer: Dispose | undefined;
  private readonly report: FeedReporter;
  /** Paces every historical request: the backfill's and the roll-gap look-ups. */
  private readonly pacing: IbPacing;

  constructor(
    bus: MessageBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    sink: BarSink,
    opts: IbFeedOptions,
  ) {
    super('ib-feed');
    this.o = resolveIbFeedOptions(opts);
    const lastFinal = (): number | null => this.sync.lastFinal;
    this.report = new FeedReporter(bus, sink, clock, log, this.o.symbol, this.name, lastFinal);
    this.live = new LiveBarStream(
      clock,
      { graceMs: this.o.flushGraceMs, staleAfterMs: this.o.staleAfterMs },
      {
        onForming: (bar) => {
          if (this.sync.wants(bar.time)) this.report.forming(bar);
        },
        // A minute that lost 5-second bars (a subscription's first, a stall) is left as a
        // gap: the next complete minute triggers its backfill from history.
        onMinute: (bar, complete) => {
          if (complete) this.sync.offerLive(bar);
        },
        onSilence: (silentMs, open) => this.onSilence(silentMs, open),
      },
    );
    this.pacing = new IbPacing(clock, this.o.pacing);
    this.sync = new MinuteSync(
      {
        clock,
        pacing: this.pacing,
        log,
        chunkMs: this.o.chunkMs,
        publish: (bars, source) => this.report.finals(bars, source, this.contract?.localSymbol),
        onHistoryGap: (from, to, error) => this.report.historyGap(from, to, error),
      },
      floorMinute(clock.now() - this.o.historyMs),
      this.o.resumeFrom ?? null,
    );
  }

  /** Counters and marks, for tests and diagnostics. */
  diagnostics(): IbFeedDiagnostics {
    return {
      lastFinalTime: this.sync.lastFinal,
      coveredUntil: this.sync.coveredUntil,
      historicalRequests: this.sync.requestsSent,
      historicalInFlight: this.sync.requestsInFlight,
      ...this.counters,
      contract: this.contract?.localSymbol,
    };
  }

  protected onStart(): void {
    this.attempts = 0;
    this.connect();
  }

  protected onStop(): void {
    this.reconnectTimer?.();
    this.reconnectTimer = undefined;
    this.closeSession();
    this.report.status('stopped', 'feed stopped');
  }

  protected override onDispose(): void {
    this.sync.dispose();
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    const conn = new IbConnection(this.clock, this.o, {
      onClosed: () => this.onConnectionLost(conn, 'socket closed'),
      onSystemMessage: (code, message) => this.onSystemMessage(conn, code, message),
      onRealtimeBar: (reqId, t, o, h, l, c, v) => {
        if (conn !== this.conn) return;
        this.counters.realtimeBars++;
        // Bars of a cancelled subscription can still be in flight after a resubscribe.
        if (reqId === this.rtReqId) this.onRealtimeBar(t, o, h, l, c, v);
      },
      onRequestError: (reqId, code, message) => {
        if (conn !== this.conn || reqId !== this.rtReqId) return;
        this.log.warn('real-time subscription error', { code, message });
        this.report.status('stale', `real-time bars refused: IB ${code} ${message}`);
      },
    });
    this.conn = conn;
    const target = `${this.o.host}:${this.o.port}`;
    this.report.status('connecting', `connecting to ${target} (attempt ${this.attempts + 1})`);
    void this.establish(conn);
  }

  private async establish(conn: IbConnection): Promise<void> {
    try {
      await conn.open(this.o.connectTimeoutMs);
      if (conn !== this.conn) return;
      await this.followFrontMonth(conn);
      if (conn !== this.conn) return;
      if (this.attempts > 0) this.counters.reconnects++;
      this.attempts = 0;
      this.sync.fillTo(floorMinute(this.clock.now() - this.o.historicalSettleMs));
      const open = marketOpenAt(this.clock.now());
      if (open) this.report.status('connecting', 'backfilling; waiting for real-time bars');
      else this.report.status('market-closed', 'market closed');
    } catch (e) {
      if (conn !== this.conn) return;
      if (e instanceof IbRequestError || e instanceof NoFrontMonthError) {
        this.log.error('ib feed faulted', { error: e });
        this.closeSession();
        this.markFaulted(e);
        this.report.status('faulted', e.message);
        return;
      }
      // A timeout or a lost socket: start over on a fresh connection.
      if (!(e instanceof ConnectionClosedError)) conn.close();
      this.onConnectionLost(conn, e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * Resolves the front month and, when it is new, points backfill and the real-time
   * subscription at it; re-checks at the roll date. The continuous series is published
   * unadjusted across a roll; the roll itself (the gap between the two months at their
   * latest common minute) is stored and announced on 'market.roll' before the new month's
   * first minute, so consumers can adjust for it.
   */
  private async followFrontMonth(conn: IbConnection): Promise<void> {
    const { contract, rollAt, listed } = await resolveFrontContract(conn, this.o, this.clock.now());
    if (conn !== this.conn) return;
    // Before the first contract of this feed: the one the sink's stored minutes came from.
    const previous = this.o.previousContract;
    const old =
      this.contract ??
      (previous === undefined || previous === contract.localSymbol
        ? undefined
        : (listed.find((c) => c.localSymbol === previous) ?? {
            ...contract,
            conId: -1,
            localSymbol: previous,
          }));
    if (old && old.conId !== contract.conId) {
      this.log.info('front month rolled', { from: old.localSymbol, to: contract.localSymbol });
      const gap = await this.rollGap(conn, old, contract);
      if (conn !== this.conn) return;
      const last = this.sync.lastFinal;
      if (gap === undefined) {
        this.report.notice(
          `rolled ${old.localSymbol} → ${contract.localSymbol} without a measured gap: levels and features span it`,
        );
      } else if (last !== null) {
        // The backfill of the new month starts after the last published minute.
        this.report.roll({
          time: last + MINUTE_MS,
          gap,
          fromContract: old.localSymbol,
          toContract: contract.localSymbol,
        });
      }
    }
    const changed = this.contract?.conId !== contract.conId || this.rtReqId === undefined;
    this.contract = contract;
    this.rollTimer?.();
    // At least daily: a timer months ahead would overflow setTimeout (about 24.8 days) and fire
    // at once on a real clock.
    this.rollTimer = this.clock.at(Math.min(rollAt, this.clock.now() + DAY_MS), () => {
      this.followFrontMonth(conn).catch((e: unknown) =>
        this.log.warn('front-month re-check failed', { error: e }),
      );
    });
    if (!changed) return;
    this.sync.attach({
      contractKey: String(contract.conId),
      fetch: (end, span) => conn.historicalBars(contract, end, span, this.o.requestTimeoutMs),
    });
    this.resubscribe(conn);
  }

  /**
   * New minus old month's close at the latest closed minute both traded in the last ten
   * minutes, or undefined when the history does not give one.
   */
  private async rollGap(
    conn: IbConnection,
    old: FrontContract,
    next: FrontContract,
  ): Promise<number | undefined> {
    // A month no longer listed (expired while the app was away) has no history to ask for.
    if (old.conId < 0) return undefined;
    const end = floorMinute(this.clock.now());
    const span = ROLL_GAP_SPAN_MS;
    const history = (c: FrontContract) =>
      this.pacing.run(
        { key: `${c.conId}|${end}|${span}|1 min|TRADES|0`, contract: String(c.conId) },
        () => conn.historicalBars(c, end, span, this.o.requestTimeoutMs),
      );
    try {
      const [before, after] = await Promise.all([history(old), history(next)]);
      const closes = new Map(before.map((b) => [b.time, b.close]));
      for (let i = after.length - 1; i >= 0; i--) {
        const b = after[i] as (typeof after)[number];
        const o = closes.get(b.time);
        if (o !== undefined && b.time + MINUTE_MS <= end) return b.close - o;
      }
      return undefined;
    } catch (e) {
      this.log.warn('roll gap unavailable', { error: e });
      return undefined;
    }
  }

  private onConnectionLost(conn: IbConnection, reason: string): void {
    if (conn !== this.conn) return;
    this.closeSession();
    if (this.state !== 'running' && this.state !== 'starting') return;
    const delay = Math.min(this.o.reconnectMinMs * 2 ** this.attempts, this.o.reconnectMaxMs);
    this.attempts++;
    this.log.warn('ib connection lost', { reason, retryInMs: delay, attempt: this.attempts });
    this.report.status('connecting', `connection lost (${reason}); reconnecting in ${delay} ms`);
    this.reconnectTimer = this.clock.at(this.clock.now() + delay, () => this.connect());
  }

  /** Forgets everything tied to the current session; the series marks survive. */
  private closeSession(): void {
    const conn = this.conn;
    this.conn = undefined;
    this.rtReqId = undefined;
    this.connectivityLost = false;
    this.rollTimer?.();
    this.rollTimer = undefined;
    this.sync.attach(undefined);
    this.live.stop();
    conn?.close();
  }

  private onSystemMessage(conn: IbConnection, code: number, message: string): void {
    if (conn !== this.conn) return;
    switch (code) {
      case 1100:
        this.connectivityLost = true;
        this.report.status('stale', 'IB lost connectivity to its servers (1100)');
        this.report.notice('IB connectivity lost (1100): feed stale');
        return;
      case 1101: // restored, data lost: the subscription is gone and so are the bars
      case 1102: // restored, data maintained: resubscribe anyway to be sure bars flow
        this.connectivityLost = false;
        this.log.warn('IB connectivity restored: resubscribing', { code, message });
        this.report.status('stale', `connectivity restored (${code}): resubscribing`);
        this.resubscribe(conn);
        if (code === 1101)
          this.sync.fillTo(floorMinute(this.clock.now() - this.o.historicalSettleMs));
        return;
      default:
        this.log.debug('ib message', { code, message });
    }
  }

  /** (Re)starts the 5-second bar subscription; a partial first minute will be backfilled. */
  private resubscribe(conn: IbConnection): void {
    if (!this.contract) return;
    if (this.rtReqId !== undefined) conn.cancelRealtime(this.rtReqId);
    this.rtReqId = conn.subscribeRealtime(this.contract);
    this.live.restart();
  }

  private onRealtimeBar(t: number, o: number, h: number, l: number, c: number, v: number): void {
    this.stale = false;
    if (this.live.push(t, o, h, l, c, v) === 'invalid') {
      this.log.warn('invalid real-time bar dropped', { t, o, h, l, c, v });
    }
    this.report.status('live', `${this.contract?.localSymbol ?? this.o.symbol} 5-second bars`);
  }

  private onSilence(silentMs: number, open: boolean): void {
    const conn = this.conn;
    if (!conn) return;
    if (!open) {
      this.report.status('market-closed', 'market closed');
      return;
    }
    if (this.connectivityLost) return;
    const seconds = Math.round(silentMs / 1000);
    // One event per episode; the resubscription is retried every period until bars return.
    if (!this.stale) {
      this.stale = true;
      this.counters.staleEvents++;
      this.report.notice(`feed stale: no real-time bar for ${seconds} s; resubscribing`);
    }
    this.report.status('stale', `no real-time bar for ${seconds} s while the market is open`);
    this.resubscribe(conn);
  }
}
