/**
 * The sandboxed preload: exposes one named function per contract channel and an event
 * subscription, never `ipcRenderer` itself. Responses arrive as `IpcResult` and are turned
 * back into a value or a thrown Error here, so the renderer sees plain async functions.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only imports of the contracts: the runtime lists come from the zod-free channels.ts.
import type { Channel, IpcResult, WindowApi } from '@shared/contracts/ipc';
import type { EventName, EventPayload } from '@shared/contracts/events';
import {
  CHANNEL_NAMES as CHANNELS,
  EVENT_NAME_LIST as EVENT_NAMES,
} from '@shared/contracts/channels';

function call(channel: Channel) {
  return async (request: unknown): Promise<never> => {
    const result = (await ipcRenderer.invoke(channel, request)) as IpcResult<never>;
    if (result.ok) return result.value;
    const error = new Error(result.error.message);
    error.name = result.error.name;
    throw error;
  };
}

const calls = Object.fromEntries(CHANNELS.map((c) => [c, call(c)])) as unknown as Omit<
  WindowApi,
  'onEvent'
>;

const api = {
  ...calls,
  onEvent: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event))
      throw new Error(`unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void =>
      listener(payload as EventPayload<E>);
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => {
      ipcRenderer.removeListener(`event:${event}`, wrapped);
    };
  },
} satisfies WindowApi;

contextBridge.exposeInMainWorld('nqh', api);
