/**
 * The header: New York market clock, session state with a countdown to its next change,
 * feed status, trading state, and the kill switch (always visible).
 */
import { useEffect, useState } from 'react';
import { sessionStatus } from '@shared/calendar/session';
import { marketNow, useWorkstation } from '../state/store';
import { countdown, nyClock, price } from '../format';
import { KillSwitch } from './kill-switch';
import type { Api } from '../ipc/api';

const SESSION_LABEL = {
  ASIA: 'Asia',
  ETH: 'ETH',
  RTH: 'RTH',
  HALT: 'Daily halt',
  CLOSED: 'Closed',
} as const;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const h = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(h);
  }, [intervalMs]);
  return now;
}

export function Header({ api }: { readonly api: Api }) {
  const perfNow = useNow(250);
  const clock = useWorkstation((s) => s.clock);
  const feed = useWorkstation((s) => s.feed);
  const connection = useWorkstation((s) => s.connection);
  const lastBar = useWorkstation((s) => s.lastBar);
  const t = marketNow(clock, perfNow);
  const session = t === null ? null : sessionStatus(Math.floor(t));

  return (
    <header className="header">
      <div className="brand">NQ Hybrid</div>
      <div className="cell" aria-label="New York clock">
        <span className="label">New York</span>
        <span className="value mono" data-testid="ny-clock">
          {t === null ? '—' : nyClock(t)}
        </span>
        {feed?.source === 'replay' ? (
          <span className="tag tag-replay" data-testid="replay-tag">
            REPLAY ×{clock?.speed ?? '—'}
          </span>
        ) : clock?.simulated ? (
          <span className="tag">SIM ×{clock.speed}</span>
        ) : null}
        {clock?.paused ? (
          <span className="tag tag-paused" data-testid="paused-tag">
            PAUSED
          </span>
        ) : null}
      </div>
      <div className="cell" aria-label="Session">
        <span className="label">Session</span>
        <span
          className={`badge session-${session?.state.toLowerCase() ?? 'none'}`}
          data-testid="session-state"
        >
          {session ? SESSION_LABEL[session.state] : '—'}
        </span>
        {session && t !== null ? (
          <span className="muted mono" data-testid="session-countdown">
            {SESSION_LABEL[session.nextState]} in {countdown(session.nextChange - t)}
          </span>
        ) : null}
      </div>
      <div className="cell" aria-label="Feed">
        <span className="label">Feed</span>
        <span
          className={`badge feed-${connection === 'open' ? (feed?.state ?? 'connecting') : connection}`}
          data-testid="feed-state"
        >
          {connection !== 'open' ? `server ${connection}` : (feed?.state ?? 'connecting')}
        </span>
        <span className="muted" data-testid="feed-source" title={feed?.detail ?? ''}>
          {feed ? `${feed.source} ${feed.symbol}` : ''}
        </span>
      </div>
      <div className="cell" aria-label="Last price">
        <span className="label">Last</span>
        <span className="value mono" data-testid="last-price">
          {lastBar ? price(lastBar.close) : '—'}
        </span>
      </div>
      <div className="spacer" />
      <KillSwitch api={api} />
    </header>
  );
}
