import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  hasChromium,
  startServer,
  tempDataDir,
  type RunningServer,
  useChromium,
} from './harness';

// Tuesday 2024-03-05 10:00 ET: inside RTH, so the synthetic market is live at once.
const RTH_START = '2024-03-05T15:00:00Z';

describe.skipIf(!hasChromium)('workstation in Chromium against headless mode', () => {
  const chromium = useChromium();

  const pageErrors = new WeakMap<Page, string[]>();

  async function open(server: RunningServer): Promise<Page> {
    const { page, errors } = await chromium.open(server.url);
    await expect
      .poll(() => page.getAttribute('[data-testid=price-chart]', 'data-last-bar-time'), {
        timeout: 10_000,
      })
      .toBeTruthy();
    pageErrors.set(page, errors);
    return page;
  }

  it('shows candles that update live, the New York clock, the session state and the trading state', async () => {
    const server = await startServer([
      '--data-dir',
      tempDataDir(),
      '--seed',
      '7',
      '--speed',
      '60',
      '--start',
      RTH_START,
    ]);
    try {
      const page = await open(server);
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('ACTIVE');
      expect(await page.textContent('[data-testid=ny-clock]')).toMatch(/^Tue 05 Mar 10:0\d:\d\d$/);
      expect(await page.textContent('[data-testid=session-state]')).toBe('RTH');
      expect(await page.textContent('[data-testid=session-countdown]')).toMatch(
        /^ETH in 0[56]:\d\d:\d\d$/,
      );
      expect(await page.textContent('[data-testid=feed-state]')).toBe('live');

      const chart = page.locator('[data-testid=price-chart]');
      const first = Number(await chart.getAttribute('data-last-bar-time'));
      const firstCount = Number(await chart.getAttribute('data-bar-count'));
      expect(firstCount).toBeGreaterThan(1000);
      // At ×60 a minute closes every second: new candles must appear while we watch.
      await expect
        .poll(async () => Number(await chart.getAttribute('data-last-bar-time')), {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(first + 3 * 60_000);
      expect(Number(await chart.getAttribute('data-bar-count'))).toBeGreaterThan(firstCount);
      // The chart canvas has drawn something other than the background.
      const painted = await page.evaluate(() =>
        [...document.querySelectorAll('canvas')].some((c) => {
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return false;
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4)
            if ((d[i] ?? 0) > 30 && (d[i + 1] ?? 0) > 100) return true;
          return false;
        }),
      );
      expect(painted).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'workstation.png') });

      await page.getByRole('button', { name: '5m', exact: true }).click();
      await expect.poll(() => chart.getAttribute('data-timeframe')).toBe('5m');
      // The 5-minute history replaces the 1-minute bars: far fewer bars (the 1-minute view is
      // capped at 5,000), the last one on the 5-minute grid.
      await expect
        .poll(async () => Number(await chart.getAttribute('data-bar-count')), { timeout: 10_000 })
        .toBeLessThan(firstCount / 2);
      await expect
        .poll(async () => Number(await chart.getAttribute('data-last-bar-time')) % (5 * 60_000), {
          timeout: 10_000,
        })
        .toBe(0);
      expect(pageErrors.get(page)).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  it('kill switch halts trading, survives a server restart, and re-arming needs confirmation', async () => {
    const dataDir = tempDataDir();
    const args = ['--data-dir', dataDir, '--speed', '60', '--start', RTH_START];
    let server = await startServer(args);
    let page = await open(server);
    try {
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('ACTIVE');
      await page.getByRole('button', { name: 'Kill switch' }).click();
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('HALTED');
      await page.close();
      await server.stop();

      server = await startServer(args);
      page = await open(server);
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('HALTED');

      // Re-arming without confirming leaves it HALTED.
      await page.getByRole('button', { name: 'Re-arm…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Re-arm trading?' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Re-arm trading' }).isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await page.reload();
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('HALTED');

      // With the acknowledgement ticked and confirmed, trading is ACTIVE again.
      await page.getByRole('button', { name: 'Re-arm…' }).click();
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Re-arm trading' }).click();
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('ACTIVE');

      // The keyboard shortcut halts too.
      await page.keyboard.press('Control+Shift+K');
      await expect.poll(() => page.textContent('[data-testid=trading-state]')).toBe('HALTED');
      await page.screenshot({ path: join(ARTIFACTS, 'kill-switch.png') });
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
