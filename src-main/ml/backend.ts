/**
 * TensorFlow.js backend selection for the main process.
 *
 * Order of preference: native GPU bindings, native CPU bindings, WebAssembly, pure JS.
 * The native packages are optional dependencies that may be absent (or fail to load their
 * shared library), so each is tried through a dynamic import inside try/catch and the
 * failure is recorded rather than thrown.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** One backend attempt that did not succeed. */
export interface BackendFailure {
  candidate: string;
  reason: string;
}

/** Result of {@link initBackend}: the backend now active in tf, and what was skipped. */
export interface BackendChoice {
  /** tf backend name as reported by `tf.getBackend()` (e.g. 'tensorflow', 'wasm', 'cpu'). */
  name: string;
  /** Which candidate produced it. */
  candidate: 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';
  failures: BackendFailure[];
}

/** Options mainly for tests: skip candidates or replace the module loader. */
export interface BackendOptions {
  /** Candidates not to try. */
  skip?: ReadonlyArray<BackendChoice['candidate']>;
  /** Module loader for the native packages; defaults to dynamic `import()`. */
  importer?: (specifier: string) => Promise<unknown>;
  /** Directory holding the .wasm binaries (trailing slash added if missing). */
  wasmDir?: string;
}

const NATIVE: ReadonlyArray<{ candidate: 'tfjs-node-gpu' | 'tfjs-node'; specifier: string }> = [
  { candidate: 'tfjs-node-gpu', specifier: '@tensorflow/tfjs-node-gpu' },
  { candidate: 'tfjs-node', specifier: '@tensorflow/tfjs-node' },
];

// A non-literal specifier keeps TypeScript and the bundler from requiring the optional
// packages at build time; they are resolved only when this runs.
const defaultImporter = (specifier: string): Promise<unknown> =>
  import(/* @vite-ignore */ specifier);

/** Absolute directory of the installed tfjs-backend-wasm `dist/` folder, with trailing slash. */
export function defaultWasmDir(): string {
  // The main process ships as a CommonJS bundle (scripts/build.mjs) and vitest also
  // provides __filename, so import.meta (which esbuild empties in CJS output) is not needed.
  const entry = createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(entry) + path.sep;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** Selects and activates the best available backend; never throws (cpu always works). */
export async function initBackend(options: BackendOptions = {}): Promise<BackendChoice> {
  const skip = new Set(options.skip ?? []);
  const importer = options.importer ?? defaultImporter;
  const failures: BackendFailure[] = [];

  for (const { candidate, specifier } of NATIVE) {
    if (skip.has(candidate)) continue;
    try {
      await importer(specifier);
      // Both native packages register themselves under the name 'tensorflow'.
      if (await tf.setBackend('tensorflow')) {
        await tf.ready();
        return { name: tf.getBackend(), candidate, failures };
      }
      failures.push({ candidate, reason: 'setBackend(tensorflow) returned false' });
    } catch (err) {
      failures.push({ candidate, reason: reasonOf(err) });
    }
  }

  if (!skip.has('wasm')) {
    try {
      const dir = options.wasmDir ?? defaultWasmDir();
      setWasmPaths(dir.endsWith('/') || dir.endsWith(path.sep) ? dir : dir + '/');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { name: tf.getBackend(), candidate: 'wasm', failures };
      }
      failures.push({ candidate: 'wasm', reason: 'setBackend(wasm) returned false' });
    } catch (err) {
      failures.push({ candidate: 'wasm', reason: reasonOf(err) });
    }
  }

  await tf.setBackend('cpu');
  await tf.ready();
  return { name: tf.getBackend(), candidate: 'cpu', failures };
}
