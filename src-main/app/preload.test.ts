import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '@shared/contracts/ipc';

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(__dirname, 'preload.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/** Runs the bundled preload against a fake `electron` module; returns what it exposed. */
async function exposeWith(invoke: (channel: string, req: unknown) => unknown) {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, (...a: unknown[]) => void>();
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
    ipcRenderer: {
      invoke: async (c: string, r: unknown) => invoke(c, r),
      on: (c: string, fn: (...a: unknown[]) => void) => listeners.set(c, fn),
      removeListener: (c: string) => listeners.delete(c),
    },
  };
  const mod = { exports: {} };
  runInNewContext(await bundle(), {
    module: mod,
    exports: mod.exports,
    require: (id: string) => {
      if (id !== 'electron') throw new Error(`preload required ${id}`);
      return electron;
    },
  });
  return {
    api: exposed.nqh as Record<string, (...a: unknown[]) => unknown>,
    names: Object.keys(exposed),
    listeners,
  };
}

describe('preload', () => {
  it('requires nothing but electron and stays small (a sandboxed preload cannot load modules)', async () => {
    const code = await bundle();
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code.length).toBeLessThan(20_000);
  });

  it('exposes one named function per channel and onEvent, never ipcRenderer', async () => {
    const { api, names } = await exposeWith(() => ({ ok: true, value: null }));
    expect(names).toEqual(['nqh']);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
  });

  it('unwraps results and turns errors back into thrown Errors with their name', async () => {
    const { api } = await exposeWith((channel, req) =>
      channel === 'getTradingStatus'
        ? { ok: true, value: { state: 'HALTED', req } }
        : { ok: false, error: { name: 'InvalidPayload', message: 'bad' } },
    );
    expect(await api.getTradingStatus?.({})).toEqual({ state: 'HALTED', req: {} });
    await expect(api.getHistory?.({ timeframe: 'x' })).rejects.toMatchObject({
      name: 'InvalidPayload',
      message: 'bad',
    });
  });

  it('subscribes to known events only and unsubscribes', async () => {
    const { api, listeners } = await exposeWith(() => null);
    const got: unknown[] = [];
    const stop = api.onEvent?.('clock', (p: unknown) => got.push(p)) as () => void;
    listeners.get('event:clock')?.({}, { marketTime: 1 });
    expect(got).toEqual([{ marketTime: 1 }]);
    stop();
    expect(listeners.has('event:clock')).toBe(false);
    expect(() => api.onEvent?.('anything', () => undefined)).toThrow(/unknown event/);
  });
});
