/**
 * The Data panel's state (zustand): what the market store holds, the files chosen for
 * import and how each one fared, the import options, quarantine reports and the replay
 * form. Import progress and results arrive as events for a job id; a file's place in the
 * job (`keys`) maps `fileIndex` and `results[i]` back to it, since names may repeat.
 */
import { create } from 'zustand';
import type { DataInfo, IMPORT_FORMATS, Response } from '@shared/contracts/ipc';
import type { ImportDoneEvent, ImportProgressEvent } from '@shared/contracts/events';
import { readSummary, type ImportSummaryView } from './import-summary';
import { toNyInput } from '../format';

export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type QuarantineRow = Response<'getQuarantine'>['rows'][number];
export type ImportFileError = NonNullable<ImportDoneEvent['results'][number]['error']>;

/** Where a chosen file stands, from upload to its import result. */
export type FileStatus =
  | 'uploading'
  | 'upload-failed'
  /** Main holds an id for it; not imported yet (or not reached before a cancel). */
  | 'ready'
  /** Part of the running job, waiting for its turn. */
  | 'queued'
  | 'importing'
  | 'imported'
  | 'failed'
  /** Its import was cancelled: nothing from it was stored. */
  | 'cancelled';

export interface ImportFileEntry {
  /** Local key: a file has no id until its upload finishes. */
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** The id main minted (dialog or upload); valid for retries. */
  readonly id: string | null;
  readonly uploaded: number;
  readonly status: FileStatus;
  readonly progress: Pick<ImportProgressEvent, 'phase' | 'fraction' | 'rows'> | null;
  readonly summary: ImportSummaryView | null;
  readonly error: ImportFileError | null;
}

/** Import options; `auto` / empty lets the importer decide. */
export interface ImportChoices {
  readonly format: ImportFormat | 'auto';
  /** An IANA zone name, or '' for auto. */
  readonly tz: string;
  readonly dateOrder: 'auto' | 'mdy' | 'dmy';
  readonly symbol: 'NQ' | 'MNQ';
}

export interface ImportJob {
  readonly jobId: string;
  /** Entry keys in the order the job imports them. */
  readonly keys: readonly string[];
}

export type QuarantineState =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly rows: readonly QuarantineRow[] }
  | { readonly state: 'failed'; readonly message: string };

export interface DataState {
  readonly panelOpen: boolean;
  readonly info: DataInfo | null;
  readonly files: readonly ImportFileEntry[];
  readonly choices: ImportChoices;
  readonly job: ImportJob | null;
  /**
   * Jobs whose `import.done` has arrived. Main clears its active job only once the worker
   * has exited, a moment after `import.done`, so a store view fetched in between still
   * names it; this tells such a stale `activeJob` from another window's running import.
   */
  readonly finishedJobs: readonly string[];
  /** How the last job ended, for the banner under the file list. */
  readonly lastOutcome: 'done' | 'cancelled' | null;
  readonly quarantine: Readonly<Record<string, QuarantineState>>;
  /** The replay form: a `datetime-local` value in New York time, and the speed. */
  readonly replayFrom: string;
  readonly replaySpeed: number;
  /** The synthetic market's speed before a replay, restored on the way back. */
  readonly syntheticSpeed: number | null;
  setPanelOpen(open: boolean): void;
  setInfo(info: DataInfo): void;
  addFile(entry: Pick<ImportFileEntry, 'name' | 'size'> & Partial<ImportFileEntry>): string;
  patchFile(key: string, patch: Partial<Omit<ImportFileEntry, 'key'>>): void;
  /** Drops every file that is not part of the running job. */
  clearFiles(): void;
  setChoices(patch: Partial<ImportChoices>): void;
  jobStarted(job: ImportJob): void;
  applyProgress(p: ImportProgressEvent): void;
  applyDone(d: ImportDoneEvent): void;
  setQuarantine(sha256: string, q: QuarantineState): void;
  setReplay(patch: Partial<Pick<DataState, 'replayFrom' | 'replaySpeed' | 'syntheticSpeed'>>): void;
}

let nextKey = 0;
// A job's `import.done` can in principle overtake the `startImport` response; it waits here.
let unclaimedDone: ImportDoneEvent | undefined;

function resultPatch(r: ImportDoneEvent['results'][number] | undefined): Partial<ImportFileEntry> {
  if (!r) return { status: 'ready', progress: null };
  if (r.ok) {
    const { summary, problem } = readSummary(r.summary);
    return problem
      ? { status: 'failed', error: { name: 'SummaryUnreadable', message: problem, needs: null } }
      : { status: 'imported', summary, error: null };
  }
  const error = r.error ?? { name: 'ImportFailed', message: 'the import failed', needs: null };
  return error.name === 'ImportCancelled'
    ? { status: 'cancelled', error, progress: null }
    : { status: 'failed', error };
}

/** An import running that is not this panel's job (another window, the CLI), if any. */
export function otherActiveJob(s: DataState): string | null {
  const active = s.info?.activeJob ?? null;
  return s.job || active === null || s.finishedJobs.includes(active) ? null : active;
}

/** The first stored 1-minute bar of `symbol`, where a replay can start. */
export function firstReplayable(info: DataInfo | null, symbol: string): number | null {
  return info?.series.find((s) => s.symbol === symbol && s.timeframe === 1)?.first ?? null;
}

export const useData = create<DataState>()((set, get) => {
  const finish = (d: ImportDoneEvent, job: ImportJob): void => {
    const patches = new Map(job.keys.map((k, i) => [k, resultPatch(d.results[i])]));
    set((s) => ({
      job: null,
      lastOutcome: d.cancelled ? 'cancelled' : 'done',
      // A re-import may have added quarantine rows for a file already shown: load afresh.
      quarantine: {},
      files: s.files.map((f) => {
        const p = patches.get(f.key);
        return p ? { ...f, ...p } : f;
      }),
    }));
  };
  return {
    panelOpen: false,
    info: null,
    files: [],
    choices: { format: 'auto', tz: '', dateOrder: 'auto', symbol: 'NQ' },
    job: null,
    finishedJobs: [],
    lastOutcome: null,
    quarantine: {},
    replayFrom: '',
    replaySpeed: 60,
    syntheticSpeed: null,
    setPanelOpen: (panelOpen) => set({ panelOpen }),
    setInfo: (info) =>
      set((s) => {
        const first = s.replayFrom ? null : firstReplayable(info, 'NQ');
        return first === null ? { info } : { info, replayFrom: toNyInput(first) };
      }),
    addFile: (entry) => {
      const key = `f${++nextKey}`;
      const file: ImportFileEntry = {
        id: null,
        uploaded: 0,
        status: 'uploading',
        progress: null,
        summary: null,
        error: null,
        ...entry,
        key,
      };
      set((s) => ({ files: [...s.files, file] }));
      return key;
    },
    patchFile: (key, patch) =>
      set((s) => ({ files: s.files.map((f) => (f.key === key ? { ...f, ...patch } : f)) })),
    clearFiles: () =>
      set((s) => ({
        files: s.files.filter((f) => s.job?.keys.includes(f.key) || f.status === 'uploading'),
        lastOutcome: null,
      })),
    setChoices: (patch) => set((s) => ({ choices: { ...s.choices, ...patch } })),
    jobStarted: (job) => {
      set((s) => ({
        job,
        lastOutcome: null,
        files: s.files.map((f) =>
          job.keys.includes(f.key)
            ? { ...f, status: 'queued', progress: null, summary: null, error: null }
            : f,
        ),
      }));
      if (unclaimedDone?.jobId === job.jobId) {
        const d = unclaimedDone;
        unclaimedDone = undefined;
        finish(d, job);
      }
    },
    applyProgress: (p) => {
      const key = get().job?.jobId === p.jobId ? get().job?.keys[p.fileIndex] : undefined;
      if (key === undefined) return;
      get().patchFile(key, {
        status: 'importing',
        progress: { phase: p.phase, fraction: p.fraction, rows: p.rows },
      });
    },
    applyDone: (d) => {
      set((s) => ({ finishedJobs: [...s.finishedJobs.slice(-19), d.jobId] }));
      const job = get().job;
      if (job?.jobId === d.jobId) finish(d, job);
      else unclaimedDone = d;
    },
    setQuarantine: (sha256, q) => set((s) => ({ quarantine: { ...s.quarantine, [sha256]: q } })),
    setReplay: (patch) => set(patch),
  };
});
