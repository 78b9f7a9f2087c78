/**
 * One session with TWS / IB Gateway through @stoqey/ib's IBApi, turned into promises for
 * request/response calls and callbacks for streams.
 *
 * A fresh IBApi is made per session: after a socket loss the old instance may still hold
 * queued commands (its command buffer and rate limiter replay them on reconnect, with
 * request ids the new session knows nothing about), so it is discarded instead of reused.
 *
 * Messages TWS sends with id −1 (1100 connectivity lost, 1101/1102 restored, 2104 farm OK)
 * reach @stoqey/ib's `info` event, not `error`; both are routed to `onSystemMessage`.
 * Error 162 means either a pacing violation or "HMDS query returned no data"; the text tells
 * them apart: the first rejects with PacingViolationError, the second is an empty answer.
 * Request timeouts run on the injected clock, like everything else in the feed.
 */
import { BarSizeSetting, EventName, IBApi, type Contract, type ContractDetails } from '@stoqey/ib';
import type { Bar } from '@shared/domain/bar';
import { utcMs } from '@shared/domain/brand';
import type { Clock, Dispose } from '../../../engine/clock';
import { PacingViolationError } from './ib-pacing';
import { ConnectionClosedError, IbRequestError, RequestTimeoutError } from './ib-errors';
import { formatDurationSeconds, formatIbUtc } from './ib-time';

/** Where to connect and as which client. */
export interface IbConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  /** @stoqey/ib's client-side message rate limit (TWS allows 50 messages/s). */
  readonly maxReqPerSec?: number;
}

/** What a session reports outside request/response pairs. */
export interface IbConnectionEvents {
  /** The session ended without `close()` being called; called at most once. */
  onClosed(): void;
  /** A message with no request id (id −1), e.g. 1100/1101/1102, or a client-side error. */
  onSystemMessage(code: number, message: string): void;
  onRealtimeBar(
    reqId: number,
    timeSec: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): void;
  /** An error for a request id that has no pending promise (e.g. a real-time subscription). */
  onRequestError(reqId: number, code: number, message: string): void;
}

interface Pending {
  readonly kind: 'details' | 'history';
  readonly details: ContractDetails[];
  readonly bars: Bar[];
  readonly resolve: (value: ContractDetails[] | Bar[]) => void;
  readonly reject: (error: Error) => void;
  readonly cancelTimer: Dispose;
}

/** IB codes that are warnings even when they carry a request id. */
function isWarning(code: number): boolean {
  return (code >= 2100 && code < 2200) || code === 10167;
}

/** One TWS session: open it, make requests, close it; a new instance per connection. */
export class IbConnection {
  private readonly ib: IBApi;
  private readonly pending = new Map<number, Pending>();
  private nextReqId = 1;
  private closed = false;
  private readyWaiter: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly opts: IbConnectionOptions,
    private readonly events: IbConnectionEvents,
  ) {
    this.ib = new IBApi({
      host: opts.host,
      port: opts.port,
      clientId: opts.clientId,
      maxReqPerSec: opts.maxReqPerSec ?? 40,
    });
    this.ib.on(EventName.nextValidId, () => {
      this.readyWaiter?.resolve();
      this.readyWaiter = undefined;
    });
    this.ib.on(EventName.disconnected, () =>
      this.shutdown(new ConnectionClosedError('socket closed')),
    );
    this.ib.on(EventName.info, (message: string, code: number) =>
      this.events.onSystemMessage(code, message),
    );
    this.ib.on(EventName.error, (err: Error, code: number, reqId: number) =>
      this.routeError(reqId, code, err.message),
    );
    this.ib.on(EventName.contractDetails, (reqId: number, d: ContractDetails) => {
      this.pending.get(reqId)?.details.push(d);
    });
    this.ib.on(EventName.contractDetailsEnd, (reqId: number) => this.settle(reqId));
    this.ib.on(EventName.historicalData, (reqId, time, open, high, low, close, volume) =>
      this.onHistorical(reqId, time, open, high, low, close, volume),
    );
    this.ib.on(EventName.realtimeBar, (reqId, time, open, high, low, close, volume) =>
      this.events.onRealtimeBar(reqId, time, open, high, low, close, volume ?? 0),
    );
  }

  /** Connects and resolves once TWS has sent nextValidId (it accepts requests from then). */
  open(timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new ConnectionClosedError('connection closed'));
    return new Promise<void>((resolve, reject) => {
      const cancel = this.clock.at(this.clock.now() + timeoutMs, () =>
        this.shutdown(new RequestTimeoutError(`no nextValidId within ${timeoutMs} ms`)),
      );
      this.readyWaiter = {
        resolve: () => {
          cancel();
          resolve();
        },
        reject: (e) => {
          cancel();
          reject(e);
        },
      };
      this.ib.connect(this.opts.clientId);
    });
  }

  /** Contract details matching `contract` (REQ_CONTRACT_DATA). */
  contractDetails(contract: Contract, timeoutMs: number): Promise<ContractDetails[]> {
    return this.request<ContractDetails[]>('details', timeoutMs, (reqId) =>
      this.ib.reqContractDetails(reqId, contract),
    );
  }

  /**
   * 1-minute TRADES bars (all hours) starting in [endMs − spanMs, endMs), oldest first, as
   * IB returns them: a minute still in progress at `endMs` may come back partial.
   */
  historicalBars(
    contract: Contract,
    endMs: number,
    spanMs: number,
    timeoutMs: number,
  ): Promise<Bar[]> {
    return this.request<Bar[]>('history', timeoutMs, (reqId) =>
      this.ib.reqHistoricalData(
        reqId,
        contract,
        formatIbUtc(endMs),
        formatDurationSeconds(spanMs),
        BarSizeSetting.MINUTES_ONE,
        'TRADES',
        0,
        2,
        false,
      ),
    );
  }

  /** Subscribes to 5-second TRADES bars (all hours); returns the subscription's request id. */
  subscribeRealtime(contract: Contract): number {
    const reqId = this.nextReqId++;
    if (!this.closed) this.ib.reqRealTimeBars(reqId, contract, 5, 'TRADES', false);
    return reqId;
  }

  cancelRealtime(reqId: number): void {
    if (!this.closed) this.ib.cancelRealTimeBars(reqId);
  }

  /** Ends the session from this side; pending requests reject, `onClosed` is not called. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const reason = new ConnectionClosedError('connection closed');
    this.readyWaiter?.reject(reason);
    this.readyWaiter = undefined;
    this.failAll(reason);
    this.ib.removeAllListeners();
    this.ib.disconnect();
  }

  private request<T>(
    kind: Pending['kind'],
    timeoutMs: number,
    send: (reqId: number) => void,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new ConnectionClosedError('connection closed'));
    const reqId = this.nextReqId++;
    return new Promise<T>((resolve, reject) => {
      const cancelTimer = this.clock.at(this.clock.now() + timeoutMs, () => {
        if (!this.pending.delete(reqId)) return;
        if (kind === 'history') this.ib.cancelHistoricalData(reqId);
        reject(new RequestTimeoutError(`request ${reqId} unanswered after ${timeoutMs} ms`));
      });
      const entry: Pending = {
        kind,
        details: [],
        bars: [],
        resolve: resolve as Pending['resolve'],
        reject,
        cancelTimer,
      };
      this.pending.set(reqId, entry);
      send(reqId);
    });
  }

  private onHistorical(
    reqId: number,
    time: string,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number | undefined,
  ): void {
    const p = this.pending.get(reqId);
    if (!p) return;
    if (time.startsWith('finished')) return this.settle(reqId);
    const t = Number(time) * 1000;
    // A malformed bar is dropped at the boundary rather than passed on as NaN.
    if (!Number.isInteger(t) || ![open, high, low, close].every(Number.isFinite)) return;
    const v = volume ?? 0;
    p.bars.push({ time: utcMs(t), open, high, low, close, volume: Number.isFinite(v) ? v : 0 });
  }

  private settle(reqId: number): void {
    const p = this.pending.get(reqId);
    if (!p) return;
    this.pending.delete(reqId);
    p.cancelTimer();
    p.resolve(p.kind === 'details' ? p.details : p.bars);
  }

  private routeError(reqId: number, code: number, message: string): void {
    const p = reqId >= 0 ? this.pending.get(reqId) : undefined;
    if (!p || isWarning(code)) {
      if (reqId < 0 || isWarning(code)) this.events.onSystemMessage(code, message);
      else this.events.onRequestError(reqId, code, message);
      return;
    }
    if (code === 162 && /no data/i.test(message) && p.kind === 'history') return this.settle(reqId);
    this.pending.delete(reqId);
    p.cancelTimer();
    p.reject(
      code === 162 && /pacing/i.test(message)
        ? new PacingViolationError(message)
        : new IbRequestError(code, message, reqId),
    );
  }

  private shutdown(reason: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.readyWaiter?.reject(reason);
    this.readyWaiter = undefined;
    this.failAll(reason);
    this.ib.removeAllListeners();
    this.ib.disconnect();
    this.events.onClosed();
  }

  private failAll(reason: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const p of entries) {
      p.cancelTimer();
      p.reject(reason);
    }
  }
}
