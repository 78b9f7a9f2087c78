// `npm start`: the desktop app when an Electron binary is installed (or can be fetched now)
// and a display is available; otherwise it says why and starts headless mode instead.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const forceHeadless = args.includes('--headless') || process.env.NQH_HEADLESS === '1';
const { path: electron, why } = forceHeadless
  ? { path: undefined, why: 'headless requested' }
  : electronBinary();
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (electron && !noDisplay) {
  const child = spawn(electron, [join(root, 'dist/main/electron-main.cjs'), ...args], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const reason = electron ? 'no display is available' : why;
  console.log(
    `Desktop app unavailable: ${reason}. Starting headless mode; open the URL below in a browser.`,
  );
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli/nqh.cjs'), 'serve', ...args.filter((a) => a !== '--headless')],
    {
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
