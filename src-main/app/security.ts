/**
 * Electron hardening applied to every window and session: navigation and new windows
 * denied, every permission request denied, the CSP sent as a header, and the check that
 * an IPC call comes from our own top-level frame.
 */
import type { Session, WebContents, WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './csp';

/** The minimal frame facts the sender check reads. */
export type FrameLike = Pick<WebFrameMain, 'url'> & { readonly parent: unknown };

/** True when `frame` is a top-level frame showing our renderer's index.html. */
export function isTrustedFrame(
  frame: FrameLike | null | undefined,
  rendererIndex: string,
): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  const expected = pathToFileURL(rendererIndex);
  return url.protocol === 'file:' && url.pathname === expected.pathname;
}

/** Denies navigation away from the app, new windows, and webview attachment. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  rendererIndex: string,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedFrame({ url, parent: null }, rendererIndex)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission request and check; sends the CSP on every response. */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
    webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
  },
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}
