/**
 * Levels of a long series on several threads: the series is cut into chunks
 * (`level-chunks.ts`) whose levels equal, to the bit, those of one run over the whole; the
 * later chunks go to worker threads (`level-worker.ts`), which write their rows straight into
 * shared memory, while the calling thread computes the first chunk — or, in
 * `computeFeaturesOnThreads`, the other features first.
 *
 * The workers stay up between jobs (a thread's start, ~30 ms, is paid once); `close` ends
 * them. On this 2-core machine one worker beside the main thread is the useful number.
 */
import { Worker } from 'node:worker_threads';
import { BAR_COLUMN_KEYS, type BarColumnArrays, type BarColumns } from '@shared/market/bar-columns';
import { checkDecisions, LevelColumns, type LevelColumnBuffers } from './level-columns';
import { fillLevels } from './level-batch';
import { planLevelChunks, type LevelChunk } from './level-chunks';

/** One chunk for a worker: its bars from `chunk.firstBar` on, rows into shared `out`. */
export interface LevelWorkerRequest {
  readonly id: number;
  readonly bars: BarColumnArrays;
  readonly decisions: Int32Array;
  readonly chunk: LevelChunk;
  readonly rows: number;
  readonly out: LevelColumnBuffers;
}

export type LevelWorkerReply =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** A job under way: the shared output, the chunk left to the caller, the workers' part. */
export interface LevelJob {
  readonly out: LevelColumns;
  readonly decisions: Int32Array;
  /** Rows the calling thread computes (`runHere`). */
  readonly here: LevelChunk;
  /** Settles when every worker chunk is written. */
  readonly workers: Promise<void>;
  /** Computes `here` on the calling thread. */
  runHere(): void;
}

/** Persistent level worker threads (see the header). */
export class LevelThreads {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private nextId = 1;
  private closed = false;
  /** Why the pool can no longer be used (a worker failed or exited). */
  private broken: Error | null = null;

  /** Starts `count` workers from the bundled `level-worker.cjs` at `workerFile`. */
  constructor(workerFile: string, count = 1) {
    if (!(Number.isInteger(count) && count >= 1)) {
      throw new RangeError(`level threads need a whole number ≥ 1 of workers, got ${count}`);
    }
    this.workers = Array.from({ length: count }, () => {
      const w = new Worker(workerFile);
      w.on('message', (m: LevelWorkerReply) => this.settle(m));
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => {
        if (!this.closed) this.failAll(new Error(`level worker exited with code ${code}`));
      });
      return w;
    });
  }

  /** Worker threads in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts the levels of `bars` at `decisions`: the calling thread keeps about `hereShare`
   * of the work (the first chunk, cut at a month start; see `planLevelChunks` for how bars
   * are weighed), each worker an equal part of the rest. Call `runHere` on the job, then
   * await `workers`.
   */
  start(bars: BarColumns, decisions: Int32Array, hereShare: number): LevelJob {
    if (this.closed) throw new Error('level threads are closed');
    if (this.broken !== null) throw new Error(`level threads are broken: ${this.broken.message}`);
    if (!(hereShare > 0 && hereShare < 1)) {
      throw new RangeError(`the calling thread's share must be in (0, 1), got ${hereShare}`);
    }
    checkDecisions(decisions, bars.length);
    const k = this.workers.length;
    const cuts = Array.from({ length: k }, (_, j) => hereShare + ((1 - hereShare) * j) / k);
    const chunks = planLevelChunks(bars, decisions, cuts);
    // The chunks cover every row and each row is written whole: no NaN fill needed.
    const out =
      chunks.length > 1
        ? LevelColumns.shared(decisions.length, false)
        : new LevelColumns(decisions.length);
    const parts: Promise<void>[] = [];
    for (let j = 1; j < chunks.length; j++) {
      const chunk = chunks[j] as LevelChunk;
      const to = j + 1 < chunks.length ? (decisions[chunk.rowTo - 1] as number) + 1 : bars.length;
      parts.push(this.send(this.workers[j - 1] as Worker, bars, decisions, chunk, to, out));
    }
    const here = chunks[0] as LevelChunk;
    return {
      out,
      decisions,
      here,
      workers: Promise.all(parts).then(() => undefined),
      runHere: () => fillLevels(bars, 0, decisions, here.warmRow, here.rowFrom, here.rowTo, out),
    };
  }

  /** Levels of `bars` at `decisions`, the same as `computeLevels`, on this thread and the workers. */
  async computeLevels(bars: BarColumns, decisions: Int32Array): Promise<LevelColumns> {
    const job = this.start(bars, decisions, 1 / (this.workers.length + 1));
    job.runHere();
    await job.workers;
    return job.out;
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(
    worker: Worker,
    bars: BarColumns,
    decisions: Int32Array,
    chunk: LevelChunk,
    to: number,
    out: LevelColumns,
  ): Promise<void> {
    const id = this.nextId++;
    // The chunk's bars copied into shared memory, which the worker sees without a second
    // copy. Not plain buffers in a transfer list: moving a buffer detaches it here, and
    // V8 then (for the life of the process) guards every typed-array access in optimised
    // code against detached buffers: ~10% on this thread's feature pass, measured.
    const columns = {} as BarColumnArrays;
    for (const key of BAR_COLUMN_KEYS) {
      const copy = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, to - chunk.firstBar)));
      copy.set(bars[key].subarray(chunk.firstBar, to));
      columns[key] = copy.subarray(0, to - chunk.firstBar);
    }
    const request: LevelWorkerRequest = {
      id,
      bars: columns,
      decisions,
      chunk,
      rows: decisions.length,
      out: out.buffers,
    };
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private settle(m: LevelWorkerReply): void {
    const p = this.pending.get(m.id);
    if (p === undefined) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve();
    else p.reject(new Error(`level worker: ${m.message}`));
  }

  private failAll(e: Error): void {
    this.broken ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
