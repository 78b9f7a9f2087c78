/**
 * The pattern model in Chromium against headless mode on the embedded default: the shipped
 * demo model predicts over the synthetic feed (fan and strip on the chart, attention heatmap
 * and variable importance in the Model drawer); training from the Training page moves its
 * progress bars and draws loss curves, cancel stops a run, and a finished model appears in
 * the registry and can be promoted and rolled back.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  hasChromium,
  useChromium,
  startServer,
  tempDataDir,
  type RunningServer,
} from './harness';

const DEMO_LABEL = 'demo — synthetic data, not for trading';

async function fill(page: Page, field: string, value: string): Promise<void> {
  await page.getByTestId(`training-${field}`).fill(value);
}

/** A small, quick configuration (the defaults train for minutes on two cores). */
async function smallConfig(page: Page, epochs: number): Promise<void> {
  await fill(page, 'lookback', '32');
  await fill(page, 'hiddenSize', '8');
  await fill(page, 'heads', '2');
  await fill(page, 'epochs', String(epochs));
  await fill(page, 'trainDays', '30');
  await fill(page, 'valDays', '10');
  await fill(page, 'testDays', '10');
}

const valueNow = async (page: Page, id: string): Promise<number> =>
  Number(await page.getByTestId(id).getAttribute('aria-valuenow'));

describe.skipIf(!hasChromium)('pattern model in Chromium', () => {
  const chromium = useChromium();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(['--data-dir', tempDataDir(), '--seed', '5']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows the demo model on the chart and explains a bar', { timeout: 120_000 }, async () => {
    const { page, errors } = await chromium.open(server.url);
    const chart = page.getByTestId('price-chart');
    await expect
      .poll(async () => Number(await chart.getAttribute('data-predictions')), { timeout: 60_000 })
      .toBeGreaterThan(10);
    await page.getByTestId('model-toggle').click();
    await expect.poll(() => page.getByTestId('active-model').textContent()).toContain(DEMO_LABEL);
    await expect
      .poll(() => page.getByTestId('ml-backend').textContent())
      .toMatch(/wasm|cpu|tensorflow/);
    await expect
      .poll(() => page.getByTestId('attention-heatmap').count(), { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => page.getByTestId('importance-bars').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'model-panel.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    'trains from the Training page: progress, loss curve, cancel, promote, roll back',
    { timeout: 600_000 },
    async () => {
      const { page, errors } = await chromium.open(server.url);
      await page.getByTestId('model-toggle').click();
      await page.getByTestId('tab-training').click();

      // A run to cancel: its batch bar moves, then Cancel stops it with nothing saved.
      await smallConfig(page, 50);
      await page.getByTestId('training-start').click();
      await expect
        .poll(() => valueNow(page, 'progress-batch'), { timeout: 120_000 })
        .toBeGreaterThan(0);
      await page.getByTestId('training-cancel').click();
      await expect
        .poll(() => page.getByTestId('training-progress').getAttribute('data-state'), {
          timeout: 60_000,
        })
        .toBe('cancelled');

      // A run to finish: epochs advance, the loss curve draws, the model joins the registry.
      await smallConfig(page, 2);
      await page.getByTestId('training-start').click();
      const batches: number[] = [];
      await expect
        .poll(
          async () => {
            batches.push(await valueNow(page, 'progress-batch'));
            return page.getByTestId('training-progress').getAttribute('data-state');
          },
          { timeout: 400_000, interval: 500 },
        )
        .toBe('finished');
      expect(new Set(batches).size).toBeGreaterThan(2);
      expect(Number(await page.getByTestId('loss-curve').getAttribute('data-points'))).toBe(2);
      const row = page.locator('[data-testid^="model-row-tft-"]');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      const id = (await row.getAttribute('data-testid'))!.replace('model-row-', '');
      await page.screenshot({ path: join(ARTIFACTS, 'training-page.png') });

      await page.getByTestId(`promote-${id}`).click();
      await expect.poll(() => page.getByTestId('active-model').textContent()).toContain(id);
      await page.getByTestId('rollback').click();
      await expect.poll(() => page.getByTestId('active-model').textContent()).toContain(DEMO_LABEL);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
