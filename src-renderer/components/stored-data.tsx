/** What the market store holds: series with bar counts and spans, rolls, recent imports. */
import type { Api } from '../ipc/api';
import { refreshInfo } from '../state/data-actions';
import { useData } from '../state/data-store';
import { count, nyDateTime, timeframeLabel } from '../format';

export function StoredData({ api }: { readonly api: Api }) {
  const info = useData((s) => s.info);
  return (
    <section className="data-section" aria-labelledby="stored-title">
      <div className="section-head">
        <h3 id="stored-title">Stored data</h3>
        <button type="button" onClick={() => void refreshInfo(api)}>
          Refresh
        </button>
      </div>
      {!info ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted" data-testid="store-counts">
            {count(info.bars)} bars · {count(info.imports)} imports · {count(info.quarantined)}{' '}
            quarantined rows
          </p>
          {info.series.length === 0 ? (
            <p className="muted">Nothing imported yet: the chart shows the synthetic market.</p>
          ) : (
            <table className="grid" aria-label="Stored series">
              <thead>
                <tr>
                  <th>Symbol</th>
                  <th>TF</th>
                  <th className="num">Bars</th>
                  <th>First (ET)</th>
                  <th>Last (ET)</th>
                </tr>
              </thead>
              <tbody>
                {info.series.map((s) => (
                  <tr key={`${s.symbol}-${s.timeframe}`}>
                    <td>{s.symbol}</td>
                    <td title={s.volumeAbsent ? 'no volume in the source' : undefined}>
                      {timeframeLabel(s.timeframe)}
                      {s.volumeAbsent ? '*' : ''}
                    </td>
                    <td className="num mono">{count(s.bars)}</td>
                    <td className="mono">{nyDateTime(s.first)}</td>
                    <td className="mono">{nyDateTime(s.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {info.rolls.length > 0 ? (
            <table className="grid" aria-label="Contract rolls">
              <thead>
                <tr>
                  <th>Roll (ET)</th>
                  <th>Contracts</th>
                  <th className="num">Gap</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {info.rolls.map((r) => (
                  <tr key={`${r.symbol}-${r.timeframe}-${r.time}`}>
                    <td className="mono">
                      {r.symbol} {nyDateTime(r.time)}
                    </td>
                    <td>
                      {r.fromContract ?? '?'} → {r.toContract ?? '?'}
                    </td>
                    <td className="num mono">{r.gap.toFixed(2)}</td>
                    <td className="muted">{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {info.recentImports.length > 0 ? (
            <table className="grid" aria-label="Recent imports">
              <thead>
                <tr>
                  <th>File</th>
                  <th className="num">Imported</th>
                  <th className="num">Quarantined</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {info.recentImports.map((r) => (
                  <tr key={r.id}>
                    <td className="file-name" title={r.file}>
                      {r.file}
                    </td>
                    <td className="num mono">{count(r.imported)}</td>
                    <td className="num mono">{count(r.quarantined)}</td>
                    <td className="mono">
                      {r.finishedAt === null ? 'unfinished' : nyDateTime(r.finishedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
