/**
 * Runs imports for the app: one job at a time (the market store has one writer), in a
 * worker thread, with progress and completion pushed as events and cancel by flag. Tests
 * use the inline runner, which runs the same job code on the calling thread.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ImportDoneEvent, ImportProgressEvent } from '@shared/contracts/events';
import type { Logger } from '../../engine/logger';
import { runImportJob, type ImportJobMessage, type ImportJobSpec } from './import-job';

/** Starts a job; calls `onMessage` for each message; resolves when it has ended. */
export type ImportRunner = (
  spec: ImportJobSpec,
  cancelFlag: Int32Array,
  onMessage: (m: ImportJobMessage) => void,
) => Promise<void>;

/** Runs the job in a worker thread from a bundled entry file. */
export function workerRunner(workerFile: string): ImportRunner {
  return (spec, cancelFlag, onMessage) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerFile, { workerData: { spec, cancelFlag } });
      worker.on('message', (m: ImportJobMessage) => onMessage(m));
      worker.once('error', reject);
      worker.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`import worker exited with code ${code}`)),
      );
    });
}

/** Runs the job on the calling thread, after a tick (tests). */
export const inlineRunner: ImportRunner = (spec, cancelFlag, onMessage) =>
  new Promise((resolve) =>
    setImmediate(() => {
      runImportJob(spec, onMessage, () => Atomics.load(cancelFlag, 0) === 1);
      resolve();
    }),
  );

export interface ImportEvents {
  progress(p: ImportProgressEvent): void;
  done(d: ImportDoneEvent): void;
}

export class ImportService {
  private active: { jobId: string; flag: Int32Array; finished: Promise<void> } | undefined;

  constructor(
    private readonly dbPath: string,
    private readonly runner: ImportRunner,
    private readonly events: ImportEvents,
    private readonly log: Logger,
  ) {}

  get activeJob(): string | null {
    return this.active?.jobId ?? null;
  }

  /** Starts an import of `files`; refuses while another runs. */
  start(
    files: ImportJobSpec['files'],
    opts: Omit<ImportJobSpec, 'jobId' | 'dbPath' | 'files'>,
  ): string {
    if (this.active)
      throw new Error(
        `an import is already running (${this.active.jobId}); wait for it or cancel it`,
      );
    const jobId = randomBytes(8).toString('hex');
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const spec: ImportJobSpec = { jobId, dbPath: this.dbPath, files, ...opts };
    this.log.info('import started', { jobId, files: files.map((f) => f.name) });
    const finished = this.runner(spec, flag, (m) => {
      if (m.type === 'progress') this.events.progress(m.progress);
      else {
        this.log.info('import finished', {
          jobId,
          cancelled: m.done.cancelled,
          results: m.done.results.map((r) => ({ file: r.file, ok: r.ok, error: r.error?.message })),
        });
        // The job's work is over (its transaction is committed or rolled back): a retry sent
        // on the done event must not be refused while the worker thread is still exiting.
        if (this.active?.jobId === jobId) this.active = undefined;
        this.events.done(m.done);
      }
    })
      .catch((e: unknown) => {
        this.log.error('import job failed', { jobId, error: e });
        if (this.active?.jobId === jobId) this.active = undefined;
        this.events.done({
          jobId,
          cancelled: false,
          results: files.map((f) => ({
            file: f.name,
            ok: false,
            summary: null,
            error: { name: 'ImportFailed', message: (e as Error).message, needs: null },
          })),
        });
      })
      .finally(() => {
        if (this.active?.jobId === jobId) this.active = undefined;
      });
    this.active = { jobId, flag, finished };
    return jobId;
  }

  /** Asks the running job to stop; its transaction rolls back. */
  cancel(jobId: string): boolean {
    if (this.active?.jobId !== jobId) return false;
    Atomics.store(this.active.flag, 0, 1);
    this.log.info('import cancel requested', { jobId });
    return true;
  }

  /** Resolves when the running job (if any) has ended. */
  async idle(): Promise<void> {
    await this.active?.finished;
  }
}
