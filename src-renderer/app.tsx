/** The main window: header, chart toolbar, chart, status line. */
import { useEffect } from 'react';
import type { Api } from './ipc/api';
import { useWorkstation } from './state/store';
import { Header } from './components/header';
import { PriceChart } from './components/price-chart';
import { TimeframeSwitch } from './components/timeframe-switch';

export function App({ api }: { readonly api: Api }) {
  const error = useWorkstation((s) => s.error);
  const timeframe = useWorkstation((s) => s.timeframe);
  const feed = useWorkstation((s) => s.feed);

  useEffect(() => {
    const s = useWorkstation.getState();
    const disposers = [
      api.onEvent('trading.status', s.setTrading),
      api.onEvent('market.feed', s.setFeed),
      api.onEvent('clock', s.setClock),
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
          .then((settings) => s.setTimeframe(settings.ui.timeframe))
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
            : (feed?.source ?? '')}
        </span>
        <span className="spacer" />
        <span className="muted attribution">
          Charts by TradingView Lightweight Charts™ (tradingview.com)
        </span>
      </div>
      <main className="main">
        <PriceChart api={api} />
      </main>
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
