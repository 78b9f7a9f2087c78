import { describe, expect, it } from 'vitest';
import { MessageBus } from '../engine/bus';
import { RealClock } from '../engine/clock';
import { MemorySink, createLogger } from '../engine/logger';
import { TwsSimulator } from '../data/feeds/ib/tws-simulator';
import { importFile } from '../data/import/importer';
import { tmpCsv, tmpStore } from '../data/import/test-files';
import { StoreBarSink } from '../data/store/store-bar-sink';
import { FeedSlot } from './feed-slot';

const log = createLogger({ sinks: [new MemorySink()] });

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('store bar sink', () => {
  it('remembers the month of the newest minute a feed session stored, until a file import goes further', () => {
    const store = tmpStore();
    const bar = (t: number) => ({
      time: t as never,
      open: 1,
      high: 2,
      low: 1,
      close: 1,
      volume: 5,
    });
    const t = Date.UTC(2024, 2, 5, 15, 0);
    const sink = new StoreBarSink(store, 'ib://test:1', () => 1_000);
    expect(sink.lastContract('NQ')).toBeUndefined();
    sink.write('NQ', [bar(t)], 'NQH4');
    sink.write('NQ', [bar(t + 60_000)], 'NQM4');
    // A later session reads what the last one stored.
    expect(new StoreBarSink(store, 'ib://test:1', () => 2_000).lastContract('NQ')).toBe('NQM4');
    importFile(
      store,
      tmpCsv('later.csv', [
        'timestamp,open,high,low,close,volume',
        '2024-03-05 10:05:00,1,2,1,1,5',
      ]),
    );
    expect(sink.lastContract('NQ')).toBeUndefined();
    store.close();
  });

  it('stores a roll the feed reports in the roll table, known from the contracts', () => {
    const store = tmpStore();
    const sink = new StoreBarSink(store, 'ib://test:1', () => 1_000);
    const time = Date.UTC(2024, 2, 7, 5, 0);
    sink.roll('NQ', { time, gap: 250, fromContract: 'NQH4', toContract: 'NQM4' });
    expect(store.rolls('NQ', 1)).toEqual([
      expect.objectContaining({
        time,
        gap: 250,
        fromContract: 'NQH4',
        toContract: 'NQM4',
        source: 'symbol',
      }),
    ]);
    store.close();
  });

  it('stores new bars under one import record, counts duplicates and keeps conflicting bars as they were', () => {
    const store = tmpStore();
    const sink = new StoreBarSink(store, 'ib://test:1', () => 1_000);
    const bar = (t: number, c: number) => ({
      time: t as never,
      open: c,
      high: c + 1,
      low: c - 1,
      close: c,
      volume: 5,
    });
    const t = Date.UTC(2024, 2, 5, 15, 0);
    sink.write('NQ', [bar(t, 100), bar(t + 60_000, 101)]);
    sink.write('NQ', [bar(t + 60_000, 101), bar(t + 120_000, 102), bar(t, 999)]);
    expect(store.counts()).toMatchObject({ bars: 3, imports: 1 });
    expect(store.bars('NQ', 1).bars.close[0]).toBe(100);
    expect(store.recentImports()[0]).toMatchObject({
      file: 'ib://test:1',
      imported: 3,
      quarantined: 1,
    });
    expect(sink.newest('NQ')).toBe(t + 120_000);
    store.close();
  });
});

describe('feed slot', () => {
  it('restores the previous feed when a new one cannot start', async () => {
    const store = tmpStore();
    const bus = new MessageBus();
    const sources: string[] = [];
    bus.subscribe('market.feed', (s) => sources.push(`${s.source}:${s.state}`));
    const slot = new FeedSlot(bus, () => store, log, 'NQ', 1, {
      source: 'synthetic',
      seed: 1,
      speed: 60,
      start: Date.UTC(2024, 2, 5, 15),
    });
    await slot.start();
    await expect(
      slot.switchTo({ source: 'replay', from: Date.UTC(2024, 2, 5), speed: 60 }),
    ).rejects.toThrow(/import a file first/);
    expect(slot.scaled).toBeDefined();
    expect(sources[sources.length - 1]).toBe('synthetic:live');
    await slot.dispose();
    store.close();
  });

  it('switches from the synthetic market to IB, resetting market data and storing the backfill', async () => {
    const sim = await TwsSimulator.start({ clock: new RealClock() });
    const store = tmpStore();
    const bus = new MessageBus();
    const resets: number[] = [];
    bus.subscribe('market.reset', (r) => resets.push(r.epoch));
    // Four days of history: enough to include trading minutes on any day of the week.
    const slot = new FeedSlot(bus, () => store, log, 'NQ', 4, {
      source: 'synthetic',
      seed: 1,
      speed: 60,
      start: Date.UTC(2024, 2, 5, 15),
    });
    try {
      await slot.start();
      expect(slot.scaled).toBeDefined();
      await slot.switchTo({ source: 'ib', host: '127.0.0.1', port: sim.port, clientId: 3 });
      expect(resets).toEqual([1]);
      expect(slot.scaled).toBeUndefined();
      await waitFor(() => store.counts().bars > 300, 15_000);
      expect(store.recentImports()[0]?.file).toBe(`ib://127.0.0.1:${sim.port}`);
    } finally {
      await slot.dispose();
      await sim.close();
      store.close();
    }
  });
});
