// Finds the Electron binary, fetching it once if the electron package has not yet done so
// (Electron downloads its binary on first use). Never throws: it says why it has none.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ path: string | undefined, why: string }} */
export function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: undefined, why: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    // Electron fetches its binary on first use; try once, briefly.
    const r = spawnSync(process.execPath, [join(dir, 'install.js')], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    if (r.status !== 0 || !existsSync(pathFile)) {
      const msg = `${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? 'download failed';
      return {
        path: undefined,
        why: `the Electron binary could not be downloaded (${msg.trim()})`,
      };
    }
  }
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin)
    ? { path: bin, why: '' }
    : { path: undefined, why: `Electron binary missing at ${bin}` };
}
