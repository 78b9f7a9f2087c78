/** The Data drawer beside the chart: stored data, imports, and replay. */
import { useEffect } from 'react';
import type { Api } from '../ipc/api';
import { refreshInfo } from '../state/data-actions';
import { useData } from '../state/data-store';
import { ImportSection } from './import-section';
import { ReplayControls } from './replay-controls';
import { StoredData } from './stored-data';

/** The id the toolbar's Data button controls. */
export const DATA_PANEL_ID = 'data-panel';

export function DataPanel({ api }: { readonly api: Api }) {
  const setPanelOpen = useData((s) => s.setPanelOpen);
  // Fresh on every opening: another window or the CLI may have imported meanwhile.
  useEffect(() => {
    void refreshInfo(api);
  }, [api]);
  return (
    <aside id={DATA_PANEL_ID} className="data-panel" aria-label="Data">
      <div className="panel-head">
        <h2>Data</h2>
        <button type="button" aria-label="Close data panel" onClick={() => setPanelOpen(false)}>
          ×
        </button>
      </div>
      <StoredData api={api} />
      <ImportSection api={api} />
      <ReplayControls api={api} />
    </aside>
  );
}
