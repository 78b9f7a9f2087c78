import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  ARTIFACTS,
  hasChromium,
  startServer,
  tempDataDir,
  type RunningServer,
  useChromium,
} from './harness';

// Tuesday 2024-03-05 10:00 ET, inside RTH.
const RTH_START = '2024-03-05T15:00:00Z';
const MINUTE = 60_000;

/** A FirstRate-style 1-minute row at US Eastern wall-clock `local` (YYYY-MM-DD HH:MM). */
function row(local: string, o: number, h: number, l: number, c: number, v: number): string {
  return `${local}:00,${o.toFixed(2)},${h.toFixed(2)},${l.toFixed(2)},${c.toFixed(2)},${v}`;
}

/**
 * `count` RTH minutes from 09:30 ET on `day` (EST or EDT offset given as UTC hours) on the
 * 0.25 grid, as [line text, UTC ms]; a small deterministic walk keeps ranges steady.
 */
function minutes(day: string, utcOffsetHours: number, count: number, seed: number) {
  let x = seed;
  const rand = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const open = Date.parse(`${day}T09:30:00Z`) - utcOffsetHours * 3_600_000;
  let price = 18_000;
  return Array.from({ length: count }, (_, i) => {
    const t = open + i * MINUTE;
    const local = new Date(t + utcOffsetHours * 3_600_000).toISOString().slice(0, 16);
    const o = price;
    const c = o + (Math.floor(rand() * 9) - 4) * 0.25;
    const h = Math.max(o, c) + Math.floor(rand() * 4) * 0.25;
    const l = Math.min(o, c) - Math.floor(rand() * 4) * 0.25;
    price = c;
    return { line: row(local.replace('T', ' '), o, h, l, c, 100 + Math.floor(rand() * 400)), t };
  });
}

function writeCsv(name: string, lines: readonly string[]): string {
  const dir = tempDataDir();
  const path = join(dir, name);
  writeFileSync(path, `timestamp,open,high,low,close,volume\n${lines.join('\n')}\n`);
  return path;
}

describe.skipIf(!hasChromium)('Data panel in Chromium against headless mode', () => {
  const chromium = useChromium();

  async function open(server: RunningServer): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await chromium.open(server.url, { width: 1400, height: 900 });
    await expect
      .poll(() => page.getAttribute('[data-testid=price-chart]', 'data-last-bar-time'), {
        timeout: 10_000,
      })
      .toBeTruthy();
    return { page, errors };
  }

  /** Opens the Data panel, uploads `path` and imports it; returns the panel. */
  async function importFile(page: Page, path: string): Promise<Locator> {
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Data' });
    await expect.poll(() => panel.isVisible()).toBe(true);
    await panel.getByLabel('Choose files to import').setInputFiles(path);
    await expect.poll(() => panel.getByTestId('file-status').textContent()).toBe('ready');
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    return panel;
  }

  const chartTime = async (page: Page, attr: string): Promise<number> =>
    Number(await page.getAttribute('[data-testid=price-chart]', attr));

  it('imports an uploaded CSV with progress, summary and quarantine, then replays it and returns to the synthetic market', async () => {
    // 09:30–14:29 ET on Tuesday 2024-03-05 (EST, UTC−5); two rows spoiled.
    const rows = minutes('2024-03-05', -5, 300, 7);
    const lines = rows.map((r) => r.line);
    const offGrid = 100;
    const highBelowLow = 200;
    lines[offGrid] = row('2024-03-05 11:10', 18000.1, 18001, 17999, 18000.5, 10);
    lines[highBelowLow] = row('2024-03-05 12:50', 18000, 17990, 18010, 18000, 10);
    const path = writeCsv('nq-sample.csv', lines);
    const first = rows[0]?.t as number;

    const server = await startServer([
      '--data-dir',
      tempDataDir(),
      '--speed',
      '60',
      '--start',
      RTH_START,
    ]);
    try {
      const { page, errors } = await open(server);
      const panel = await importFile(page, path);

      const progress = panel.getByRole('progressbar', { name: 'Import of nq-sample.csv' });
      await expect.poll(() => progress.getAttribute('value'), { timeout: 20_000 }).toBe('100');
      const summary = panel.getByRole('table', { name: 'Import summary of nq-sample.csv' });
      await expect.poll(() => summary.isVisible(), { timeout: 20_000 }).toBe(true);
      const field = (name: string) => summary.locator(`td[data-field="${name}"]`).textContent();
      expect(await field('Format')).toBe('firstrate');
      expect(await field('Time zone')).toContain('America/New_York');
      expect(await field('Timeframe')).toBe('1m');
      expect(await field('Rows read')).toBe('300');
      expect(await field('Imported')).toBe('298');
      expect(await field('Duplicates')).toBe('0');
      expect(await field('Quarantined')).toBe('2 (OFF_TICK_GRID 1, HIGH_LOW_INCONSISTENT 1)');
      expect(await field('First bar')).toBe('2024-03-05 09:30 ET');
      expect(await field('Last bar')).toBe('2024-03-05 14:29 ET');

      // Header is line 1, so row i of the data sits on line i + 2.
      const quarantine = panel.getByRole('table', { name: 'Quarantined rows of nq-sample.csv' });
      await expect.poll(() => quarantine.locator('tbody tr').count()).toBe(2);
      const cells = await quarantine
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('td')?.textContent ?? '',
            tr.querySelector('.reason')?.textContent ?? '',
          ]),
        );
      expect(cells).toEqual([
        [String(offGrid + 2), 'OFF_TICK_GRID'],
        [String(highBelowLow + 2), 'HIGH_LOW_INCONSISTENT'],
      ]);
      // The stored-data view was refreshed after the import.
      const series = panel.getByRole('table', { name: 'Stored series' });
      await expect.poll(() => series.locator('tbody tr').first().textContent()).toContain('298');
      await panel.evaluate((el) => el.scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, 'data-panel-top.png') });
      // Replay from the first imported minute at ×60.
      await panel.getByLabel('Replay from (New York)').fill('2024-03-05T09:30');
      await panel.getByLabel('Speed').selectOption('60');
      await panel.getByRole('button', { name: 'Start replay' }).click();
      await expect.poll(() => page.textContent('[data-testid=feed-source]')).toBe('replay NQ');
      await expect.poll(() => page.textContent('[data-testid=replay-tag]')).toBe('REPLAY ×60');
      await expect
        .poll(() => chartTime(page, 'data-last-bar-time'), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(first);
      const seen = await chartTime(page, 'data-last-bar-time');
      expect(seen).toBeLessThan(first + 300 * MINUTE);
      // At ×60 a minute closes every second.
      await expect
        .poll(() => chartTime(page, 'data-last-bar-time'), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(seen + 2 * MINUTE);

      // No lookahead: only the minutes from the start to the cursor are on the chart.
      const last = await chartTime(page, 'data-last-bar-time');
      expect(await chartTime(page, 'data-oldest-bar-time')).toBe(first);
      expect(await chartTime(page, 'data-bar-count')).toBeLessThanOrEqual(
        (last - first) / MINUTE + 1,
      );
      expect(errors).toEqual([]);
      await quarantine.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'data-panel.png') });

      await panel.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => page.isVisible('[data-testid=paused-tag]')).toBe(true);
      await panel.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => page.isVisible('[data-testid=paused-tag]')).toBe(false);
      await panel.getByRole('button', { name: 'Back to synthetic market' }).click();
      await expect.poll(() => page.textContent('[data-testid=feed-source]')).toBe('synthetic NQ');
      await expect
        .poll(() => chartTime(page, 'data-last-bar-time'), { timeout: 10_000 })
        .toBeGreaterThan(first + 300 * MINUTE);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  it('during a replay, pages in older stored bars at the left edge and never bars after the cursor', async () => {
    // Tuesday 2024-02-13 and Tuesday 2024-03-05 (both EST): three weeks apart, so the
    // replay's own history (about ten days) holds only the second day.
    const early = minutes('2024-02-13', -5, 60, 3);
    const late = minutes('2024-03-05', -5, 120, 5);
    const path = writeCsv(
      'two-days.csv',
      [...early, ...late].map((r) => r.line),
    );
    const server = await startServer(['--data-dir', tempDataDir(), '--start', RTH_START]);
    try {
      const { page, errors } = await open(server);
      const panel = await importFile(page, path);
      const summary = panel.getByRole('table', { name: 'Import summary of two-days.csv' });
      await expect.poll(() => summary.isVisible(), { timeout: 20_000 }).toBe(true);

      // From 10:00 ET at ×1: the chart holds 09:30–09:59 of the second day, plus the first.
      const cursor = (late[30]?.t ?? 0) as number;
      await panel.getByLabel('Replay from (New York)').fill('2024-03-05T10:00');
      await panel.getByLabel('Speed').selectOption('1');
      await panel.getByRole('button', { name: 'Start replay' }).click();
      await expect.poll(() => page.textContent('[data-testid=feed-source]')).toBe('replay NQ');
      const chart = page.locator('[data-testid=price-chart]');
      const box = await chart.boundingBox();
      // Drag the chart to the right: towards older bars, to the left edge.
      for (let i = 0; i < 10; i++) {
        if ((await chartTime(page, 'data-oldest-bar-time')) === early[0]?.t) break;
        if (box) {
          await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
          await page.mouse.down();
          await page.mouse.move(box.x + box.width - 100, box.y + box.height / 2, { steps: 5 });
          await page.mouse.up();
        }
        await page.waitForTimeout(300);
      }
      await expect
        .poll(() => chartTime(page, 'data-oldest-bar-time'), { timeout: 10_000 })
        .toBe(early[0]?.t);
      expect(await chartTime(page, 'data-last-bar-time')).toBeLessThanOrEqual(cursor);
      expect(await chartTime(page, 'data-bar-count')).toBeLessThanOrEqual(60 + 31);
      expect(await chartTime(page, 'data-bar-count')).toBeGreaterThanOrEqual(60 + 30);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
