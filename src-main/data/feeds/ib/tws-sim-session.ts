/**
 * One client connection of the TWS simulator: its byte stream, negotiated server version,
 * client id and real-time subscriptions, and the server → client messages it writes
 * (version greeting, 4 ERR_MSG, 50 REAL_TIME_BARS and any raw message).
 */
import type { Socket } from 'node:net';
import { encodeMessage, WireReader, type Handshake, type WireMessage } from './tws-wire';

/** Oldest server version whose message layouts the simulator writes (SIZE_RULES). */
export const MIN_SERVER_VERSION = 164;
/** Newest server version @stoqey/ib 1.6.10 accepts. */
export const MAX_SERVER_VERSION = 193;
/** From this version on ERR_MSG carries a trailing advanced-order-reject JSON field. */
const ADVANCED_ORDER_REJECT = 166;

/** A 5-second bar as REAL_TIME_BARS carries it (time = bar start, UTC ms). */
export interface RealtimeBarFields {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly wap: number;
  readonly count: number;
}

/** State and outgoing messages of one simulated client connection. */
export class SimSession {
  /** Negotiated server version (0 until the handshake). */
  version = 0;
  /** Set by START_API. */
  clientId: number | undefined;
  /** Real-time subscriptions: reqId → conId. */
  readonly realtime = new Map<number, number>();
  private readonly reader = new WireReader();

  constructor(
    readonly id: number,
    private readonly socket: Socket,
  ) {
    socket.setNoDelay(true);
  }

  /**
   * Appends received bytes and returns the complete handshake/messages in them.
   * @throws Error on a malformed stream.
   */
  read(chunk: Buffer): (Handshake | WireMessage)[] {
    this.reader.push(chunk);
    const units: (Handshake | WireMessage)[] = [];
    for (let unit = this.reader.next(); unit; unit = this.reader.next()) units.push(unit);
    return units;
  }

  /**
   * Answers the handshake with the highest version both sides support, at most `preferred`,
   * and the connection time; false (and nothing written) when there is none.
   */
  greet(h: Handshake, preferred: number, now: number): boolean {
    const version = Math.min(h.maxVersion, preferred);
    if (version < h.minVersion || version < MIN_SERVER_VERSION) return false;
    this.version = version;
    const iso = new Date(now).toISOString();
    this.write([version, `${iso.slice(0, 10).replaceAll('-', '')} ${iso.slice(11, 19)} UTC`]);
    return true;
  }

  write(fields: readonly (string | number)[]): void {
    if (!this.socket.destroyed) this.socket.write(encodeMessage(fields));
  }

  /** ERR_MSG; reqId −1 for messages that belong to no request (1100, 2104, …). */
  error(reqId: number, code: number, message: string): void {
    const fields: (string | number)[] = [4, 2, reqId, code, message];
    if (this.version >= ADVANCED_ORDER_REJECT) fields.push('');
    this.write(fields);
  }

  /** REAL_TIME_BARS for subscription `reqId`. */
  realtimeBar(reqId: number, b: RealtimeBarFields): void {
    const time = Math.floor(b.time / 1000);
    this.write([50, 3, reqId, time, b.open, b.high, b.low, b.close, b.volume, b.wap, b.count]);
  }

  /** Resets the connection (RST), as a crashed TWS or a broken network would. */
  kill(): void {
    this.socket.resetAndDestroy();
  }
}
