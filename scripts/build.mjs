// Builds every bundle with esbuild: the Electron main process, the sandboxed preload,
// the CLI/headless server (plain Node), and the React renderer (browser).
// Native and Electron-provided modules stay external so packaging can rebuild them.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const out = join(root, 'dist');

const nodeExternals = [
  'electron',
  'electron-store',
  'better-sqlite3',
  'ws',
  '@stoqey/ib',
  '@tensorflow/*',
  'playwright-core',
];

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: {
    'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
    __APP_VERSION__: JSON.stringify(
      JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version,
    ),
  },
};

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'renderer'), { recursive: true });

/** A CommonJS bundle for Node or Electron's main/preload. */
const nodeBundle = (name, entry, outdir, external) =>
  build({
    ...common,
    entryPoints: { [name]: join(root, entry) },
    outdir: join(out, outdir),
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external,
  });

await Promise.all([
  nodeBundle('electron-main', 'src-main/app/electron-main.ts', 'main', nodeExternals),
  // A sandboxed preload may only require 'electron': everything else is bundled in.
  nodeBundle('preload', 'src-main/app/preload.ts', 'main', ['electron']),
  nodeBundle('nqh', 'src-main/cli/nqh.ts', 'cli', nodeExternals),
  // The import worker thread, beside each entry that can start imports.
  nodeBundle('import-worker', 'src-main/data/import/import-worker.ts', 'main', nodeExternals),
  nodeBundle('import-worker', 'src-main/data/import/import-worker.ts', 'cli', nodeExternals),
  // Level worker threads (feature batches split by time, `level-threads.ts`).
  nodeBundle('level-worker', 'src-main/features/levels/level-worker.ts', 'main', nodeExternals),
  nodeBundle('level-worker', 'src-main/features/levels/level-worker.ts', 'cli', nodeExternals),
  // The ML worker thread (TensorFlow.js lives there, never on the main thread).
  nodeBundle('ml-worker', 'src-main/ml/worker/ml-worker.ts', 'main', nodeExternals),
  nodeBundle('ml-worker', 'src-main/ml/worker/ml-worker.ts', 'cli', nodeExternals),
  build({
    ...common,
    entryPoints: { app: join(root, 'src-renderer/main.tsx') },
    outdir: join(out, 'renderer'),
    platform: 'browser',
    target: ['chrome120'],
    format: 'esm',
    jsx: 'automatic',
    loader: { '.css': 'css' },
  }),
]);
await cp(join(root, 'src-renderer/index.html'), join(out, 'renderer/index.html'));
await cp(join(root, 'assets/icon.svg'), join(out, 'renderer/icon.svg'));
