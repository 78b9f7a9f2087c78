import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkAccess, isLoopbackHost } from './access';

const req = (url: string, headers: Record<string, string>): IncomingMessage =>
  ({ url, headers }) as unknown as IncomingMessage;

describe('access policy', () => {
  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.5', '10.0.0.1', 'example.com', '::'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('on loopback checks the Host header and the WebSocket Origin, not a token', () => {
    const policy = {
      token: undefined,
      allowedHosts: new Set(['127.0.0.1:5173', 'localhost:5173']),
    };
    expect(checkAccess(req('/', { host: '127.0.0.1:5173' }), policy, false)).toEqual({
      ok: true,
      setCookie: false,
    });
    expect(checkAccess(req('/', { host: 'attacker.example:5173' }), policy, false)).toMatchObject({
      ok: false,
      status: 421,
    });
    expect(
      checkAccess(
        req('/ws', { host: 'localhost:5173', origin: 'http://localhost:5173' }),
        policy,
        true,
      ),
    ).toMatchObject({ ok: true });
    expect(
      checkAccess(
        req('/ws', { host: 'localhost:5173', origin: 'http://evil.example' }),
        policy,
        true,
      ),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it('elsewhere demands the token from the query or the cookie', () => {
    const policy = { token: 's3cret', allowedHosts: undefined };
    expect(checkAccess(req('/', { host: 'box:1' }), policy, false)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(checkAccess(req('/?token=s3cret', { host: 'box:1' }), policy, false)).toEqual({
      ok: true,
      setCookie: true,
    });
    expect(checkAccess(req('/?token=s3cre', { host: 'box:1' }), policy, false)).toMatchObject({
      ok: false,
    });
    expect(
      checkAccess(req('/x', { host: 'box:1', cookie: 'a=1; nqh_token=s3cret' }), policy, false),
    ).toEqual({ ok: true, setCookie: false });
    expect(
      checkAccess(req('/ws', { host: 'box:1', cookie: 'nqh_token=bad' }), policy, true),
    ).toMatchObject({ ok: false, status: 401 });
  });
});
