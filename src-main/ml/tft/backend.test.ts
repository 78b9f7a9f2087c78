import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultWasmDir, initBackend } from '../backend';

describe('initBackend', () => {
  it('falls through the absent native packages to wasm', async () => {
    const choice = await initBackend();
    // tfjs-node(-gpu) are not installed in this environment, so both must be recorded.
    expect(choice.failures.map((f) => f.candidate)).toEqual(['tfjs-node-gpu', 'tfjs-node']);
    expect(choice.candidate).toBe('wasm');
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const y = tf.tidy(() => tf.tensor1d([1, 2, 3]).square().sum().dataSync()[0]);
    expect(y).toBe(14);
  });

  it('does not call the loader for skipped candidates and ends on cpu', async () => {
    const requested: string[] = [];
    const importer = (specifier: string): Promise<unknown> => {
      requested.push(specifier);
      return Promise.reject(new Error(`no ${specifier}`));
    };
    const choice = await initBackend({ importer, skip: ['tfjs-node-gpu', 'wasm'] });
    expect(requested).toEqual(['@tensorflow/tfjs-node']);
    expect(choice).toMatchObject({ name: 'cpu', candidate: 'cpu' });
    expect(choice.failures).toEqual([
      { candidate: 'tfjs-node', reason: 'no @tensorflow/tfjs-node' },
    ]);
    await initBackend({ importer }); // restore wasm for any later test in this worker
    expect(tf.getBackend()).toBe('wasm');
  });

  it('locates the wasm binaries', () => {
    expect(defaultWasmDir()).toMatch(/tfjs-backend-wasm[\\/]dist[\\/]$/);
  });
});
