/**
 * One import job (several files, one after the other) and the messages it sends back. The
 * same function runs inside the import worker thread and, in tests, inline.
 */
import type { ImportDoneEvent, ImportProgressEvent } from '@shared/contracts/events';
import type { FormatId } from './layout';
import { importFile, type ImportSummary } from './importer';
import { ImportNeedsInput } from './infer';
import { MarketStore } from '../store/market-store';

export interface ImportJobSpec {
  readonly jobId: string;
  readonly dbPath: string;
  readonly files: readonly { readonly path: string; readonly name: string }[];
  readonly symbol: 'NQ' | 'MNQ';
  readonly format?: FormatId;
  readonly tz?: string;
  readonly dateOrder?: 'mdy' | 'dmy';
}

export type ImportJobMessage =
  | { readonly type: 'progress'; readonly progress: ImportProgressEvent }
  | { readonly type: 'done'; readonly done: ImportDoneEvent };

/** Runs the job; `cancelled` is polled between chunks of rows (Atomics on a shared flag in the worker). */
export function runImportJob(
  spec: ImportJobSpec,
  post: (m: ImportJobMessage) => void,
  cancelled: () => boolean,
): void {
  const store = new MarketStore(spec.dbPath);
  const results: ImportDoneEvent['results'] = [];
  let wasCancelled = false;
  try {
    spec.files.forEach((f, fileIndex) => {
      if (wasCancelled) return;
      let lastSent = -1;
      try {
        const summary: ImportSummary = importFile(store, f.path, {
          symbol: spec.symbol,
          label: f.name,
          ...(spec.format ? { format: spec.format } : {}),
          ...(spec.tz ? { tz: spec.tz } : {}),
          ...(spec.dateOrder ? { dateOrder: spec.dateOrder } : {}),
          isCancelled: cancelled,
          onProgress: (p) => {
            const fraction = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 1;
            const pct = Math.floor(fraction * 100);
            if (pct === lastSent && fraction < 1) return;
            lastSent = pct;
            post({
              type: 'progress',
              progress: {
                jobId: spec.jobId,
                file: f.name,
                fileIndex,
                fileCount: spec.files.length,
                phase: p.phase,
                fraction,
                rows: p.rows,
              },
            });
          },
        });
        results.push({
          file: f.name,
          ok: true,
          summary: { ...summary, file: f.name },
          error: null,
        });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        if (err.name === 'ImportCancelled') wasCancelled = true;
        results.push({
          file: f.name,
          ok: false,
          summary: null,
          error: {
            name: err.name,
            message: err.message.replace(f.path, f.name),
            needs: e instanceof ImportNeedsInput ? e.input : null,
          },
        });
      }
    });
  } finally {
    store.close();
  }
  post({ type: 'done', done: { jobId: spec.jobId, cancelled: wasCancelled, results } });
}
