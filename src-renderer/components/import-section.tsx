/**
 * Importing vendor files: pick them (main's file dialog in Electron, an upload in headless
 * mode), set the options, import with a progress bar per file and a Cancel, then read each
 * file's summary and quarantined rows.
 */
import type { Api } from '../ipc/api';
import { cancelImport, chooseFiles, startImport, uploadFiles } from '../state/data-actions';
import { otherActiveJob, useData } from '../state/data-store';
import { ImportFileRow } from './import-file-row';
import { ImportOptions } from './import-options';
import { ImportResult } from './import-result';

function FilePicker({ api, disabled }: { readonly api: Api; readonly disabled: boolean }) {
  if (api.transport === 'electron')
    return (
      <button type="button" disabled={disabled} onClick={() => void chooseFiles(api)}>
        Choose files…
      </button>
    );
  return (
    <label className={`file-pick${disabled ? ' disabled' : ''}`}>
      Choose files…
      <input
        type="file"
        multiple
        disabled={disabled}
        aria-label="Choose files to import"
        onChange={(e) => {
          const picked = [...(e.target.files ?? [])];
          // Cleared so that choosing the same file again fires another change.
          e.target.value = '';
          void uploadFiles(picked);
        }}
      />
    </label>
  );
}

export function ImportSection({ api }: { readonly api: Api }) {
  const files = useData((s) => s.files);
  const job = useData((s) => s.job);
  const outcome = useData((s) => s.lastOutcome);
  const clearFiles = useData((s) => s.clearFiles);
  const otherJob = useData(otherActiveJob);
  const importable = files.filter(
    (f) => f.id !== null && (f.status === 'ready' || f.status === 'cancelled'),
  );
  const results = files.filter(
    (f) => f.status === 'imported' || f.status === 'failed' || f.status === 'cancelled',
  );
  const keptBeforeCancel = files.some((f) => f.status === 'imported');
  const position = job
    ? files.filter((f) => job.keys.includes(f.key) && f.status !== 'queued').length
    : 0;

  return (
    <section className="data-section" aria-labelledby="import-title">
      <div className="section-head">
        <h3 id="import-title">Import</h3>
        <FilePicker api={api} disabled={job !== null} />
      </div>
      <ImportOptions disabled={job !== null} />
      {files.length > 0 ? (
        <ul className="file-list" aria-label="Files to import">
          {files.map((f) => (
            <ImportFileRow key={f.key} file={f} />
          ))}
        </ul>
      ) : (
        <p className="muted">
          No files chosen. FirstRate, NinjaTrader, TradingView, TradeStation, Databento or generic
          CSV; the layout, time zone and date order are detected.
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={job !== null || otherJob !== null || importable.length === 0}
          onClick={() =>
            void startImport(
              api,
              importable.map((f) => f.key),
            )
          }
        >
          Import
        </button>
        {job ? (
          <>
            <button type="button" onClick={() => void cancelImport(api)}>
              Cancel import
            </button>
            <span className="muted" role="status">
              Importing file {Math.max(1, position)} of {job.keys.length}…
            </span>
          </>
        ) : (
          <button type="button" disabled={files.length === 0} onClick={clearFiles}>
            Clear list
          </button>
        )}
        {otherJob ? <span className="muted">Another import is running.</span> : null}
      </div>
      {outcome === 'cancelled' ? (
        <p className="notice warn" role="status">
          Import cancelled: nothing from the cancelled file was stored
          {keptBeforeCancel ? ' (files that finished before the cancel are kept)' : ''}.
        </p>
      ) : null}
      {results.map((f) => (
        <ImportResult key={f.key} api={api} file={f} />
      ))}
    </section>
  );
}
