/** The quarantined rows of one imported file (line, reason, raw text), loaded by content hash. */
import { useEffect } from 'react';
import type { Api } from '../ipc/api';
import { loadQuarantine } from '../state/data-actions';
import { useData } from '../state/data-store';
import { count } from '../format';

export interface QuarantineTableProps {
  readonly api: Api;
  readonly sha256: string;
  readonly name: string;
  /** How many rows the import quarantined (the table may show fewer). */
  readonly total: number;
}

export function QuarantineTable({ api, sha256, name, total }: QuarantineTableProps) {
  const q = useData((s) => s.quarantine[sha256]);
  useEffect(() => loadQuarantine(api, sha256), [api, sha256, q]);
  if (!q || q.state === 'loading') return <p className="muted">Loading quarantined rows…</p>;
  if (q.state === 'failed')
    return <p className="file-error">Quarantined rows could not be loaded: {q.message}</p>;
  return (
    <div className="table-scroll">
      <table className="grid quarantine" aria-label={`Quarantined rows of ${name}`}>
        <thead>
          <tr>
            <th className="num">Line</th>
            <th>Reason</th>
            <th>Raw</th>
          </tr>
        </thead>
        <tbody>
          {q.rows.map((r) => (
            <tr key={r.line}>
              <td className="num mono">{r.line}</td>
              <td>
                <span className="reason">{r.reason}</span>
                {r.detail ? <div className="muted detail">{r.detail}</div> : null}
              </td>
              <td className="mono raw">{r.raw}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.rows.length < total ? (
        <p className="muted">
          Showing the first {count(q.rows.length)} of {count(total)} quarantined rows.
        </p>
      ) : null}
    </div>
  );
}
