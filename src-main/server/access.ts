/**
 * Who may talk to the headless server. On a loopback host the check is the Host header
 * (against DNS rebinding) and, for WebSockets, the Origin (against cross-site hijacking).
 * On any other host a token is also required on every connection: from `?token=` on the
 * first request (then an HttpOnly SameSite=Strict cookie) or the cookie itself.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'nqh_token';

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export interface AccessPolicy {
  /** Required on every request when set. */
  readonly token: string | undefined;
  /** Host headers accepted (`host:port`), when binding a loopback address. */
  readonly allowedHosts: ReadonlySet<string> | undefined;
}

export type AccessDecision =
  | { readonly ok: true; readonly setCookie: boolean }
  | { readonly ok: false; readonly status: number; readonly reason: string };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Decides whether a request (HTTP or WebSocket upgrade) may proceed. */
export function checkAccess(
  req: IncomingMessage,
  policy: AccessPolicy,
  websocket: boolean,
): AccessDecision {
  const host = req.headers.host ?? '';
  if (policy.allowedHosts && !policy.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 421, reason: `host ${host || '(none)'} not allowed` };
  }
  if (websocket) {
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket; tools (the CLI, tests) may omit it.
    if (origin !== undefined && origin !== `http://${host}`) {
      return { ok: false, status: 403, reason: `origin ${origin} not allowed` };
    }
  }
  if (policy.token === undefined) return { ok: true, setCookie: false };
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && safeEqual(fromQuery, policy.token))
    return { ok: true, setCookie: !websocket };
  const fromCookie = cookieToken(req);
  if (fromCookie !== undefined && safeEqual(fromCookie, policy.token))
    return { ok: true, setCookie: false };
  return { ok: false, status: 401, reason: 'missing or wrong token' };
}
