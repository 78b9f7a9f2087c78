/**
 * Server side of the TWS API wire framing (the "V100+" protocol that TWS and IB Gateway
 * have spoken since API 9.72):
 *
 * - the client opens with the bytes `API\0`, a 4-byte big-endian length and an ASCII version
 *   range such as `v100..193`;
 * - from then on every message, both ways, is a 4-byte big-endian length followed by
 *   NUL-terminated text fields; the first field is the message id.
 *
 * The server's first message carries only its chosen server version and a connection time.
 */

/** The client's opening: the API version range it supports. */
export interface Handshake {
  readonly kind: 'handshake';
  readonly minVersion: number;
  readonly maxVersion: number;
}

/** One framed message, split into its fields. */
export interface WireMessage {
  readonly kind: 'message';
  readonly fields: readonly string[];
}

const API_PREFIX = Buffer.from('API\0', 'latin1');
/** Frames above this are garbage, not messages (IB clients use the same 16 MB bound). */
const MAX_FRAME = 0xffffff;

/** Encodes one server → client message: length prefix, NUL-terminated fields. */
export function encodeMessage(fields: readonly (string | number)[]): Buffer {
  let text = '';
  for (const f of fields) text += `${f}\0`;
  const body = Buffer.from(text, 'utf8');
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Parses a version range `v100..193` (or a single `v176`); connect options may follow. */
export function parseVersionRange(text: string): { min: number; max: number } | undefined {
  const m = /^v(\d+)(?:\.\.(\d+))?(?:\s|$)/.exec(text.trim());
  if (!m) return undefined;
  const min = Number(m[1]);
  return { min, max: m[2] === undefined ? min : Number(m[2]) };
}

/** Incremental reader of a client's byte stream: the handshake first, then messages. */
export class WireReader {
  private buffer: Buffer = Buffer.alloc(0);
  private greeted = false;

  /** Appends received bytes. */
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /**
   * The next complete unit, undefined when more bytes are needed.
   * @throws Error on a malformed stream (the caller should drop the connection).
   */
  next(): Handshake | WireMessage | undefined {
    if (!this.greeted) {
      if (this.buffer.length < API_PREFIX.length + 4) return undefined;
      if (!this.buffer.subarray(0, API_PREFIX.length).equals(API_PREFIX)) {
        throw new Error('client did not open with the API\\0 prefix');
      }
      const body = this.frame(API_PREFIX.length);
      if (body === undefined) return undefined;
      const range = parseVersionRange(body);
      if (!range) throw new Error(`bad version range '${body}'`);
      this.greeted = true;
      return { kind: 'handshake', minVersion: range.min, maxVersion: range.max };
    }
    const body = this.frame(0);
    if (body === undefined) return undefined;
    const fields = body.split('\0');
    // Every field ends in NUL, so the split leaves one empty string after the last field.
    fields.pop();
    return { kind: 'message', fields };
  }

  /** Takes a length-prefixed frame starting at `offset`, or undefined if incomplete. */
  private frame(offset: number): string | undefined {
    if (this.buffer.length < offset + 4) return undefined;
    const size = this.buffer.readUInt32BE(offset);
    if (size > MAX_FRAME) throw new Error(`frame of ${size} bytes exceeds ${MAX_FRAME}`);
    const end = offset + 4 + size;
    if (this.buffer.length < end) return undefined;
    const text = this.buffer.toString('utf8', offset + 4, end);
    this.buffer = this.buffer.subarray(end);
    return text;
  }
}
