import { describe, expect, it } from 'vitest';
import { REARM_CONFIRMATION } from '@shared/contracts/ipc';
import { MemorySink, createLogger } from '../engine/logger';
import { IpcRouter } from './router';
import { fixedHandlers } from './test-handlers';

const ctx = { transport: 'headless', caller: 'test' } as const;

function router() {
  const { handlers, calls } = fixedHandlers();
  const sink = new MemorySink();
  return { r: new IpcRouter(handlers, createLogger({ sinks: [sink] })), calls, sink };
}

describe('IPC router', () => {
  it('runs a valid call and fills schema defaults', async () => {
    const { r, calls } = router();
    const res = await r.dispatch('getHistory', { timeframe: '5m' }, ctx);
    expect(res.ok).toBe(true);
    expect(calls).toEqual(['getHistory:5m:5000']);
  });

  it('rejects a call on an unknown channel', async () => {
    const { r, sink } = router();
    for (const channel of ['deleteEverything', '__proto__', 'constructor', 42, undefined]) {
      const res = await r.dispatch(channel, {}, ctx);
      expect(res).toMatchObject({ ok: false, error: { name: 'UnknownChannel' } });
    }
    expect(sink.lines.join('')).toContain('unknown channel');
  });

  it('rejects an invalid payload, naming the field, without calling the handler', async () => {
    const { r, calls } = router();
    const bad = [
      ['getHistory', { timeframe: '7m' }],
      ['getHistory', { timeframe: '1m', limit: -1 }],
      ['getHistory', { timeframe: '1m', extra: true }],
      ['activateKillSwitch', { source: 'engine' }],
      ['getTradingStatus', { sneaky: 1 }],
      ['getHistory', 'not an object'],
    ] as const;
    for (const [channel, payload] of bad) {
      const res = await r.dispatch(channel, payload, ctx);
      expect(res).toMatchObject({ ok: false, error: { name: 'InvalidPayload' } });
    }
    const res = await r.dispatch('getHistory', { timeframe: '7m' }, ctx);
    expect(!res.ok && res.error.message).toMatch(/getHistory: timeframe:/);
    expect(calls).toEqual([]);
  });

  it('refuses to re-arm without the explicit confirmation', async () => {
    const { r, calls } = router();
    for (const payload of [
      {},
      { confirmation: 'yes' },
      { confirmation: REARM_CONFIRMATION.toLowerCase() },
    ]) {
      expect(await r.dispatch('rearmTrading', payload, ctx)).toMatchObject({
        ok: false,
        error: { name: 'InvalidPayload' },
      });
    }
    expect(calls).toEqual([]);
    expect(
      await r.dispatch('rearmTrading', { confirmation: REARM_CONFIRMATION }, ctx),
    ).toMatchObject({ ok: true });
    expect(calls).toEqual(['rearm']);
  });

  it('returns a handler error as a {name, message} result instead of throwing', async () => {
    const { r } = router();
    const res = await r.dispatch('updateSettings', { ui: { timeframe: '5m' } }, ctx);
    expect(res).toEqual({
      ok: false,
      error: { name: 'Error', message: 'settings are read-only in this test' },
    });
  });
});
