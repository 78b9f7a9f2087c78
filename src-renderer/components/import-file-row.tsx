/** One chosen file: its upload progress, then its import progress (phase, percent, rows). */
import type { FileStatus, ImportFileEntry } from '../state/data-store';
import { bytes, count } from '../format';

const STATUS_TEXT: Readonly<Record<FileStatus, string>> = {
  uploading: 'uploading',
  'upload-failed': 'upload failed',
  ready: 'ready',
  queued: 'queued',
  importing: 'importing',
  imported: 'imported',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function ImportFileRow({ file }: { readonly file: ImportFileEntry }) {
  const pct = file.progress ? Math.round(file.progress.fraction * 100) : 0;
  return (
    <li className="file-row" data-status={file.status}>
      <div className="file-line">
        <span className="file-name" title={file.name}>
          {file.name}
        </span>
        <span className="muted">{bytes(file.size)}</span>
        <span className={`status status-${file.status}`} data-testid="file-status">
          {STATUS_TEXT[file.status]}
        </span>
      </div>
      {file.status === 'uploading' ? (
        <div className="progress-line">
          <progress
            aria-label={`Upload of ${file.name}`}
            max={Math.max(1, file.size)}
            value={file.uploaded}
          />
          <span className="mono muted">
            {Math.round((file.uploaded / Math.max(1, file.size)) * 100)}%
          </span>
        </div>
      ) : null}
      {file.progress ? (
        <div className="progress-line">
          <progress aria-label={`Import of ${file.name}`} max={100} value={pct} />
          <span className="mono muted" data-testid="import-progress">
            {file.progress.phase} {pct}% · {count(file.progress.rows)} rows
          </span>
        </div>
      ) : null}
      {file.status === 'upload-failed' && file.error ? (
        <p className="file-error">{file.error.message}</p>
      ) : null}
    </li>
  );
}
