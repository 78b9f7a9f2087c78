/**
 * The Electron main process: a thin shell over the workstation. It opens the hardened
 * window, binds IPC, forwards events, and registers the kill switch as a menu accelerator
 * handled in main, so it works even when the renderer is busy or hung.
 */
import {
  app,
  BrowserWindow,
  Menu,
  ipcMain,
  session,
  dialog,
  type OpenDialogOptions,
} from 'electron';
import { join } from 'node:path';
import { createWorkstation, type Workstation } from '../workstation';
import { IpcRouter } from '../ipc/router';
import { ElectronStoreSettingsBackend, type ElectronStoreLike } from '../settings/settings-store';
import { bindIpcMain, eventChannel } from './ipc-electron';
import { hardenSession, hardenWebContents } from './security';
import { mainWindowOptions } from './window-options';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const preloadPath = join(__dirname, 'preload.cjs');

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, rendererIndex));

  // electron-store is ESM-only; a dynamic import keeps this bundle CommonJS.
  const { default: Store } = await import('electron-store');
  const store = new Store({ name: 'settings' }) as unknown as ElectronStoreLike;
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  const ws: Workstation = createWorkstation({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    settingsBackend: new ElectronStoreSettingsBackend(store),
    // The dialog runs in main: the renderer only ever sees ids of the files chosen here.
    chooseFiles: async () => {
      const options: OpenDialogOptions = {
        title: 'Import NQ bar files',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Bar files', extensions: ['csv', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const r = await dialog.showOpenDialog(win, options);
      return r.canceled ? [] : r.filePaths;
    },
  });
  const router = new IpcRouter(ws.handlers, ws.log.child('ipc'));
  const unbind = bindIpcMain(ipcMain, router, rendererIndex);

  const stopEvents = ws.onEvent((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      {
        label: 'Trading',
        submenu: [
          {
            label: 'Kill switch',
            accelerator: ws.settings.get().ui.killSwitchShortcut,
            click: () => void ws.tradingState.killSwitch('shortcut'),
          },
        ],
      },
      { role: 'viewMenu' },
    ]),
  );
  win.once('ready-to-show', () => win.show());
  await ws.start();
  await win.loadFile(rendererIndex);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    stopEvents();
    unbind();
    void ws.dispose();
  });
}

main().catch((e: unknown) => {
  dialog.showErrorBox(
    'NQ Hybrid Workstation failed to start',
    e instanceof Error ? (e.stack ?? e.message) : String(e),
  );
  app.exit(1);
});
