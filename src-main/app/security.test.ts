import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS } from '@shared/contracts/ipc';
import { MemorySink, createLogger } from '../engine/logger';
import { IpcRouter } from '../ipc/router';
import { fixedHandlers } from '../ipc/test-handlers';
import { CONTENT_SECURITY_POLICY } from './csp';
import { bindIpcMain, type IpcMainLike } from './ipc-electron';
import { hardenSession, hardenWebContents, isTrustedFrame } from './security';
import { mainWindowOptions } from './window-options';

const INDEX = '/opt/nqh/resources/app.asar/dist/renderer/index.html';
const APP_URL = pathToFileURL(INDEX).href;

describe('main window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const o = mainWindowOptions('/opt/nqh/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/opt/nqh/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app, with no eval, plugins or framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('renderer index.html', () => {
  it('carries the same CSP in its meta tag (frame-ancestors only works as a header)', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
  });
});

describe('sender frame check', () => {
  it('trusts only the top-level frame showing the app', () => {
    expect(isTrustedFrame({ url: APP_URL, parent: null }, INDEX)).toBe(true);
    expect(isTrustedFrame({ url: `${APP_URL}#x`, parent: null }, INDEX)).toBe(true);
    expect(isTrustedFrame({ url: APP_URL, parent: {} }, INDEX)).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, INDEX)).toBe(false);
    expect(isTrustedFrame({ url: 'file:///tmp/evil.html', parent: null }, INDEX)).toBe(false);
    expect(isTrustedFrame({ url: 'not a url', parent: null }, INDEX)).toBe(false);
    expect(isTrustedFrame(null, INDEX)).toBe(false);
  });
});

type Invoke = (event: unknown, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Invoke>();
  const ipc: IpcMainLike = {
    handle: ((channel: string, fn: Invoke) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }) as IpcMainLike['handle'],
    removeHandler: (channel: string) => {
      handlers.delete(channel);
    },
  };
  return { ipc, handlers };
}

describe('Electron IPC binding', () => {
  const setup = () => {
    const { handlers: h, calls } = fixedHandlers();
    const router = new IpcRouter(h, createLogger({ sinks: [new MemorySink()] }));
    const { ipc, handlers } = fakeIpcMain();
    const unbind = bindIpcMain(ipc, router, INDEX);
    return { handlers, calls, unbind };
  };
  const event = (url: string, parent: unknown = null) => ({
    sender: { id: 1 },
    senderFrame: { url, parent },
  });

  it('registers exactly the contract channels, so an unknown channel has no handler', () => {
    const { handlers, unbind } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(handlers.has('deleteEverything')).toBe(false);
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('serves a call from the app frame', async () => {
    const { handlers, calls } = setup();
    const res = await handlers.get('activateKillSwitch')?.(event(APP_URL), { source: 'button' });
    expect(res).toMatchObject({ ok: true, value: { state: 'HALTED' } });
    expect(calls).toEqual(['kill:button']);
  });

  it('rejects a call from a foreign frame or a subframe without running it', async () => {
    const { handlers, calls } = setup();
    const kill = handlers.get('activateKillSwitch');
    for (const e of [
      event('https://evil.example/'),
      event(APP_URL, { url: APP_URL }),
      { sender: { id: 1 }, senderFrame: null },
    ]) {
      expect(await kill?.(e, { source: 'button' })).toMatchObject({
        ok: false,
        error: { name: 'ForbiddenSender' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('rejects an invalid payload from the app frame', async () => {
    const { handlers } = setup();
    const res = await handlers.get('getHistory')?.(event(APP_URL), { timeframe: 'forever' });
    expect(res).toMatchObject({ ok: false, error: { name: 'InvalidPayload' } });
  });
});

describe('web contents and session hardening', () => {
  it('denies navigation away from the app, redirects, webviews and new windows', () => {
    const listeners = new Map<
      string,
      (e: { preventDefault(): void; defaultPrevented?: boolean }, url?: string) => void
    >();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: never) => {
        listeners.set(name, fn);
        return contents;
      },
      setWindowOpenHandler: (fn: never) => {
        openHandler = fn;
      },
    };
    hardenWebContents(contents as never, INDEX);
    const navigate = (url: string): boolean => {
      let prevented = false;
      listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(APP_URL)).toBe(false);
    for (const name of ['will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    }
    expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and sends the CSP header', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers:
      | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void)
      | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: never) => (request = fn),
      setPermissionCheckHandler: (fn: never) => (check = fn),
      webRequest: { onHeadersReceived: (fn: never) => (headers = fn) },
    } as never);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined;
      request?.({}, p, (ok) => (granted = ok));
      expect(granted).toBe(false);
    }
    expect(check?.()).toBe(false);
    let out: unknown;
    headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (out = r));
    expect(out).toEqual({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
