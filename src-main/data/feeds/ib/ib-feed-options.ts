/**
 * Options of the IB feed, their defaults and validation, and the shape of its diagnostics.
 * Every timing is a setting so tests can run the same code with short spans on a ManualClock.
 */
import type { PacingLimits } from './ib-pacing';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Settings of the IB feed; only host, port and clientId are required. */
export interface IbFeedOptions {
  /** TWS / IB Gateway address (TWS paper 7497, live 7496; Gateway 4002 / 4001). */
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  /** Symbol of the futures root and of the published bars (default 'NQ'). */
  readonly symbol?: string;
  /** Listing exchange (default 'CME'). */
  readonly exchange?: string;
  /** How far back to backfill on first start (default 5 days). */
  readonly historyMs?: number;
  /** Time of the newest final minute the sink already holds: backfill resumes after it. */
  readonly resumeFrom?: number;
  /**
   * Local symbol of the contract the sink's newest minute came from (e.g. 'NQH4'): a
   * different front month at start is a roll after that minute, measured and announced.
   */
  readonly previousContract?: string;
  /** Span of one historical request (default 1 day of 1-minute bars). */
  readonly chunkMs?: number;
  /** Calendar days before expiry at which the next month becomes front (default 8). */
  readonly rollDays?: number;
  /** No real-time bar for this long while the market is open means stale (default 15 s). */
  readonly staleAfterMs?: number;
  /** How long after a minute's end to wait for its last 5-second bar (default 2 s). */
  readonly flushGraceMs?: number;
  /** Backfill stops this far behind the present so IB's history has the minute (default 5 s). */
  readonly historicalSettleMs?: number;
  /** Reconnect backoff: first delay, doubled per failed attempt up to the maximum. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly connectTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Overrides of IB's historical pacing limits. */
  readonly pacing?: Partial<PacingLimits>;
  /** Client-side message rate limit (default 40/s; TWS allows 50). */
  readonly maxReqPerSec?: number;
}

/** Counters and marks of a running feed, for tests and the diagnostics view. */
export interface IbFeedDiagnostics {
  readonly lastFinalTime: number | null;
  readonly coveredUntil: number;
  /** 5-second bars read, over all connections. */
  readonly realtimeBars: number;
  /** Historical requests sent (retries included), and those not answered yet. */
  readonly historicalRequests: number;
  readonly historicalInFlight: number;
  readonly reconnects: number;
  readonly staleEvents: number;
  /** Local symbol of the front month followed, e.g. NQH4. */
  readonly contract: string | undefined;
}

/** Options with every default filled in. */
export type ResolvedIbFeedOptions = Required<
  Omit<IbFeedOptions, 'resumeFrom' | 'previousContract'>
> &
  Pick<IbFeedOptions, 'resumeFrom' | 'previousContract'>;

/** Fills in defaults and rejects values that would break the feed. */
export function resolveIbFeedOptions(opts: IbFeedOptions): ResolvedIbFeedOptions {
  const o: ResolvedIbFeedOptions = {
    symbol: 'NQ',
    exchange: 'CME',
    historyMs: 5 * DAY,
    chunkMs: DAY,
    rollDays: 8,
    staleAfterMs: 15 * SECOND,
    flushGraceMs: 2 * SECOND,
    historicalSettleMs: 5 * SECOND,
    reconnectMinMs: SECOND,
    reconnectMaxMs: 30 * SECOND,
    connectTimeoutMs: 10 * SECOND,
    requestTimeoutMs: MINUTE,
    pacing: {},
    maxReqPerSec: 40,
    ...opts,
  };
  if (!o.host) throw new RangeError('host is required');
  if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65_535) {
    throw new RangeError(`port must be 1–65535, got ${o.port}`);
  }
  if (!Number.isInteger(o.clientId)) throw new RangeError(`clientId must be an integer`);
  const positive: (keyof ResolvedIbFeedOptions)[] = [
    'historyMs',
    'staleAfterMs',
    'reconnectMinMs',
    'reconnectMaxMs',
    'connectTimeoutMs',
    'requestTimeoutMs',
    'maxReqPerSec',
  ];
  for (const key of positive) {
    const v = o[key] as number;
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${key} must be > 0, got ${v}`);
  }
  for (const key of ['flushGraceMs', 'historicalSettleMs', 'rollDays'] as const) {
    if (!(o[key] >= 0)) throw new RangeError(`${key} must be ≥ 0, got ${o[key]}`);
  }
  if (!(o.chunkMs >= MINUTE)) throw new RangeError(`chunkMs must be ≥ 1 minute, got ${o.chunkMs}`);
  if (o.chunkMs > DAY)
    throw new RangeError('chunkMs above 1 day exceeds what IB serves per request');
  if (o.resumeFrom !== undefined && !Number.isInteger(o.resumeFrom)) {
    throw new RangeError(`resumeFrom must be an integer UTC ms, got ${o.resumeFrom}`);
  }
  return o;
}
