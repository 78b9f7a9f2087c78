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
import type { Clock, Dispose } from '../../../engine/clock';
import { SimMarket, FIVE_SECONDS_MS, type SimBar } from './tws-sim-market';
import { contractDataFields, nqChain, type SimContract } from './tws-sim-contracts';
import { encodeMessage, WireReader } from './tws-wire';
import { handleHistorical, type HistoricalRequest } from './tws-sim-historical';

export type { HistoricalRequest } from './tws-sim-historical';

/** Oldest server version whose message layouts the simulator writes (SIZE_RULES). */
const MIN_VERSION = 164;
/** Newest version @stoqey/ib 1.6.10 accepts. */
const MAX_VERSION = 193;

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
}

/** A message received from a client, with the clock time it arrived. */
export interface RecordedRequest {
  readonly at: number;
  readonly connection: number;
  readonly msgId: number;
  readonly name: string;
  readonly fields: readonly string[];
}

interface Session {
  readonly id: number;
  readonly socket: Socket;
  readonly reader: WireReader;
  version: number;
  clientId: number | undefined;
  /** Real-time subscriptions: reqId → conId. */
  readonly realtime: Map<number, number>;
}

export class TwsSimulator {
  readonly market: SimMarket;
  readonly contracts: readonly SimContract[];
  private readonly log: RecordedRequest[] = [];
  private readonly historical: HistoricalRequest[] = [];
  private readonly sessions = new Set<Session>();
  private readonly failures: { code: number; message: string }[] = [];
  private readonly attempts: number[] = [];
  private nextSession = 1;
  private refusing = false;
  private paused = false;
  private streamTimer: Dispose | undefined;
  private sentBars = 0;

  private constructor(
    private readonly server: Server,
    private readonly opts: TwsSimulatorOptions,
  ) {
    this.market = new SimMarket(opts.seed ?? 1);
    this.contracts = opts.contracts ?? nqChain(opts.clock.now());
  }

  /** Starts a simulator listening on 127.0.0.1 at a free port. */
  static async start(opts: TwsSimulatorOptions): Promise<TwsSimulator> {
    const version = opts.serverVersion ?? 176;
    if (!(version >= MIN_VERSION && version <= MAX_VERSION)) {
      throw new RangeError(`serverVersion must be ${MIN_VERSION}–${MAX_VERSION}, got ${version}`);
    }
    const server = createServer();
    const sim = new TwsSimulator(server, opts);
    server.on('connection', (socket) => sim.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    if (opts.autoRealtime ?? true) sim.armStream();
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
    let n = 0;
    for (const s of this.sessions) if (s.clientId !== undefined) n++;
    return n;
  }

  /** Real-time subscriptions currently active across connections. */
  get realtimeSubscriptions(): number {
    let n = 0;
    for (const s of this.sessions) n += s.realtime.size;
    return n;
  }

  /** 5-second bars written to clients so far. */
  get realtimeBarsSent(): number {
    return this.sentBars;
  }

  /** The closed 1-minute bars in [from, to) a correct feed must publish. */
  groundTruth(from: number, to: number): Bar[] {
    return this.market.groundTruth(from, to);
  }

  /** Answers the next historical request with error `code` (162: pacing violation). */
  failNextHistorical(code = 162, message?: string): void {
    const text =
      message ??
      (code === 162
        ? 'Historical Market Data Service error message:Historical data request pacing violation'
        : `simulated error ${code}`);
    this.failures.push({ code, message: text });
  }

  /** Sends ERR_MSG to every connected client; reqId -1 for system messages (1100…1102). */
  sendError(reqId: number, code: number, message: string): void {
    for (const s of this.sessions)
      if (s.clientId !== undefined) this.error(s, reqId, code, message);
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
    this.paused = paused;
  }

  /** Sends a scripted 5-second bar to every subscription (or only `reqId`). */
  pushRealtimeBar(bar: Omit<SimBar, 'time'> & { readonly time: number }, reqId?: number): void {
    for (const s of this.sessions) {
      for (const id of s.realtime.keys())
        if (reqId === undefined || id === reqId) this.bar(s, id, bar);
    }
  }

  /** Stops listening, resets every connection and cancels the streaming timer. */
  async close(): Promise<void> {
    this.streamTimer?.();
    this.streamTimer = undefined;
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.attempts.push(this.opts.clock.now());
    socket.setNoDelay(true);
    const session: Session = {
      id: this.nextSession++,
      socket,
      reader: new WireReader(),
      version: 0,
      clientId: undefined,
      realtime: new Map(),
    };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => this.sessions.delete(session));
    if (this.refusing) return this.kill(session);
    socket.on('data', (chunk: Buffer) => {
      session.reader.push(chunk);
      try {
        for (let unit = session.reader.next(); unit; unit = session.reader.next()) {
          if (unit.kind === 'handshake') this.greet(session, unit.minVersion, unit.maxVersion);
          else this.dispatch(session, unit.fields);
        }
      } catch {
        this.kill(session);
      }
    });
  }

  private greet(s: Session, min: number, max: number): void {
    const version = Math.min(max, this.opts.serverVersion ?? 176);
    if (version < min || version < MIN_VERSION) return this.kill(s);
    s.version = version;
    const time = new Date(this.opts.clock.now()).toISOString();
    const stamp = `${time.slice(0, 10).replaceAll('-', '')} ${time.slice(11, 19)} UTC`;
    this.write(s, [version, stamp]);
  }

  private dispatch(s: Session, fields: readonly string[]): void {
    const msgId = Number(fields[0]);
    const name = REQUEST_NAMES[msgId] ?? `MSG_${fields[0] ?? '?'}`;
    const at = this.opts.clock.now();
    this.log.push({ at, connection: s.id, msgId, name, fields });
    const int = (i: number): number => Number.parseInt(fields[i] ?? '', 10);
    switch (msgId) {
      case 71:
        return this.startApi(s, int(2));
      case 8:
        return this.write(s, [9, 1, 1]);
      case 49:
        return this.write(s, [49, 1, Math.floor(at / 1000)]);
      case 9:
        return this.contractDetails(s, int(2), fields);
      case 20: {
        const req = handleHistorical(s.id, at, fields, {
          market: this.market,
          contract: (conId) => this.contracts.find((c) => c.conId === conId),
          failure: () => this.failures.shift(),
          write: (f) => this.write(s, f),
          error: (reqId, code, msg) => this.error(s, reqId, code, msg),
        });
        this.historical.push(req);
        return;
      }
      case 50:
        return this.subscribe(s, int(2), int(3), fields[15] ?? '', fields[16] ?? '');
      case 51:
        s.realtime.delete(int(2));
        return;
      default:
        // Cancels of finished historical requests and anything unsupported: recorded only.
        return;
    }
  }

  private startApi(s: Session, clientId: number): void {
    for (const other of this.sessions) {
      if (other !== s && other.clientId === clientId) {
        this.error(s, -1, 326, 'Unable to connect as the client id is already in use.');
        return this.kill(s);
      }
    }
    s.clientId = clientId;
    this.write(s, [9, 1, 1]);
    this.write(s, [15, 1, this.opts.accounts ?? 'DU1234567']);
    this.error(s, -1, 2104, 'Market data farm connection is OK:usfuture');
    this.error(s, -1, 2106, 'HMDS data farm connection is OK:ushmds');
  }

  private contractDetails(s: Session, reqId: number, f: readonly string[]): void {
    const [conId, symbol, secType, month] = [Number(f[3] || 0), f[4], f[5], f[6] ?? ''];
    const exchange = f[10] ?? '';
    const localSymbol = f[13] ?? '';
    const matches = this.contracts.filter(
      (c) =>
        (conId === 0 || c.conId === conId) &&
        (!symbol || c.symbol === symbol) &&
        (!secType || secType === 'FUT') &&
        (!exchange || exchange === c.exchange) &&
        (!localSymbol || localSymbol === c.localSymbol) &&
        c.lastTradeDateOrContractMonth.startsWith(month),
    );
    if (matches.length === 0) {
      return this.error(s, reqId, 200, 'No security definition has been found for the request');
    }
    for (const c of matches) this.write(s, contractDataFields(c, reqId, s.version));
    this.write(s, [52, 1, reqId]);
  }

  private subscribe(s: Session, reqId: number, conId: number, size: string, what: string): void {
    if (!this.contracts.some((c) => c.conId === conId)) {
      return this.error(s, reqId, 200, 'No security definition has been found for the request');
    }
    if (size !== '5' || what !== 'TRADES') {
      return this.error(s, reqId, 321, 'Error validating request: only 5-second TRADES bars');
    }
    s.realtime.set(reqId, conId);
  }

  /** Sends each 5-second bar when the clock passes its end, as TWS does. */
  private armStream(): void {
    const now = this.opts.clock.now();
    const due = (Math.floor(now / FIVE_SECONDS_MS) + 1) * FIVE_SECONDS_MS;
    this.streamTimer = this.opts.clock.at(due, () => {
      const bar = this.market.fiveSecondBar(due - FIVE_SECONDS_MS);
      if (bar && !this.paused) {
        for (const s of this.sessions) for (const id of s.realtime.keys()) this.bar(s, id, bar);
      }
      this.armStream();
    });
  }

  private bar(s: Session, reqId: number, b: Omit<SimBar, 'time'> & { time: number }): void {
    const time = Math.floor(b.time / 1000);
    this.write(s, [50, 3, reqId, time, b.open, b.high, b.low, b.close, b.volume, b.wap, b.count]);
    this.sentBars++;
  }

  private error(s: Session, reqId: number, code: number, message: string): void {
    // From ADVANCED_ORDER_REJECT (166) on, ERR_MSG carries a trailing JSON field.
    const fields: (string | number)[] = [4, 2, reqId, code, message];
    if (s.version >= 166) fields.push('');
    this.write(s, fields);
  }

  private write(s: Session, fields: readonly (string | number)[]): void {
    if (!s.socket.destroyed) s.socket.write(encodeMessage(fields));
  }

  private kill(s: Session): void {
    this.sessions.delete(s);
    s.socket.resetAndDestroy();
  }
}
