/**
 * Level output as columns (struct of arrays), one row per decision bar, and the decision
 * bars themselves. A row holds the levels as of its 1-minute bar, that bar included.
 */
import { DomainValueError } from '@shared/domain/brand';
import { LEVEL_COUNT, LEVEL_NAMES, type LevelName } from './level-names';

const MINUTE_MS = 60_000;

/** The memory behind a LevelColumns: what a worker thread writes into (shared buffers). */
export interface LevelColumnBuffers {
  readonly index: ArrayBufferLike;
  readonly time: ArrayBufferLike;
  readonly defined: ArrayBufferLike;
  readonly complete: ArrayBufferLike;
  readonly columns: readonly ArrayBufferLike[];
}

/** Levels at decision bars: NaN where a level is not defined; see `LevelBit` for the flags. */
export class LevelColumns {
  readonly length: number;
  /** Index of the decision row's 1-minute bar in the input. */
  readonly index: Int32Array;
  /** Start time (UTC ms) of that 1-minute bar; its levels include it (it has closed). */
  readonly time: Float64Array;
  /** `LevelBit` set of the groups whose levels are defined on the row. */
  readonly defined: Uint32Array;
  /** `LevelBit` set of the groups whose period was observed whole (not warm-up). */
  readonly complete: Uint32Array;
  /** Level columns in `LEVEL_NAMES` order. */
  readonly columns: readonly Float64Array[];
  /** The same columns by name. */
  readonly level: { readonly [K in LevelName]: Float64Array };

  /**
   * `length` rows, levels NaN; over `buffers` (as they are) when given — another thread's
   * view of the same shared memory.
   */
  constructor(length: number, buffers?: LevelColumnBuffers) {
    this.length = length;
    if (buffers === undefined) {
      this.index = new Int32Array(length);
      this.time = new Float64Array(length);
      this.defined = new Uint32Array(length);
      this.complete = new Uint32Array(length);
      const columns: Float64Array[] = [];
      for (let k = 0; k < LEVEL_COUNT; k++) {
        columns.push(new Float64Array(length).fill(Number.NaN));
      }
      this.columns = columns;
    } else {
      if (buffers.columns.length !== LEVEL_COUNT) {
        throw new RangeError(
          `level buffers hold ${buffers.columns.length} columns, not ${LEVEL_COUNT}`,
        );
      }
      this.index = new Int32Array(buffers.index, 0, length);
      this.time = new Float64Array(buffers.time, 0, length);
      this.defined = new Uint32Array(buffers.defined, 0, length);
      this.complete = new Uint32Array(buffers.complete, 0, length);
      this.columns = buffers.columns.map((b) => new Float64Array(b, 0, length));
    }
    const columns = this.columns;
    this.level = Object.fromEntries(LEVEL_NAMES.map((name, k) => [name, columns[k]])) as {
      readonly [K in LevelName]: Float64Array;
    };
  }

  /**
   * `length` rows in shared memory, for rows written by several threads: levels NaN, or
   * left zeroed (`filled` false) when every row is about to be written anyway.
   */
  static shared(length: number, filled = true): LevelColumns {
    const sab = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));
    const out = new LevelColumns(length, {
      index: sab(4 * length),
      time: sab(8 * length),
      defined: sab(4 * length),
      complete: sab(4 * length),
      columns: Array.from({ length: LEVEL_COUNT }, () => sab(8 * length)),
    });
    if (filled) for (const c of out.columns) c.fill(Number.NaN);
    return out;
  }

  /** The buffers behind the columns (shared ones cross to a worker without a copy). */
  get buffers(): LevelColumnBuffers {
    return {
      index: this.index.buffer,
      time: this.time.buffer,
      defined: this.defined.buffer,
      complete: this.complete.buffer,
      columns: this.columns.map((c) => c.buffer),
    };
  }
}

/**
 * Indices of the 1-minute bars that end an N-minute bar aligned to the New York clock
 * (N divides 60, so the buckets are UTC buckets too): the last bar of each bucket. A bucket
 * whose last minutes had no trades ends at its last bar — at the bucket's end nothing else
 * can arrive, so that is no lookahead. The series' final bar counts only when it is the
 * bucket's final minute, since later minutes of its bucket may still come.
 */
export function decisionBars(time: Float64Array, length: number, minutes = 5): Int32Array {
  if (!Number.isInteger(minutes) || minutes < 1 || 60 % minutes !== 0) {
    throw new RangeError(`decision bars need a minute count dividing 60, got ${minutes}`);
  }
  const size = minutes * MINUTE_MS;
  const out = new Int32Array(length);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const t = time[i] as number;
    const bucket = Math.floor(t / size);
    const last =
      i + 1 < length
        ? Math.floor((time[i + 1] as number) / size) !== bucket
        : (t + MINUTE_MS) % size === 0;
    if (last) out[n++] = i;
  }
  return out.slice(0, n);
}

/** Every index 0..length-1 (levels after every bar). */
export function everyBar(length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i;
  return out;
}

/** Throws unless `decisions` is strictly increasing within [0, length). */
export function checkDecisions(decisions: Int32Array, length: number): void {
  let prev = -1;
  for (let d = 0; d < decisions.length; d++) {
    const i = decisions[d] as number;
    if (i <= prev || i >= length) {
      throw new DomainValueError(
        `decision bars must be increasing indices below ${length}; got ${i} after ${prev}`,
      );
    }
    prev = i;
  }
}
