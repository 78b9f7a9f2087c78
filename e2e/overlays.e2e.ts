/**
 * The price-level overlays in Chromium against headless mode: each overlay renders and
 * toggles from the legend (found on the canvas by its own colour), the choice survives a
 * reload, overlays render on a replay of real data, and the frame time while panning a
 * 50,000-bar chart with every overlay on is measured and reported (never asserted).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  ROOT,
  hasChromium,
  startServer,
  tempDataDir,
  type RunningServer,
  useChromium,
} from './harness';

// Tuesday 2024-03-05 11:00 ET: RTH period C, so the TPO and the initial balance exist.
const RTH_START = '2024-03-05T16:00:00Z';
const SAMPLE = join(ROOT, '..', 'shared', 'data', 'nq', 'firstrate-sample-2023-11');
const SAMPLE_CSV = join(SAMPLE, 'NQ_1min_sample.csv');

/**
 * Legend name → the colour only that overlay paints: VWAP lines, session and week POC, the
 * TPO's initial-balance bar, HVN marks (as in src-renderer/overlays/overlay-colors.ts, which
 * the e2e project does not compile).
 */
const SIGNATURES: readonly (readonly [name: string, color: string])[] = [
  ['VWAP hour', '#4fc3f7'],
  ['VWAP day', '#ffb300'],
  ['VWAP week', '#ce93d8'],
  ['VWAP month', '#9ccc65'],
  ['Session profile', '#ffee58'],
  ['Week profile', '#f06292'],
  ['TPO', '#ff8a65'],
  ['HVN/LVN', '#66bb6a'],
];
const color = (name: string): string => SIGNATURES.find(([n]) => n === name)?.[1] ?? '';
const NAMES = SIGNATURES.map(([name]) => name);
const DEFAULT_ON = ['VWAP day', 'Session profile', 'Week profile', 'HVN/LVN'];

/** Pixels of colour `hex` (±4 per channel) on every canvas of the page. */
function countColor(page: Page, hex: string): Promise<number> {
  return page.evaluate((h) => {
    const want = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    let n = 0;
    for (const c of document.querySelectorAll('canvas')) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (
          Math.abs((d[i] ?? 0) - (want[0] ?? 0)) <= 4 &&
          Math.abs((d[i + 1] ?? 0) - (want[1] ?? 0)) <= 4 &&
          Math.abs((d[i + 2] ?? 0) - (want[2] ?? 0)) <= 4
        )
          n++;
      }
    }
    return n;
  }, hex);
}

const legendButton = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Overlays' }).getByRole('button', { name, exact: true });

async function pressed(page: Page, name: string): Promise<boolean> {
  return (await legendButton(page, name).getAttribute('aria-pressed')) === 'true';
}

async function setOverlay(page: Page, name: string, on: boolean): Promise<void> {
  if ((await pressed(page, name)) !== on) await legendButton(page, name).click();
  await expect.poll(() => pressed(page, name)).toBe(on);
}

/** Waits until the colour is painted (or, with `on` false, gone). */
async function expectPainted(page: Page, hex: string, on: boolean): Promise<number> {
  let seen = 0;
  await expect
    .poll(
      async () => {
        seen = await countColor(page, hex);
        return on ? seen >= 12 : seen <= 3;
      },
      { timeout: 10_000, interval: 300 },
    )
    .toBe(true);
  return seen;
}

describe.skipIf(!hasChromium)('price-level overlays in Chromium against headless mode', () => {
  const chromium = useChromium();

  async function open(server: RunningServer): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await chromium.open(server.url);
    await waitForOverlays(page);
    return { page, errors };
  }

  /** Switches the chart's timeframe and waits for the overlay bars to match `bars`. */
  async function showTimeframe(page: Page, tf: string, bars: (n: number) => boolean) {
    const chart = page.locator('[data-testid=price-chart]');
    await page.getByRole('button', { name: tf, exact: true }).click();
    await expect.poll(() => chart.getAttribute('data-timeframe')).toBe(tf);
    await expect
      .poll(async () => bars(Number(await chart.getAttribute('data-overlay-bars'))), {
        timeout: 10_000,
      })
      .toBe(true);
  }

  async function waitForOverlays(page: Page): Promise<void> {
    const chart = page.locator('[data-testid=price-chart]');
    await expect
      .poll(() => chart.getAttribute('data-last-bar-time'), { timeout: 15_000 })
      .toBeTruthy();
    await expect
      .poll(async () => Number(await chart.getAttribute('data-overlay-bars')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('group', { name: 'Overlays' }).isVisible()).toBe(true);
  }

  it('renders every overlay, toggles each from the legend, and remembers the choice', async () => {
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
      const { page, errors } = await open(server);
      const chart = page.locator('[data-testid=price-chart]');
      // The legend names every overlay; the defaults are on.
      const buttons = page.getByRole('group', { name: 'Overlays' }).getByRole('button');
      expect(await buttons.allTextContents()).toEqual(NAMES);
      for (const name of NAMES) expect(await pressed(page, name)).toBe(DEFAULT_ON.includes(name));

      for (const name of NAMES) await setOverlay(page, name, true);
      expect((await chart.getAttribute('data-overlays'))?.split(' ')).toHaveLength(8);
      expect(Number(await chart.getAttribute('data-overlay-session-bins'))).toBeGreaterThan(10);
      expect(Number(await chart.getAttribute('data-overlay-week-bins'))).toBeGreaterThan(10);
      expect(Number(await chart.getAttribute('data-overlay-tpo-bins'))).toBeGreaterThan(10);
      const bars1m = Number(await chart.getAttribute('data-overlay-bars'));

      // On 15-minute bars the view spans days, so every level of this seeded market lies
      // within the prices shown (on 1-minute bars the month VWAP is off the scale).
      await showTimeframe(page, '15m', (n) => n < bars1m / 10);
      // Each overlay paints its colour; toggled off, the colour is gone; on again, it is back.
      const counts: Record<string, number> = {};
      for (const [name, hex] of SIGNATURES) {
        counts[name] = await expectPainted(page, hex, true);
        await setOverlay(page, name, false);
        await expectPainted(page, hex, false);
        await setOverlay(page, name, true);
        await expectPainted(page, hex, true);
      }
      console.log('overlay colour pixels on 15-minute bars', counts);

      // Live: levels follow the closing minutes (×60: one a second).
      const last = Number(await chart.getAttribute('data-overlay-last-minute'));
      await expect
        .poll(async () => Number(await chart.getAttribute('data-overlay-last-minute')), {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(last + 2 * 60_000);
      await page.screenshot({ path: join(ARTIFACTS, 'overlays.png') });

      // A timeframe change reloads the levels for the new bars.
      const bars15m = Number(await chart.getAttribute('data-overlay-bars'));
      await showTimeframe(page, '5m', (n) => n > 2 * bars15m);
      await expectPainted(page, color('VWAP day'), true);
      await showTimeframe(page, '15m', (n) => n < bars1m / 10);

      // The choice is saved in settings and restored after a reload.
      await setOverlay(page, 'VWAP month', false);
      await setOverlay(page, 'Week profile', false);
      await page.reload();
      await waitForOverlays(page);
      for (const name of NAMES) {
        await expect
          .poll(() => pressed(page, name))
          .toBe(name !== 'VWAP month' && name !== 'Week profile');
      }
      expect(await chart.getAttribute('data-timeframe')).toBe('15m');
      await expectPainted(page, color('Week profile'), false);
      await expectPainted(page, color('VWAP month'), false);
      await expectPainted(page, color('VWAP week'), true);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!existsSync(SAMPLE_CSV))(
    'renders the overlays on a replay of imported real data',
    async () => {
      const dataDir = tempDataDir();
      const cli = join(ROOT, 'dist', 'cli', 'nqh.cjs');
      const imported = spawnSync(
        process.execPath,
        [cli, 'import', '--data-dir', dataDir, SAMPLE_CSV],
        { encoding: 'utf8' },
      );
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/imported 14714/);
      const server = await startServer(['--data-dir', dataDir, '--start', RTH_START]);
      try {
        const { page, errors } = await open(server);
        const chart = page.locator('[data-testid=price-chart]');
        for (const name of NAMES) await setOverlay(page, name, true);
        const epoch = Number(await chart.getAttribute('data-overlay-epoch'));

        await page.getByRole('button', { name: 'Data', exact: true }).click();
        const panel = page.getByRole('complementary', { name: 'Data' });
        // Monday 2023-12-04 11:00 ET: the sample's last day, in RTH period C.
        await panel.getByLabel('Replay from (New York)').fill('2023-12-04T11:00');
        await panel.getByLabel('Speed').selectOption('60');
        await panel.getByRole('button', { name: 'Start replay' }).click();
        await expect.poll(() => page.textContent('[data-testid=feed-source]')).toBe('replay NQ');
        await expect
          .poll(async () => Number(await chart.getAttribute('data-overlay-epoch')), {
            timeout: 15_000,
          })
          .toBeGreaterThan(epoch);
        await expect
          .poll(async () => Number(await chart.getAttribute('data-overlay-bars')), {
            timeout: 15_000,
          })
          .toBeGreaterThan(1000);
        // The replay's price (≈ 16,000) is far from the synthetic market's (≈ 21,000).
        expect(Number(await chart.getAttribute('data-last-close'))).toBeLessThan(17_000);
        // Close the drawer so the whole chart (and the week profile at its right) shows.
        await page.getByRole('button', { name: 'Data', exact: true }).click();
        const bars1m = Number(await chart.getAttribute('data-overlay-bars'));
        await showTimeframe(page, '15m', (n) => n < bars1m / 10);
        const counts: Record<string, number> = {};
        for (const [name, hex] of SIGNATURES) counts[name] = await expectPainted(page, hex, true);
        console.log('overlay colour pixels on the replay, 15-minute bars', counts);
        await page.screenshot({ path: join(ARTIFACTS, 'overlays-replay.png') });
        expect(errors).toEqual([]);
        await page.close();
      } finally {
        await server.stop();
      }
    },
  );

  it('pans a 50,000-bar chart with every overlay on and reports the frame times', async () => {
    const dataDir = tempDataDir();
    // 40 trade dates of synthetic history: over 50,000 one-minute bars in memory.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ feed: { historyDays: 40 } }));
    const server = await startServer(
      ['--data-dir', dataDir, '--seed', '7', '--speed', '1', '--start', RTH_START],
      30_000,
    );
    try {
      const { page, errors } = await open(server);
      const chart = page.locator('[data-testid=price-chart]');
      const bars = Number(await chart.getAttribute('data-bar-count'));
      expect(bars).toBeGreaterThanOrEqual(50_000);
      const box = await chart.boundingBox();
      if (!box) throw new Error('chart has no box');

      /**
       * Drags the chart left and right for `ms` while the page records, per display frame,
       * the interval since the last one (capped by the display's refresh: 16.7 ms at 60 Hz
       * however little work a frame takes) and, for frames that follow a pointer move, the
       * main thread's work for it: the pointer handlers' time since the last frame, plus
       * the time from the frame's first animation callback (ours, registered a frame
       * ahead, so the chart's drawing runs after it) to a task queued from it, which runs
       * once the frame's drawing, style, layout and paint are done. Input handled before
       * that task counts in two frames, so the figure errs high, never low.
       */
      const pan = async (ms: number): Promise<{ intervals: number[]; work: number[] }> => {
        await page.evaluate(() => {
          const w = window as unknown as {
            frames_?: number[];
            work_?: number[];
            stop_?: boolean;
          };
          w.frames_ = [];
          w.work_ = [];
          w.stop_ = false;
          let inputMs = 0;
          let moved = false;
          let eventStart = 0;
          addEventListener('pointermove', () => (eventStart = performance.now()), true);
          addEventListener('pointermove', () => {
            inputMs += performance.now() - eventStart;
            moved = true;
          });
          let prev = performance.now();
          const tick = (now: number): void => {
            w.frames_?.push(now - prev);
            prev = now;
            if (moved) {
              const start = performance.now();
              const input = inputMs;
              const done = new MessageChannel();
              done.port1.onmessage = () => w.work_?.push(input + performance.now() - start);
              done.port2.postMessage(0);
            }
            moved = false;
            inputMs = 0;
            if (!w.stop_) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        const y = box.y + box.height / 2;
        const t0 = Date.now();
        let dir = 1;
        while (Date.now() - t0 < ms) {
          await page.mouse.move(box.x + box.width / 2 - dir * 300, y);
          await page.mouse.down();
          await page.mouse.move(box.x + box.width / 2 + dir * 300, y, { steps: 30 });
          await page.mouse.up();
          dir = -dir;
        }
        return page.evaluate(() => {
          const w = window as unknown as { frames_?: number[]; work_?: number[]; stop_?: boolean };
          w.stop_ = true;
          // The first interval spans the set-up, not a frame.
          return { intervals: (w.frames_ ?? []).slice(1), work: w.work_ ?? [] };
        });
      };
      const stats = (frames: number[]) => {
        const s = [...frames].sort((a, b) => a - b);
        const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
        return {
          frames: s.length,
          medianMs: Number(at(0.5).toFixed(2)),
          p95Ms: Number(at(0.95).toFixed(2)),
          maxMs: Number((s[s.length - 1] ?? 0).toFixed(2)),
        };
      };
      const measure = async () => {
        const { intervals, work } = await pan(4000);
        return { frameWork: stats(work), frameIntervals: stats(intervals) };
      };

      for (const name of NAMES) await setOverlay(page, name, true);
      await page.waitForTimeout(500);
      // The overlays cover every bar the chart holds, not only the newest part of it.
      const shown = Number(await chart.getAttribute('data-bar-count'));
      const covered = Number(await chart.getAttribute('data-overlay-bars'));
      expect(covered).toBeGreaterThanOrEqual(shown - 1);
      const withOverlays = await measure();
      for (const name of NAMES) await setOverlay(page, name, false);
      await page.waitForTimeout(500);
      const without = await measure();
      const report = {
        bars,
        overlayBars: Number(await chart.getAttribute('data-overlay-bars')),
        timeframe: '1m',
        allOverlays: withOverlays,
        noOverlays: without,
      };
      console.log(
        `frame work while panning ${bars} bars: median ${withOverlays.frameWork.medianMs} ms ` +
          `with every overlay, ${without.frameWork.medianMs} ms without (display intervals: ` +
          `median ${withOverlays.frameIntervals.medianMs} ms)`,
        JSON.stringify(report),
      );
      writeFileSync(
        join(ARTIFACTS, 'overlay-frame-times.json'),
        `${JSON.stringify(report, null, 2)}\n`,
      );
      expect(withOverlays.frameWork.frames).toBeGreaterThan(10);
      expect(without.frameWork.frames).toBeGreaterThan(10);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
