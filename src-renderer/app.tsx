/** The main window: header, chart toolbar, chart with the Data drawer beside it, error toast. */
import { useEffect, useState } from 'react';
import type { Api } from './ipc/api';
import { useWorkstation } from './state/store';
import { Header } from './components/header';
import { PriceChart } from './components/price-chart';
import { TimeframeSwitch } from './components/timeframe-switch';
import { DATA_PANEL_ID, DataPanel } from './components/data-panel';
import { useData } from './state/data-store';
import { subscribeDataEvents } from './state/data-events';
import { MODEL_PANEL_ID, ModelDrawer, refreshModels } from './components/model-drawer';
import { useModel } from './state/model-store';

export function App({ api }: { readonly api: Api }) {
  const error = useWorkstation((s) => s.error);
  const timeframe = useWorkstation((s) => s.timeframe);
  const feed = useWorkstation((s) => s.feed);
  const panelOpen = useData((s) => s.panelOpen);
  const setPanelOpen = useData((s) => s.setPanelOpen);
  const [modelOpen, setModelOpen] = useState(false);

  useEffect(() => {
    const s = useWorkstation.getState();
    const disposers = [
      api.onEvent('trading.status', s.setTrading),
      api.onEvent('market.feed', s.setFeed),
      api.onEvent('clock', s.setClock),
      subscribeDataEvents(api),
      api.onEvent('model.predictions', (p) => useModel.getState().addPredictions(p.predictions)),
      api.onEvent('model.training', (p) => {
        useModel.getState().applyProgress(p);
        // A finished run adds a model to the registry.
        if (p.state !== 'running') {
          refreshModels(api).catch((e: unknown) => s.setError(`models: ${(e as Error).message}`));
        }
      }),
      api.onEvent('market.reset', () => useModel.getState().clearPredictions()),
      api.onConnection((c) => {
        s.setConnection(c);
        if (c !== 'open') return;
        api
          .getSystemInfo({})
          .then((info) => {
            s.setFeed(info.feed);
            s.setClock(info.clock);
          })
          .catch((e: unknown) => s.setError(`system info: ${(e as Error).message}`));
        api
          .getTradingStatus({})
          .then(s.setTrading)
          .catch((e: unknown) => s.setError(`trading status: ${(e as Error).message}`));
        api
          .getSettings({})
          .then((settings) => {
            s.setTimeframe(settings.ui.timeframe);
            s.setOverlays(settings.ui.overlays);
          })
          .catch((e: unknown) => s.setError(`settings: ${(e as Error).message}`));
      }),
    ];
    return () => disposers.forEach((d) => d());
  }, [api]);

  return (
    <div className="app">
      <Header api={api} />
      <div className="toolbar">
        <span className="symbol">{feed?.symbol ?? 'NQ'}</span>
        <TimeframeSwitch api={api} />
        <span className="muted">
          {timeframe} · times in New York ·{' '}
          {feed?.source === 'synthetic'
            ? 'synthetic market (embedded default)'
            : feed?.source === 'replay'
              ? 'replay of stored bars'
              : (feed?.source ?? '')}
        </span>
        <span className="spacer" />
        <button
          type="button"
          aria-expanded={panelOpen}
          aria-controls={DATA_PANEL_ID}
          onClick={() => setPanelOpen(!panelOpen)}
        >
          Data
        </button>
        <button
          type="button"
          aria-expanded={modelOpen}
          aria-controls={MODEL_PANEL_ID}
          data-testid="model-toggle"
          onClick={() => setModelOpen(!modelOpen)}
        >
          Model
        </button>
        <span className="muted attribution">
          Charts by TradingView Lightweight Charts™ (tradingview.com)
        </span>
      </div>
      <div className="workspace">
        <main className="main">
          <PriceChart api={api} />
        </main>
        {panelOpen ? <DataPanel api={api} /> : null}
        {modelOpen ? <ModelDrawer api={api} onClose={() => setModelOpen(false)} /> : null}
      </div>
      {error ? (
        <div className="error" role="alert">
          {error}
          <button type="button" onClick={() => useWorkstation.getState().setError(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
