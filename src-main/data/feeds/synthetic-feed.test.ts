import { describe, expect, it } from 'vitest';
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { isTradingMinute } from '@shared/calendar/session';
import { MessageBus } from '../../engine/bus';
import { ScaledClock } from '../../engine/clock';
import { MemorySink, createLogger } from '../../engine/logger';
import { MarketDataService } from '../market-data';
import { SyntheticFeed } from './synthetic-feed';

const log = createLogger({ sinks: [new MemorySink()] });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('synthetic feed', () => {
  it('publishes history, then live forming and final bars in order on the bus', async () => {
    const bus = new MessageBus();
    const finals: Bar[] = [];
    let forming = 0;
    bus.subscribe('market.bar', ({ bar, final }) => (final ? finals.push(bar) : forming++));
    const market = new MarketDataService(bus);
    // Tuesday 2024-03-05 10:00 ET, ×600: ten simulated minutes per real second.
    const clock = new ScaledClock(Date.UTC(2024, 2, 5, 15, 0), 600);
    const feed = new SyntheticFeed(bus, clock, log, {
      seed: 3,
      symbol: 'NQ',
      historyDays: 2,
      tickMs: 20,
    });
    await feed.start();
    const history = finals.length;
    expect(history).toBeGreaterThan(1000);
    await wait(700);
    await feed.stop();
    expect(finals.length).toBeGreaterThan(history + 3);
    expect(forming).toBeGreaterThan(3);
    for (let i = 1; i < finals.length; i++)
      expect(finals[i]!.time).toBeGreaterThan(finals[i - 1]!.time);
    for (const b of finals) expect(isTradingMinute(b.time)).toBe(true);
    expect(finals[finals.length - 1]!.time + MINUTE_MS).toBeLessThanOrEqual(clock.now());
    expect(market.minuteCount).toBe(finals.length);
    const h = market.history('15m', 10);
    expect(h.bars).toHaveLength(10);
    expect(h.lastMinuteTime).toBe(finals[finals.length - 1]!.time);
    await feed.dispose();
    market.dispose();
  });

  it('jumps a simulated clock over a closed market to the next open', async () => {
    const bus = new MessageBus();
    const states: string[] = [];
    bus.subscribe('market.feed', (s) => states.push(s.state));
    // Saturday 2024-03-09 12:00 ET: closed until Sunday 18:00 ET.
    const clock = new ScaledClock(Date.UTC(2024, 2, 9, 17, 0), 60);
    const feed = new SyntheticFeed(bus, clock, log, {
      seed: 1,
      symbol: 'NQ',
      historyDays: 1,
      tickMs: 20,
    });
    await feed.start();
    await wait(100);
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2024, 2, 10, 22, 0)); // Sunday 18:00 EDT
    expect(states).toContain('live');
    await feed.dispose();
  });
});
