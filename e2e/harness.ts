/**
 * End-to-end harness: runs the built headless server as a real child process and drives
 * Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = join(__dirname, '..');
export const ARTIFACTS = join(ROOT, 'test-results');

export interface RunningServer {
  readonly url: string;
  readonly output: string[];
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'nqh-e2e-'));
}

/** Starts `nqh serve` and resolves once it prints its URL. */
export function startServer(args: readonly string[], timeoutMs = 15_000): Promise<RunningServer> {
  const cli = join(ROOT, 'dist', 'cli', 'nqh.cjs');
  if (!existsSync(cli)) throw new Error(`${cli} missing: run npm run build first`);
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server printed no URL within ${timeoutMs} ms:\n${output.join('')}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      const m = /open (http:\/\/\S+)/.exec(output.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('')}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Opens `url` in a new page that records page errors and console errors in `errors`. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1400, height: 800 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

/**
 * For the enclosing describe block: Chromium launched before its tests (and the artifacts
 * folder made) and closed after them; `open` is `openPage` on that browser.
 */
export function useChromium(): {
  open: (url: string, viewport?: { width: number; height: number }) => ReturnType<typeof openPage>;
} {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    open: (url, viewport) => {
      if (!browser) throw new Error('Chromium is not running (useChromium outside a describe?)');
      return openPage(browser, url, viewport);
    },
  };
}
