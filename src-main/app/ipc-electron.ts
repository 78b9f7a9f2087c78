/**
 * Binds the IPC router to Electron's ipcMain: one `handle` per contract channel (no
 * catch-all, so an unknown channel has no handler), each call checked for a trusted sender
 * frame before the router parses it. Events go to the window as `event:<name>`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type IpcResult } from '@shared/contracts/ipc';
import { IpcRouter } from '../ipc/router';
import { isTrustedFrame, type FrameLike } from './security';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender'> & {
  readonly senderFrame: FrameLike | null;
};

/** Registers every channel; returns the function that removes them. */
export function bindIpcMain(
  ipcMain: IpcMainLike,
  router: IpcRouter,
  rendererIndex: string,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown): Promise<IpcResult<unknown>> => {
      const e = event as unknown as InvokeEventLike;
      if (!isTrustedFrame(e.senderFrame, rendererIndex)) {
        return Promise.resolve(
          IpcRouter.forbidden(`sender frame ${e.senderFrame?.url ?? '(none)'} is not the app`),
        );
      }
      return router.dispatch(channel, payload, {
        transport: 'electron',
        caller: `webContents#${e.sender.id}`,
      });
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The IPC channel name for a pushed event. */
export function eventChannel(name: string): string {
  return `event:${name}`;
}
