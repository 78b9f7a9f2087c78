import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '@shared/domain/bar';
import { MessageBus } from '../../engine/bus';
import { ScaledClock } from '../../engine/clock';
import { MemorySink, createLogger } from '../../engine/logger';
import { importFile } from '../import/importer';
import { tmpCsv, tmpStore } from '../import/test-files';
import { MarketDataService } from '../market-data';
import { ReplayFeed } from './replay-feed';

const log = createLogger({ sinks: [new MemorySink()] });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function storeWithTwoDays() {
  const store = tmpStore();
  const lines = ['timestamp,open,high,low,close,volume'];
  // Tue 2024-03-05 and Wed 2024-03-06, 09:30–10:29 ET, close = minute index.
  for (const day of [5, 6]) {
    for (let m = 0; m < 60; m++) {
      const p = 18000 + m;
      lines.push(
        `2024-03-0${day} ${String(9 + Math.floor((30 + m) / 60)).padStart(2, '0')}:${String((30 + m) % 60).padStart(2, '0')}:00,${p}.00,${p + 1}.00,${p - 1}.00,${p}.00,10`,
      );
    }
  }
  importFile(store, tmpCsv('two-days.csv', lines));
  return store;
}

describe('replay feed', () => {
  it('publishes history before the start, then each bar only once its minute has passed, jumping gaps', async () => {
    const store = storeWithTwoDays();
    const bus = new MessageBus();
    const start = Date.UTC(2024, 2, 5, 15, 0);
    const clock = new ScaledClock(start, 1800);
    const published: { t: number; final: boolean; now: number }[] = [];
    bus.subscribe('market.bar', ({ bar, final }) =>
      published.push({ t: bar.time, final, now: clock.now() }),
    );
    let epoch = 0;
    const feed = new ReplayFeed(bus, store, clock, log, {
      symbol: 'NQ',
      historyDays: 2,
      tickMs: 10,
      nextEpoch: () => ++epoch,
    });
    await feed.start();
    const history = published.filter((p) => p.final && p.t < start).length;
    expect(history).toBe(30); // 09:30–09:59 of the first day, published first
    expect(published.slice(0, 30).every((p) => p.t < start)).toBe(true);
    // 30 simulated minutes remain on the first day: 1 s of real time; wait with a margin for a loaded CI machine.
    await wait(2500);
    await feed.dispose();
    const finals = published.filter((p) => p.final);
    // Reached the second day: the clock jumped the overnight gap instead of idling through it.
    expect(finals.some((p) => p.t >= Date.UTC(2024, 2, 6, 14, 30))).toBe(true);
    for (let i = 1; i < finals.length; i++) expect(finals[i]!.t).toBeGreaterThan(finals[i - 1]!.t);
    // No lookahead: a live bar is final only after its minute, never before.
    const bad = published
      .slice(history)
      .filter((p) => (p.final ? p.t + MINUTE_MS > p.now : p.t > p.now));
    expect(bad, JSON.stringify(published.slice(history - 2, history + 4))).toEqual([]);
    store.close();
  });

  it('seeks backwards by resetting the market data and replaying from the new point', async () => {
    const store = storeWithTwoDays();
    const bus = new MessageBus();
    const clock = new ScaledClock(Date.UTC(2024, 2, 6, 15, 0), 60);
    const resets: number[] = [];
    bus.subscribe('market.reset', (r) => resets.push(r.epoch));
    const finals: number[] = [];
    bus.subscribe('market.bar', ({ bar, final }) => final && finals.push(bar.time));
    let epoch = 0;
    const feed = new ReplayFeed(bus, store, clock, log, {
      symbol: 'NQ',
      historyDays: 2,
      tickMs: 10,
      nextEpoch: () => ++epoch,
    });
    await feed.start();
    finals.length = 0;
    feed.seek(Date.UTC(2024, 2, 5, 14, 40));
    expect(resets).toEqual([1]);
    expect(finals).toHaveLength(10); // 09:30–09:39 on the first day, nothing later
    expect(Math.max(...finals)).toBe(Date.UTC(2024, 2, 5, 14, 39));
    await feed.dispose();
    store.close();
  });

  it("announces a stored roll before the new contract's first minute, and after a seek only once reached", async () => {
    const store = storeWithTwoDays();
    const roll = (time: number, gap: number) => ({
      symbol: 'NQ',
      timeframe: 1,
      time,
      fromContract: null,
      toContract: null,
      gap,
      source: 'manual' as const,
      confidence: null,
    });
    const rollAt = Date.UTC(2024, 2, 6, 14, 45);
    // One roll before every stored bar (moves them all alike: not announced), one inside.
    store.upsertRolls([roll(Date.UTC(2024, 2, 1), -7), roll(rollAt, 250)]);
    const bus = new MessageBus();
    const market = new MarketDataService(bus);
    const events: string[] = [];
    bus.subscribe('market.roll', (r) => events.push(`roll ${r.time} ${r.gap}`));
    bus.subscribe('market.bar', ({ bar, final }) => {
      if (final && bar.time >= rollAt - MINUTE_MS && bar.time <= rollAt)
        events.push(`bar ${bar.time}`);
    });
    let epoch = 0;
    const feed = new ReplayFeed(bus, store, new ScaledClock(Date.UTC(2024, 2, 6, 15, 0), 60), log, {
      symbol: 'NQ',
      historyDays: 2,
      tickMs: 10,
      nextEpoch: () => ++epoch,
    });
    await feed.start();
    expect(events).toEqual([`bar ${rollAt - MINUTE_MS}`, `roll ${rollAt} 250`, `bar ${rollAt}`]);
    expect(market.rolls()).toEqual([{ time: rollAt, gap: 250 }]);
    events.length = 0;
    feed.seek(Date.UTC(2024, 2, 5, 14, 40));
    expect(events).toEqual([]);
    expect(market.rolls()).toEqual([]);
    await feed.dispose();
    market.dispose();
    store.close();
  });

  it('refuses to start without imported 1-minute bars', async () => {
    const feed = new ReplayFeed(new MessageBus(), tmpStore(), new ScaledClock(0, 1), log, {
      symbol: 'NQ',
      historyDays: 1,
      nextEpoch: () => 1,
    });
    await expect(feed.start()).rejects.toThrow(/import a file first/);
  });
});
