import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { JsonFileSettingsBackend } from '../settings/settings-store';
import { createWorkstation, type Workstation } from '../workstation';
import { startHeadlessServer, type HeadlessServer } from './headless-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function boot(host: string): Promise<{ server: HeadlessServer; ws: Workstation }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nqh-srv-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'nqh-ui-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>nqh</title>');
  const ws = createWorkstation({
    dataDir,
    mode: 'headless',
    settingsBackend: new JsonFileSettingsBackend(join(dataDir, 'settings.json')),
    seed: 1,
    speed: 60,
    start: Date.UTC(2024, 2, 5, 15, 0),
  });
  await ws.start();
  const server = await startHeadlessServer(ws, { host, port: 0, rendererDir });
  cleanups.push(async () => {
    await server.close();
    await ws.dispose();
  });
  return { server, ws };
}

function http(
  port: number,
  path: string,
  opts: { method?: string; host?: string; cookie?: string } = {},
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: {
          ...(opts.host ? { host: opts.host } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with it once open, rejects with the HTTP status if refused. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const sock = new WebSocket(url, { headers });
    sock.once('open', () => resolve(sock));
    sock.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    sock.once('error', reject);
  });
}

function call(sock: WebSocket, channel: string, payload: unknown, seq = 1): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(data.toString()) as { type: string; seq?: number; result?: unknown };
      if (frame.type === 'response' && frame.seq === seq) {
        sock.off('message', onMessage);
        resolve(frame.result);
      }
    };
    sock.on('message', onMessage);
    sock.send(JSON.stringify({ seq, channel, payload }));
  });
}

describe('headless server on loopback', () => {
  it('serves the renderer with security headers and no token', async () => {
    const { server } = await boot('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await http(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>nqh</title>');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect((await http(server.port, '/../../etc/passwd')).status).not.toBe(200);
    expect((await http(server.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await http(server.port, '/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign WebSocket Origin', async () => {
    const { server } = await boot('127.0.0.1');
    expect((await http(server.port, '/', { host: 'evil.example:80' })).status).toBe(421);
    await expect(
      connect(`ws://127.0.0.1:${server.port}/ws`, { Origin: 'https://evil.example' }),
    ).rejects.toThrow(/refused 403/);
    const ok = await connect(`ws://127.0.0.1:${server.port}/ws`, {
      Origin: `http://127.0.0.1:${server.port}`,
    });
    ok.close();
  });

  it('answers contract calls over the WebSocket and rejects unknown channels and bad payloads', async () => {
    const { server } = await boot('127.0.0.1');
    const sock = await connect(`ws://127.0.0.1:${server.port}/ws`);
    expect(await call(sock, 'getTradingStatus', {}, 1)).toMatchObject({
      ok: true,
      value: { state: 'ACTIVE' },
    });
    const history = (await call(sock, 'getHistory', { timeframe: '5m', limit: 10 }, 2)) as {
      ok: boolean;
      value: { bars: { time: number }[] };
    };
    expect(history.ok).toBe(true);
    expect(history.value.bars.length).toBe(10);
    expect(await call(sock, 'dropTables', {}, 3)).toMatchObject({
      ok: false,
      error: { name: 'UnknownChannel' },
    });
    expect(await call(sock, 'getHistory', { timeframe: 'x' }, 4)).toMatchObject({
      ok: false,
      error: { name: 'InvalidPayload' },
    });
    sock.close();
  });

  it('halts trading on POST /api/kill-switch and pushes the new state to clients', async () => {
    const { server } = await boot('127.0.0.1');
    const sock = await connect(`ws://127.0.0.1:${server.port}/ws`);
    const pushed = new Promise<unknown>((resolve) =>
      sock.on('message', (d: WebSocket.RawData) => {
        const f = JSON.parse(d.toString()) as { type: string; event?: string; payload?: unknown };
        if (f.type === 'event' && f.event === 'trading.status') resolve(f.payload);
      }),
    );
    const res = await http(server.port, '/api/kill-switch', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ state: 'HALTED', source: 'http' });
    expect(await pushed).toMatchObject({ state: 'HALTED' });
    expect((await http(server.port, '/api/kill-switch')).status).toBe(405);
    sock.close();
  });
});

describe('headless server on a non-loopback host', () => {
  it('requires the token on every HTTP request and WebSocket', async () => {
    const { server } = await boot('0.0.0.0');
    expect(server.token).toBeTruthy();
    expect(server.url).toContain(`?token=${server.token}`);
    const token = server.token as string;

    expect((await http(server.port, '/')).status).toBe(401);
    expect((await http(server.port, '/?token=wrong')).status).toBe(401);
    expect((await http(server.port, '/api/kill-switch', { method: 'POST' })).status).toBe(401);

    const first = await http(server.port, `/?token=${token}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0] as string;
    expect(cookie).toMatch(/^nqh_token=/);
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect((await http(server.port, '/index.html', { cookie })).status).toBe(200);

    await expect(connect(`ws://127.0.0.1:${server.port}/ws`)).rejects.toThrow(/refused 401/);
    await expect(connect(`ws://127.0.0.1:${server.port}/ws?token=nope`)).rejects.toThrow(
      /refused 401/,
    );
    const viaQuery = await connect(`ws://127.0.0.1:${server.port}/ws?token=${token}`);
    expect(await call(viaQuery, 'getTradingStatus', {})).toMatchObject({ ok: true });
    viaQuery.close();
    const viaCookie = await connect(`ws://127.0.0.1:${server.port}/ws`, { cookie });
    viaCookie.close();
  });
});
