/**
 * How one file's import ended: the importer's summary and its quarantined rows; or the
 * error, with a way to supply what the importer could not decide (time zone, date order,
 * format) and retry that file under the same id; or the cancel, which stored nothing.
 */
import { useState } from 'react';
import type { Api } from '../ipc/api';
import { startImport } from '../state/data-actions';
import { useData, type ImportChoices, type ImportFileEntry } from '../state/data-store';
import type { ImportSummaryView } from '../state/import-summary';
import { count, nyDateTime, timeframeLabel } from '../format';
import { DATE_ORDER_LABEL, FORMAT_LABEL } from './import-options';
import { QuarantineTable } from './quarantine-table';
import { TimeZoneInput, isZoneName } from './time-zone-input';

const ZONE_SOURCE: Readonly<Record<string, string>> = {
  flag: 'as chosen',
  'vendor-default': "vendor's default",
  inferred: 'inferred from the session hours',
  file: 'stated in the file',
};
const ORDER_SOURCE: Readonly<Record<string, string>> = {
  flag: 'as chosen',
  detected: 'detected',
  unambiguous: 'unambiguous',
};

const barTime = (iso: string | null): string =>
  iso === null ? '—' : `${nyDateTime(Date.parse(iso))} ET`;

function SummaryTable({ s }: { readonly s: ImportSummaryView }) {
  const reasons = Object.entries(s.quarantineByReason);
  const rows: [string, string][] = [
    ['Format', s.format],
    ['Time zone', `${s.timeZone} (${ZONE_SOURCE[s.zoneSource] ?? s.zoneSource})`],
    ['Date order', `${s.dateOrder} (${ORDER_SOURCE[s.dateOrderSource] ?? s.dateOrderSource})`],
    ['Timeframe', `${timeframeLabel(s.timeframe)}${s.volumeAbsent ? ' · no volume' : ''}`],
    ['Rows read', count(s.rowsRead)],
    ['Imported', count(s.imported)],
    ['Duplicates', count(s.duplicates)],
    [
      'Quarantined',
      reasons.length === 0
        ? count(s.quarantined)
        : `${count(s.quarantined)} (${reasons.map(([r, n]) => `${r} ${n}`).join(', ')})`,
    ],
    ['First bar', barTime(s.firstBarUtc)],
    ['Last bar', barTime(s.lastBarUtc)],
    ['Rolls detected', count(s.rollsDetected)],
    ['Took', `${s.seconds.toFixed(1)} s`],
  ];
  return (
    <table className="kv" aria-label={`Import summary of ${s.file}`}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td data-field={k}>{v}</td>
          </tr>
        ))}
        {s.zoneNote ? (
          <tr>
            <th scope="row">Zone note</th>
            <td className="muted">{s.zoneNote}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Retry({ api, file }: { readonly api: Api; readonly file: ImportFileEntry }) {
  const choices = useData((s) => s.choices);
  const busy = useData((s) => s.job !== null);
  const [fix, setFix] = useState<Partial<ImportChoices>>({});
  const needs = file.error?.needs ?? null;
  const tz = fix.tz ?? choices.tz;
  const missing =
    (needs === 'tz' && (!tz.trim() || !isZoneName(tz))) ||
    (needs === 'date-order' && (fix.dateOrder ?? 'auto') === 'auto') ||
    (needs === 'format' && (fix.format ?? 'auto') === 'auto');
  return (
    <div className="retry">
      {needs === 'tz' ? (
        <TimeZoneInput
          label={`Time zone of ${file.name}`}
          value={tz}
          placeholder="e.g. America/New_York"
          onChange={(v) => setFix({ ...fix, tz: v })}
        />
      ) : null}
      {needs === 'date-order' ? (
        <label className="field">
          <span className="label">Date order of {file.name}</span>
          <select
            value={fix.dateOrder ?? 'auto'}
            onChange={(e) => setFix({ ...fix, dateOrder: e.target.value as 'mdy' | 'dmy' })}
          >
            <option value="auto" disabled>
              choose…
            </option>
            <option value="mdy">{DATE_ORDER_LABEL.mdy}</option>
            <option value="dmy">{DATE_ORDER_LABEL.dmy}</option>
          </select>
        </label>
      ) : null}
      {needs === 'format' ? (
        <label className="field">
          <span className="label">Format of {file.name}</span>
          <select
            value={fix.format ?? 'auto'}
            onChange={(e) => setFix({ ...fix, format: e.target.value as ImportChoices['format'] })}
          >
            <option value="auto" disabled>
              choose…
            </option>
            {Object.entries(FORMAT_LABEL).map(([f, label]) => (
              <option key={f} value={f}>
                {label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button
        type="button"
        disabled={busy || missing || file.id === null}
        onClick={() => void startImport(api, [file.key], { ...fix, tz })}
      >
        Retry {file.name}
      </button>
    </div>
  );
}

export function ImportResult({ api, file }: { readonly api: Api; readonly file: ImportFileEntry }) {
  const s = file.summary;
  return (
    <article className="result" aria-label={`Result for ${file.name}`}>
      <h4>
        {file.name} <span className={`status status-${file.status}`}>{file.status}</span>
      </h4>
      {file.status === 'imported' && s ? (
        <>
          <SummaryTable s={s} />
          {s.quarantined > 0 ? (
            <QuarantineTable api={api} sha256={s.sha256} name={file.name} total={s.quarantined} />
          ) : null}
        </>
      ) : null}
      {file.status === 'cancelled' ? (
        <p className="notice warn">Cancelled: nothing from this file was stored.</p>
      ) : null}
      {file.status === 'failed' && file.error ? (
        <>
          <p className="file-error" role="alert">
            {file.error.message}
          </p>
          <Retry api={api} file={file} />
        </>
      ) : null}
    </article>
  );
}
