/**
 * Headless mode: an HTTP server for the built renderer and a WebSocket (`/ws`) that speaks
 * the IPC contract, so the same UI runs in any browser. Binds 127.0.0.1 unless told
 * otherwise; a non-loopback host requires a token (see access.ts). `POST /api/kill-switch`
 * lets a script or `nqh kill` halt trading; `POST /api/upload` receives files to import.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequestFrameSchema, type WsServerFrame } from '@shared/contracts/ipc';
import { IpcRouter } from '../ipc/router';
import type { Workstation } from '../workstation';
import { TOKEN_COOKIE, checkAccess, isLoopbackHost, type AccessPolicy } from './access';
import { CONTENT_SECURITY_POLICY } from '../app/csp';
import { handleUpload } from './upload';

export interface HeadlessServerOptions {
  readonly host: string;
  readonly port: number;
  readonly rendererDir: string;
  /** Override the generated token (tests); ignored on loopback unless `requireToken`. */
  readonly token?: string;
  readonly requireToken?: boolean;
}

export interface HeadlessServer {
  /** The URL to open, with the token when one is required. */
  readonly url: string;
  readonly port: number;
  readonly token: string | undefined;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

/** Starts the server; resolves once it listens. */
export async function startHeadlessServer(
  ws: Workstation,
  opts: HeadlessServerOptions,
): Promise<HeadlessServer> {
  const log = ws.log.child('headless');
  const loopback = isLoopbackHost(opts.host);
  const token =
    !loopback || opts.requireToken
      ? (opts.token ?? randomBytes(24).toString('base64url'))
      : undefined;
  const router = new IpcRouter(ws.handlers, log);
  const policy: { token: string | undefined; allowedHosts: Set<string> | undefined } = {
    token,
    allowedHosts: undefined,
  };
  const access: AccessPolicy = policy;

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((e: unknown) => {
      log.error('http handler failed', { error: e });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    const decision = checkAccess(req, access, false);
    if (!decision.ok) {
      log.warn('http request refused', { url: req.url, reason: decision.reason });
      res.writeHead(decision.status, { 'Content-Type': 'text/plain' }).end(decision.reason);
      return;
    }
    if (decision.setCookie && token) {
      res.setHeader(
        'Set-Cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (
      req.method === 'POST' &&
      req.headers.origin !== undefined &&
      req.headers.origin !== `http://${req.headers.host}`
    ) {
      // A page on another site may not drive this server (cross-site request forgery).
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('cross-origin request refused');
      return;
    }
    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST' }).end();
        return;
      }
      handleUpload(req, res, url, ws.dataDir, ws.files);
      return;
    }
    if (url.pathname === '/api/kill-switch') {
      if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST' }).end();
        return;
      }
      const status = await ws.tradingState.killSwitch('http', 'kill switch (HTTP)');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(status));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(opts.rendererDir, rel));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const clients = new Set<WebSocket>();
  let nextClient = 1;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const decision =
      url.pathname === '/ws'
        ? checkAccess(req, access, true)
        : ({ ok: false, status: 404, reason: 'not found' } as const);
    if (!decision.ok) {
      log.warn('websocket refused', { reason: decision.reason, remote: req.socket.remoteAddress });
      socket.end(
        `HTTP/1.1 ${decision.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => onConnection(client, `ws#${nextClient++}`));
  });

  function send(client: WebSocket, frame: WsServerFrame): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(frame));
  }

  function onConnection(client: WebSocket, caller: string): void {
    clients.add(client);
    log.info('websocket client connected', { caller });
    client.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        client.close(1007, 'invalid JSON');
        return;
      }
      const parsed = WsRequestFrameSchema.safeParse(frame);
      if (!parsed.success) {
        client.close(1007, 'invalid frame');
        return;
      }
      const { seq, channel, payload } = parsed.data;
      void router.dispatch(channel, payload, { transport: 'headless', caller }).then((result) => {
        send(client, { type: 'response', seq, result });
      });
    });
    client.on('close', () => {
      clients.delete(client);
      log.info('websocket client disconnected', { caller });
    });
  }

  const stopForwarding = ws.onEvent((event, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'event', event, payload } satisfies WsServerFrame);
    for (const c of clients) if (c.readyState === c.OPEN) c.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (loopback) {
    const hostNames = ['127.0.0.1', 'localhost', '[::1]', opts.host.toLowerCase()];
    policy.allowedHosts = new Set(hostNames.map((h) => `${h}:${port}`));
  }
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  log.info('headless server listening', {
    host: opts.host,
    port,
    tokenRequired: token !== undefined,
  });

  return {
    url,
    port,
    token,
    async close() {
      stopForwarding();
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
