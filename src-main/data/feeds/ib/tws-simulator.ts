/**
 * A TWS/IB Gateway stand-in for tests: a real TCP server on 127.0.0.1 speaking enough of the
 * TWS API wire protocol (V100+ framing, server version 176 by default) for @stoqey/ib's
 * unmodified client to connect, resolve NQ contracts, load 1-minute history and stream
 * 5-second real-time bars.
 *
 * Client → server messages handled: 71 START_API, 9 REQ_CONTRACT_DATA, 20
 * REQ_HISTORICAL_DATA, 25 CANCEL_HISTORICAL_DATA, 50 REQ_REAL_TIME_BARS, 51
 * CANCEL_REAL_TIME_BARS, 49 REQ_CURRENT_TIME, 8 REQ_IDS; every other message is recorded and
 * ignored. Server → client: the version greeting, 9 NEXT_VALID_ID, 15 MANAGED_ACCTS,
 * 10 CONTRACT_DATA, 52 CONTRACT_DATA_END, 17 HISTORICAL_DATA, 50 REAL_TIME_BARS,
 * 49 CURRENT_TIME and 4 ERR_MSG.
 *
 * Market data comes from `SimMarket`, a pure function of the seed, so answers are
 * deterministic and `groundTruth` says what a correct feed must publish. Time comes from an
 * injected Clock: with a ManualClock the test decides when real-time bars are due. Every
 * request is recorded with the clock time it arrived, so tests can check pacing.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Bar } from '@shared/domain/bar';
import type { Clock } from '../../../engine/clock';
import { SimMarket } from './tws-sim-market';
import { SimRealtime } from './tws-sim-realtime';
import { contractDataFields, matchContracts, nqChain, type SimContract } from './tws-sim-contracts';
import { handleHistorical, type HistoricalRequest } from './tws-sim-historical';
import {
  MAX_SERVER_VERSION,
  MIN_SERVER_VERSION,
  SimSession,
  type RealtimeBarFields,
} from './tws-sim-session';

export type { HistoricalRequest } from './tws-sim-historical';

const REQUEST_NAMES: Readonly<Record<number, string>> = {
  8: 'REQ_IDS',
  9: 'REQ_CONTRACT_DATA',
  20: 'REQ_HISTORICAL_DATA',
  25: 'CANCEL_HISTORICAL_DATA',
  49: 'REQ_CURRENT_TIME',
  50: 'REQ_REAL_TIME_BARS',
  51: 'CANCEL_REAL_TIME_BARS',
  71: 'START_API',
};

/** Simulator settings; only the clock is required. */
export interface TwsSimulatorOptions {
  readonly clock: Clock;
  readonly seed?: number;
  /** Preferred server version, 164–193 (default 176). */
  readonly serverVersion?: number;
  readonly accounts?: string;
  /** Listed contracts (default: the next four NQ quarterly months at start). */
  readonly contracts?: readonly SimContract[];
  /** Stream 5-second bars to subscribers as the clock passes each bar's end (default true). */
  readonly autoRealtime?: boolean;
  /**
   * Points each listed month trades above the one before it (carry), so a roll to the next
   * month is a jump of this size in the continuous series (default 0: every month alike).
   */
  readonly contractPremium?: number;
}

/** A message received from a client, with the clock time it arrived. */
export interface RecordedRequest {
  readonly at: number;
  readonly connection: number;
  readonly msgId: number;
  readonly name: string;
  readonly fields: readonly string[];
}

/** The simulator: a loopback TWS with scripting hooks for tests (see the file header). */
export class TwsSimulator {
  readonly market: SimMarket;
  readonly contracts: readonly SimContract[];
  private readonly log: RecordedRequest[] = [];
  private readonly historical: HistoricalRequest[] = [];
  private readonly sessions = new Set<SimSession>();
  private readonly failures: { code: number; message: string }[] = [];
  private readonly attempts: number[] = [];
  private readonly version: number;
  private nextSession = 1;
  private refusing = false;
  private readonly realtime: SimRealtime;

  private constructor(
    private readonly server: Server,
    private readonly opts: TwsSimulatorOptions,
  ) {
    this.version = opts.serverVersion ?? 176;
    if (!(this.version >= MIN_SERVER_VERSION && this.version <= MAX_SERVER_VERSION)) {
      throw new RangeError(
        `serverVersion must be ${MIN_SERVER_VERSION}–${MAX_SERVER_VERSION}, got ${this.version}`,
      );
    }
    this.market = new SimMarket(opts.seed ?? 1);
    this.contracts = opts.contracts ?? nqChain(opts.clock.now());
    this.realtime = new SimRealtime(
      opts.clock,
      this.market,
      () => this.sessions,
      (conId) => this.premium(conId),
    );
  }

  /** Points contract `conId` trades above the market's path (its place in the list × premium). */
  premium(conId: number): number {
    const k = this.contracts.findIndex((c) => c.conId === conId);
    return Math.max(0, k) * (this.opts.contractPremium ?? 0);
  }

  /** Starts a simulator listening on 127.0.0.1 at a free port. */
  static async start(opts: TwsSimulatorOptions): Promise<TwsSimulator> {
    const server = createServer();
    const sim = new TwsSimulator(server, opts);
    server.on('connection', (socket) => sim.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    if (opts.autoRealtime ?? true) sim.realtime.start();
    return sim;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** Every message received so far, oldest first. */
  get requests(): readonly RecordedRequest[] {
    return this.log;
  }

  /** Historical-data requests received so far, parsed, oldest first. */
  get historicalRequests(): readonly HistoricalRequest[] {
    return this.historical;
  }

  /** Clock times at which clients opened a TCP connection (refused ones included). */
  get connectionAttempts(): readonly number[] {
    return this.attempts;
  }

  /** Open client connections that completed START_API. */
  get connectionCount(): number {
    return [...this.sessions].filter((s) => s.clientId !== undefined).length;
  }

  /** Real-time subscriptions currently active across connections. */
  get realtimeSubscriptions(): number {
    let n = 0;
    for (const s of this.sessions) n += s.realtime.size;
    return n;
  }

  /** 5-second bars written to clients so far. */
  get realtimeBarsSent(): number {
    return this.realtime.sent;
  }

  /** The closed 1-minute bars in [from, to) a correct feed must publish. */
  groundTruth(from: number, to: number): Bar[] {
    return this.market.groundTruth(from, to);
  }

  /** Answers the next historical request with error `code` (162: pacing violation). */
  failNextHistorical(code = 162, message?: string): void {
    const pacing =
      'Historical Market Data Service error message:Historical data request pacing violation';
    this.failures.push({ code, message: message ?? (code === 162 ? pacing : `error ${code}`) });
  }

  /** Sends ERR_MSG to every connected client; reqId -1 for system messages (1100…1102). */
  sendError(reqId: number, code: number, message: string): void {
    for (const s of this.sessions) if (s.clientId !== undefined) s.error(reqId, code, message);
  }

  /** Resets every client socket at once, as a crashed or restarted TWS would. */
  dropConnections(): void {
    for (const s of [...this.sessions]) this.kill(s);
  }

  /** While true, new connections are accepted and reset at once. */
  refuseConnections(refuse: boolean): void {
    this.refusing = refuse;
  }

  /** While true, no real-time bars are sent (a stalled or lost data farm). */
  pauseRealtime(paused: boolean): void {
    this.realtime.pause(paused);
  }

  /** Sends a scripted 5-second bar to every subscription (or only `reqId`). */
  pushRealtimeBar(bar: RealtimeBarFields, reqId?: number): void {
    this.realtime.push(bar, reqId);
  }

  /** Stops listening, resets every connection and cancels the streaming timer. */
  async close(): Promise<void> {
    this.realtime.stop();
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.attempts.push(this.opts.clock.now());
    const s = new SimSession(this.nextSession++, socket);
    this.sessions.add(s);
    socket.on('close', () => this.sessions.delete(s));
    socket.on('error', () => this.sessions.delete(s));
    if (this.refusing) return this.kill(s);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const unit of s.read(chunk)) {
          if (unit.kind === 'message') this.dispatch(s, unit.fields);
          else if (!s.greet(unit, this.version, this.opts.clock.now())) this.kill(s);
        }
      } catch {
        this.kill(s);
      }
    });
  }

  private dispatch(s: SimSession, fields: readonly string[]): void {
    const msgId = Number(fields[0]);
    const name = REQUEST_NAMES[msgId] ?? `MSG_${fields[0] ?? '?'}`;
    const at = this.opts.clock.now();
    this.log.push({ at, connection: s.id, msgId, name, fields });
    const int = (i: number): number => Number.parseInt(fields[i] ?? '', 10);
    switch (msgId) {
      case 71:
        return this.startApi(s, int(2));
      case 8:
        return s.write([9, 1, 1]);
      case 49:
        return s.write([49, 1, Math.floor(at / 1000)]);
      case 9:
        return this.contractDetails(s, int(2), fields);
      case 20:
        this.historical.push(
          handleHistorical(s.id, at, fields, {
            market: this.market,
            premium: (conId) => this.premium(conId),
            contract: (conId) => this.contracts.find((c) => c.conId === conId),
            failure: () => this.failures.shift(),
            write: (f) => s.write(f),
            error: (reqId, code, msg) => s.error(reqId, code, msg),
          }),
        );
        return;
      case 50:
        return this.realtime.subscribe(s, fields, this.contracts);
      case 51:
        s.realtime.delete(int(2));
        return;
      default:
        // Cancels of finished historical requests and anything unsupported: recorded only.
        return;
    }
  }

  private startApi(s: SimSession, clientId: number): void {
    if ([...this.sessions].some((o) => o !== s && o.clientId === clientId)) {
      s.error(-1, 326, 'Unable to connect as the client id is already in use.');
      return this.kill(s);
    }
    s.clientId = clientId;
    s.write([9, 1, 1]);
    s.write([15, 1, this.opts.accounts ?? 'DU1234567']);
    s.error(-1, 2104, 'Market data farm connection is OK:usfuture');
    s.error(-1, 2106, 'HMDS data farm connection is OK:ushmds');
  }

  private contractDetails(s: SimSession, reqId: number, fields: readonly string[]): void {
    const matches = matchContracts(this.contracts, fields);
    if (matches.length === 0) {
      return s.error(reqId, 200, 'No security definition has been found for the request');
    }
    for (const c of matches) s.write(contractDataFields(c, reqId, s.version));
    s.write([52, 1, reqId]);
  }

  private kill(s: SimSession): void {
    this.sessions.delete(s);
    s.kill();
  }
}
