/**
 * The trading state badge, the kill switch (button and Ctrl/⌘+Shift+K) and re-arming.
 * Halting is one click; re-arming takes a dialog with an explicit confirmation, and main
 * refuses a re-arm request without the confirmation phrase.
 */
import { useCallback, useEffect, useState } from 'react';
import { REARM_CONFIRMATION } from '@shared/contracts/ipc';
import { useWorkstation } from '../state/store';
import type { Api } from '../ipc/api';
import { RearmDialog } from './rearm-dialog';

/** True for the kill-switch shortcut: Ctrl+Shift+K (⌘+Shift+K on macOS). */
export function isKillShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return e.shiftKey && !e.altKey && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
}

export function KillSwitch({ api }: { readonly api: Api }) {
  const trading = useWorkstation((s) => s.trading);
  const setTrading = useWorkstation((s) => s.setTrading);
  const setError = useWorkstation((s) => s.setError);
  const [dialogOpen, setDialogOpen] = useState(false);

  const kill = useCallback(
    (source: 'button' | 'shortcut') => {
      api
        .activateKillSwitch({ source })
        .then(setTrading)
        .catch((e: unknown) => setError(`kill switch: ${(e as Error).message}`));
    },
    [api, setTrading, setError],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isKillShortcut(e)) {
        e.preventDefault();
        kill('shortcut');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [kill]);

  const rearm = (): void => {
    setDialogOpen(false);
    api
      .rearmTrading({ confirmation: REARM_CONFIRMATION })
      .then(setTrading)
      .catch((e: unknown) => setError(`re-arm: ${(e as Error).message}`));
  };

  const state = trading?.state;
  return (
    <div className="trading">
      <span className="label">Trading</span>
      <span
        className={`badge trading-${state?.toLowerCase() ?? 'unknown'}`}
        data-testid="trading-state"
        title={trading ? `${trading.reason} (${trading.source})` : ''}
      >
        {state ?? '—'}
      </span>
      {state === 'HALTED' ? (
        <button type="button" className="rearm" onClick={() => setDialogOpen(true)}>
          Re-arm…
        </button>
      ) : null}
      <button
        type="button"
        className="kill"
        aria-label="Kill switch"
        title="Kill switch: halt all trading (Ctrl+Shift+K)"
        onClick={() => kill('button')}
      >
        KILL
      </button>
      {dialogOpen ? (
        <RearmDialog
          reason={trading?.reason ?? ''}
          onCancel={() => setDialogOpen(false)}
          onConfirm={rearm}
        />
      ) : null}
    </div>
  );
}
