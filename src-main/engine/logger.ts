/**
 * Structured logging: one JSON object per line in `<dataDir>/logs/nqh.log`, rotated by size
 * (nqh.log → nqh.1.log → … → nqh.<keep>.log). Keys that look like secrets are redacted so a
 * broker password or an access token never reaches a log file.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines carry `component`. */
  child(component: string): Logger;
}

/** Where log lines go. */
export interface LogSink {
  write(line: string): void;
  close(): void;
}

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential/i;

/** Replaces values of secret-looking keys, recursively, and errors by their name/message/stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** A size-rotated file sink. */
export class RotatingFileSink implements LogSink {
  private fd: number;
  private size: number;
  private closed = false;
  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly maxBytes = 5 * 1024 * 1024,
    private readonly keep = 5,
    private readonly base = 'nqh',
  ) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `${base}.log`);
    this.fd = openSync(this.path, 'a');
    this.size = statSync(this.path).size;
  }

  write(line: string): void {
    // Lines logged after shutdown (a socket closing late) are dropped, not a crash.
    if (this.closed) return;
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    const name = (i: number): string => join(this.dir, `${this.base}.${i}.log`);
    rmSync(name(this.keep), { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(name(i), name(i + 1));
      } catch {
        // A missing older file is normal until `keep` rotations have happened.
      }
    }
    renameSync(this.path, name(1));
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}

export interface LoggerOptions {
  readonly sinks: readonly LogSink[];
  readonly level?: LogLevel;
  readonly component?: string;
  readonly now?: () => number;
}

/** Creates a logger writing JSON lines to every sink. */
export function createLogger(opts: LoggerOptions): Logger {
  const min = LEVEL_ORDER[opts.level ?? 'info'];
  const now = opts.now ?? Date.now;
  const make = (component: string | undefined): Logger => {
    const log = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (LEVEL_ORDER[level] < min) return;
      const entry = {
        t: new Date(now()).toISOString(),
        level,
        ...(component ? { component } : {}),
        msg,
        ...(fields ? (redact(fields) as object) : {}),
      };
      const line = `${JSON.stringify(entry)}\n`;
      for (const s of opts.sinks) s.write(line);
    };
    return {
      debug: (m, f) => log('debug', m, f),
      info: (m, f) => log('info', m, f),
      warn: (m, f) => log('warn', m, f),
      error: (m, f) => log('error', m, f),
      child: (c) => make(component ? `${component}.${c}` : c),
    };
  };
  return make(opts.component);
}

/** A sink that keeps lines in memory (tests, and the UI's recent-log view later). */
export class MemorySink implements LogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  close(): void {}
}
