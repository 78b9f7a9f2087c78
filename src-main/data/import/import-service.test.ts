import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportDoneEvent, ImportProgressEvent } from '@shared/contracts/events';
import { MemorySink, createLogger } from '../../engine/logger';
import { MarketStore } from '../store/market-store';
import { ImportService, inlineRunner } from './import-service';
import { tmpCsv, tmpDir } from './test-files';

const log = createLogger({ sinks: [new MemorySink()] });

function minuteRows(n: number): string[] {
  const lines = ['timestamp,open,high,low,close,volume'];
  const start = Date.UTC(2024, 2, 5, 14, 30);
  for (let m = 0; m < n; m++) {
    const et = new Date(start + m * 60_000 - 5 * 3600_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    lines.push(`${et},18000.00,18001.00,17999.00,18000.50,10`);
  }
  return lines;
}

function service() {
  const db = join(tmpDir(), 'market.sqlite');
  const progress: ImportProgressEvent[] = [];
  const done: ImportDoneEvent[] = [];
  const svc = new ImportService(
    db,
    inlineRunner,
    { progress: (p) => progress.push(p), done: (d) => done.push(d) },
    log,
  );
  return { db, svc, progress, done };
}

describe('import service', () => {
  it('imports several files as one job, with progress and a result per file', async () => {
    const { db, svc, progress, done } = service();
    const good = tmpCsv('good.csv', minuteRows(200));
    const ambiguous = tmpCsv('amb.csv', [
      'Date,Time,Open,High,Low,Close,Volume',
      '03/04/2024,08:30,18000,18001,17999,18000.5,1',
    ]);
    const jobId = svc.start(
      [
        { path: good, name: 'good.csv' },
        { path: ambiguous, name: 'amb.csv' },
      ],
      { symbol: 'NQ' },
    );
    expect(svc.activeJob).toBe(jobId);
    expect(() => svc.start([{ path: good, name: 'good.csv' }], { symbol: 'NQ' })).toThrow(
      /already running/,
    );
    await svc.idle();
    expect(svc.activeJob).toBeNull();
    expect(
      progress.some((p) => p.file === 'good.csv' && p.fraction === 1 && p.phase === 'import'),
    ).toBe(true);
    expect(done).toHaveLength(1);
    const [first, second] = done[0]?.results ?? [];
    expect(first).toMatchObject({ file: 'good.csv', ok: true, summary: { imported: 200 } });
    // The path never leaves main; the error names the file and what to supply.
    expect(second).toMatchObject({
      file: 'amb.csv',
      ok: false,
      error: { name: 'ImportNeedsInput', needs: 'date-order' },
    });
    expect(second?.error?.message).not.toContain(ambiguous);
    const store = new MarketStore(db);
    expect(store.counts().bars).toBe(200);
    store.close();
  });

  it('accepts a new job from inside the done event of the previous one (a retry)', async () => {
    const db = join(tmpDir(), 'market.sqlite');
    const file = tmpCsv('retry.csv', minuteRows(10));
    let retried: string | undefined;
    const svc: ImportService = new ImportService(
      db,
      inlineRunner,
      {
        progress: () => undefined,
        done: () => {
          retried ??= svc.start([{ path: file, name: 'retry.csv' }], { symbol: 'NQ' });
        },
      },
      log,
    );
    svc.start([{ path: file, name: 'retry.csv' }], { symbol: 'NQ' });
    await svc.idle();
    expect(retried).toMatch(/^[0-9a-f]{16}$/);
    await svc.idle();
  });

  it('cancels a running job, storing nothing from it', async () => {
    const { db, svc, done } = service();
    const big = tmpCsv('big.csv', minuteRows(40_000));
    const jobId = svc.start([{ path: big, name: 'big.csv' }], { symbol: 'NQ' });
    expect(svc.cancel('someone-else')).toBe(false);
    expect(svc.cancel(jobId)).toBe(true);
    await svc.idle();
    expect(done[0]).toMatchObject({
      jobId,
      cancelled: true,
      results: [{ ok: false, error: { name: 'ImportCancelled' } }],
    });
    const store = new MarketStore(db);
    expect(store.counts()).toMatchObject({ bars: 0, imports: 0 });
    store.close();
  });
});
