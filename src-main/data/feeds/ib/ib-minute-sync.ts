/**
 * Keeps the published series of final 1-minute bars free of duplicates and gaps while it is
 * fed from two sources: historical backfill and minutes aggregated from live 5-second bars.
 *
 * Two marks carry the state:
 * - `lastFinal`: the newest final minute published; anything at or before it is dropped.
 * - `coveredUntil`: every minute before it is known: published, or absent because nothing
 *   traded (IB has no bar for a minute without trades, and a gap is not missing data).
 *
 * Backfill requests fill [coveredUntil, target) oldest first, in chunks, through the pacing
 * governor. A live minute is published only when nothing is unknown before it: if the
 * calendar has a trading minute in [coveredUntil, minute), that gap is backfilled first
 * (after a reconnect, a 1101, or a first live minute that was only partly seen), and the live
 * minute waits in a queue. One loop (`pump`) does all of this, so publishing stays in order.
 */
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { isTradingMinute } from '@shared/calendar/session';
import type { Clock } from '../../../engine/clock';
import type { Logger } from '../../../engine/logger';
import type { IbPacing } from './ib-pacing';
import { ConnectionClosedError, IbRequestError } from './ib-errors';

/** Where history comes from on the current connection. */
export interface HistorySource {
  /** Identifies the contract for the pacing rules and identical-request checks. */
  readonly contractKey: string;
  /** 1-minute bars starting in [endMs − spanMs, endMs). */
  fetch(endMs: number, spanMs: number): Promise<Bar[]>;
}

/** Collaborators and settings of a MinuteSync. */
export interface MinuteSyncOptions {
  readonly clock: Clock;
  readonly pacing: IbPacing;
  readonly log: Logger;
  /** Span of one backfill request. */
  readonly chunkMs: number;
  /** Receives final minutes, in strictly increasing time order, each exactly once. */
  publish(bars: readonly Bar[], source: 'backfill' | 'live'): void;
  /** A chunk of history could not be loaded (IB refused the request). */
  onHistoryGap(from: number, to: number, error: Error): void;
}

/** Whether any minute starting in [from, to) is a trading minute. */
export function hasTradingMinute(from: number, to: number): boolean {
  for (let m = Math.ceil(from / MINUTE_MS) * MINUTE_MS; m < to; m += MINUTE_MS) {
    if (isTradingMinute(m)) return true;
  }
  return false;
}

/** Gap- and duplicate-free publishing of final minutes from backfill and live bars. */
export class MinuteSync {
  private last: number | null = null;
  private covered: number;
  private target = Number.NEGATIVE_INFINITY;
  private readonly queue: Bar[] = [];
  private source: HistorySource | undefined;
  private pumping = false;
  private kicked = false;
  private sent = 0;
  private inFlight = 0;

  /**
   * @param coveredFrom first minute to backfill (everything before it counts as known).
   * @param lastFinal the newest minute already published or stored, if any.
   */
  constructor(
    private readonly opts: MinuteSyncOptions,
    coveredFrom: number,
    lastFinal: number | null = null,
  ) {
    if (!(opts.chunkMs >= MINUTE_MS)) throw new RangeError(`chunkMs must be ≥ 1 minute`);
    this.last = lastFinal;
    this.covered = lastFinal === null ? coveredFrom : Math.max(coveredFrom, lastFinal + MINUTE_MS);
  }

  /** Time of the newest final minute published, or null. */
  get lastFinal(): number | null {
    return this.last;
  }

  /** Every minute before this instant has been published or had no trades. */
  get coveredUntil(): number {
    return this.covered;
  }

  /** Historical requests sent so far (retries included). */
  get requestsSent(): number {
    return this.sent;
  }

  /** Historical requests sent and not answered yet. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Live minutes waiting for a gap before them to be backfilled. */
  get queued(): number {
    return this.queue.length;
  }

  /** Whether a live minute at `minute` would still be news (for forming updates). */
  wants(minute: number): boolean {
    return minute >= this.covered && (this.last === null || minute > this.last);
  }

  /**
   * Sets the history source of the current connection (undefined while disconnected).
   * Requests still queued for the previous source are dropped: they cannot be answered.
   */
  attach(source: HistorySource | undefined): void {
    if (source !== this.source)
      this.opts.pacing.clear(new ConnectionClosedError('source replaced'));
    this.source = source;
    if (source) this.kick();
  }

  /** Drops queued requests for good (the feed is being disposed). */
  dispose(): void {
    this.source = undefined;
    this.opts.pacing.dispose();
  }

  /** Backfills up to `until` (exclusive; every minute before it must have closed). */
  fillTo(until: number): void {
    this.target = Math.max(this.target, until);
    this.kick();
  }

  /** Offers a final minute aggregated from live bars, complete from its first second. */
  offerLive(bar: Bar): void {
    if (!this.wants(bar.time)) return;
    this.queue.push(bar);
    this.kick();
  }

  private kick(): void {
    if (this.pumping) {
      this.kicked = true;
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (;;) {
        const source = this.source;
        if (!source) return;
        if (this.target > this.covered) {
          await this.fill(source, this.target);
          continue;
        }
        const next = this.queue[0];
        if (!next) return;
        if (!this.wants(next.time)) {
          this.queue.shift();
          continue;
        }
        if (hasTradingMinute(this.covered, next.time)) {
          await this.fill(source, next.time);
          continue;
        }
        this.queue.shift();
        this.accept([next], 'live');
      }
    } catch (e) {
      // A lost connection or a timeout: the next trigger (reconnect, live minute) resumes
      // from `coveredUntil`, so nothing fetched so far is fetched again.
      this.opts.log.warn('backfill interrupted', { error: e });
    } finally {
      this.pumping = false;
      if (this.kicked) {
        this.kicked = false;
        if (this.source) void this.pump();
      }
    }
  }

  private async fill(source: HistorySource, until: number): Promise<void> {
    const { clock, pacing, chunkMs } = this.opts;
    while (this.covered < until && this.source === source) {
      const from = this.covered;
      const to = Math.min(until, from + chunkMs);
      if (!hasTradingMinute(from, to)) {
        this.covered = to;
        continue;
      }
      let bars: Bar[];
      try {
        bars = await pacing.run(
          {
            key: `${source.contractKey}|${to}|${to - from}|1 min|TRADES|0`,
            contract: source.contractKey,
          },
          () => this.fetch(source, to, to - from),
        );
      } catch (e) {
        if (!(e instanceof IbRequestError)) throw e;
        // IB refused this window outright; retrying the same request cannot help.
        this.opts.onHistoryGap(from, to, e);
        this.covered = Math.max(this.covered, to);
        continue;
      }
      if (this.source !== source) return;
      const now = clock.now();
      const complete = bars
        .filter((b) => b.time >= from && b.time < to && b.time + MINUTE_MS <= now)
        .sort((a, b) => a.time - b.time);
      this.accept(complete, 'backfill');
      this.covered = Math.max(this.covered, to);
    }
  }

  private async fetch(source: HistorySource, end: number, span: number): Promise<Bar[]> {
    this.sent++;
    this.inFlight++;
    try {
      return await source.fetch(end, span);
    } finally {
      this.inFlight--;
    }
  }

  private accept(bars: readonly Bar[], source: 'backfill' | 'live'): void {
    const fresh: Bar[] = [];
    for (const b of bars) {
      if (this.last !== null && b.time <= this.last) continue;
      fresh.push(b);
      this.last = b.time;
    }
    if (fresh.length === 0) return;
    this.covered = Math.max(this.covered, (this.last as number) + MINUTE_MS);
    this.opts.publish(fresh, source);
  }
}
