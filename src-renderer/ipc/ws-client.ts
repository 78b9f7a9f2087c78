/**
 * The headless transport: the IPC contract over a WebSocket to the server that served this
 * page. Requests carry a sequence number; responses resolve the matching promise. On a
 * dropped connection pending calls fail and the client reconnects with backoff; listeners
 * of `onConnection` reload their state when it is back.
 */
import {
  CHANNELS,
  type Channel,
  type IpcResult,
  type WindowApi,
  type WsServerFrame,
} from '@shared/contracts/ipc';
import { eventContract, type EventName } from '@shared/contracts/events';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsApi extends WindowApi {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function createWsApi(url: string): WsApi {
  let socket: WebSocket | undefined;
  let seq = 0;
  let delay = 250;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let ready: Promise<WebSocket>;

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of [...connectionListeners]) l(s);
  };

  function connect(): Promise<WebSocket> {
    setState('connecting');
    return new Promise((resolve) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        delay = 250;
        setState('open');
        resolve(ws);
      };
      ws.onmessage = (msg) => {
        const frame = JSON.parse(String(msg.data)) as WsServerFrame;
        if (frame.type === 'response') {
          const p = pending.get(frame.seq);
          if (!p) return;
          pending.delete(frame.seq);
          const result = frame.result as IpcResult<unknown>;
          if (result.ok) p.resolve(result.value);
          else
            p.reject(Object.assign(new Error(result.error.message), { name: result.error.name }));
        } else {
          const schema = eventContract[frame.event];
          const parsed = schema?.safeParse(frame.payload);
          if (!parsed?.success) return;
          for (const l of [...(listeners.get(frame.event) ?? [])]) l(parsed.data);
        }
      };
      ws.onclose = () => {
        for (const p of pending.values()) p.reject(new Error('connection to the workstation lost'));
        pending.clear();
        setState('closed');
        setTimeout(() => {
          ready = connect();
        }, delay);
        delay = Math.min(delay * 2, 5000);
      };
    });
  }
  ready = connect();

  const call =
    (channel: Channel) =>
    async (request: unknown): Promise<never> => {
      const ws = socket?.readyState === WebSocket.OPEN ? socket : await ready;
      const id = ++seq;
      return new Promise<never>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ seq: id, channel, payload: request ?? {} }));
      });
    };

  const calls = Object.fromEntries(CHANNELS.map((c) => [c, call(c)])) as unknown as Omit<
    WindowApi,
    'onEvent'
  >;
  return {
    ...calls,
    onEvent(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
