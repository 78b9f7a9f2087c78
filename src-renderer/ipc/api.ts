/**
 * Picks the transport at start: the Electron preload's `window.nqh` when present, else the
 * headless WebSocket back to the page's own origin (with the token from the URL, if any).
 */
import type { WindowApi } from '@shared/contracts/ipc';
import { createWsApi, type ConnectionState } from './ws-client';

declare global {
  interface Window {
    readonly nqh?: WindowApi;
  }
}

export interface Api extends WindowApi {
  readonly transport: 'electron' | 'headless';
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function createApi(): Api {
  if (window.nqh) {
    return {
      ...window.nqh,
      transport: 'electron',
      onConnection: (listener) => {
        listener('open');
        return () => undefined;
      },
    };
  }
  const token = new URLSearchParams(window.location.search).get('token');
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return { ...createWsApi(url), transport: 'headless' };
}

export type { ConnectionState };
