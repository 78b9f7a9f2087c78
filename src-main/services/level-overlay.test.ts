import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bar, Timeframe } from '@shared/domain/bar';
import { BarColumns } from '@shared/market/bar-columns';
import {
  LevelOverlaySchema,
  LevelsUpdateSchema,
  type LevelsUpdate,
} from '@shared/contracts/level-overlay';
import { MessageBus } from '../engine/bus';
import { MarketDataService } from '../data/market-data';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { computeLevels } from '../features/levels/level-batch';
import { decisionBars, everyBar } from '../features/levels/level-columns';
import { LevelEngine } from '../features/levels/level-engine';
import { tpoView, volumeProfileView } from '../features/levels/level-views';
import { LevelOverlayService } from './level-overlay';

// Monday 2024-03-04 00:00 UTC: a week of minutes spans hour, day and week anchors.
const START = Date.UTC(2024, 2, 4);

function minutes(count: number, seed = 7): Bar[] {
  const market = new SyntheticMarket({ seed, start: START });
  return Array.from({ length: count }, () => market.nextBar());
}

function columnsOf(bars: readonly Bar[]): BarColumns {
  const c = new BarColumns(bars.length);
  for (const b of bars) c.pushBar(b);
  return c;
}

/** The levels a chart bar of `timeframe` must show: computeLevels at each bar's last minute. */
function expected(bars: readonly Bar[], timeframe: Timeframe) {
  const c = columnsOf(bars);
  const size = { '1m': 1, '5m': 5, '15m': 15, '30m': 30, '1h': 60 }[timeframe];
  let ends = size === 1 ? everyBar(c.length) : decisionBars(c.time, c.length, size);
  // The newest bar is on the chart while its bucket is still open: its last closed minute.
  if (ends[ends.length - 1] !== c.length - 1) ends = Int32Array.from([...ends, c.length - 1]);
  const levels = computeLevels(c, ends);
  const nul = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
  return {
    hour: { vwap: nul(levels.level.vwapHour), sigma: nul(levels.level.sigmaHour) },
    day: { vwap: nul(levels.level.vwapDay), sigma: nul(levels.level.sigmaDay) },
    week: { vwap: nul(levels.level.vwapWeek), sigma: nul(levels.level.sigmaWeek) },
    month: { vwap: nul(levels.level.vwapMonth), sigma: nul(levels.level.sigmaMonth) },
  };
}

describe('LevelOverlayService', () => {
  let bus: MessageBus;
  let market: MarketDataService;
  let updates: LevelsUpdate[];
  let service: LevelOverlayService;

  const publish = (bars: readonly Bar[], final = true) => {
    for (const bar of bars) bus.publish('market.bar', { symbol: 'NQ', bar, final });
  };

  beforeEach(() => {
    vi.useFakeTimers();
    bus = new MessageBus((_topic, error) => {
      throw error;
    });
    market = new MarketDataService(bus);
    updates = [];
    service = new LevelOverlayService(bus, market, (u) => updates.push(u), { throttleMs: 100 });
  });
  afterEach(() => {
    service.dispose();
    market.dispose();
    vi.useRealTimers();
  });

  it.each(['1m', '5m', '15m', '1h'] as const)(
    'answers %s levels equal to computeLevels at each chart bar, aligned with getHistory',
    (timeframe) => {
      const bars = minutes(4000);
      publish(bars);
      const overlay = service.overlay(timeframe, 20_000);
      expect(LevelOverlaySchema.safeParse(overlay).success).toBe(true);
      const history = market.history(timeframe, 20_000).bars;
      expect(overlay.bars.time).toEqual(history.map((b) => b.time));
      const want = expected(bars, timeframe);
      expect(overlay.bars.hour).toEqual(want.hour);
      expect(overlay.bars.day).toEqual(want.day);
      expect(overlay.bars.week).toEqual(want.week);
      expect(overlay.bars.month).toEqual(want.month);
      expect(overlay.lastMinuteTime).toBe(bars[bars.length - 1]?.time);
    },
  );

  it('returns the newest `limit` bars and marks where each anchor period begins', () => {
    const bars = minutes(3000);
    publish(bars);
    const all = service.overlay('15m', 20_000);
    const last = service.overlay('15m', 50);
    expect(last.bars.time).toEqual(all.bars.time.slice(-50));
    expect(last.bars.day.vwap).toEqual(all.bars.day.vwap.slice(-50));
    // Every new NY hour starts an hour period: bit 0 on the first 15-minute bar of each hour.
    const hourStarts = all.bars.time.filter((_, i) => ((all.bars.starts[i] ?? 0) & 1) !== 0);
    expect(hourStarts.length).toBeGreaterThan(20);
    for (const t of hourStarts) expect(t % 3_600_000).toBe(0);
    // The first hour and day began before the first minute: partial until the next one.
    const partial = (bit: number) => all.bars.partial.map((p) => (p & bit) !== 0);
    const firstHour = hourStarts[1] ?? 0;
    expect(partial(1)).toEqual(all.bars.time.map((t) => t < firstHour));
    expect(partial(2).slice(0, 3)).toEqual([true, true, true]);
    expect(partial(2).at(-1)).toBe(false);
  });

  it('reports the current profiles as the engine sees them', () => {
    const bars = minutes(2500);
    publish(bars);
    const engine = new LevelEngine();
    for (const b of bars) engine.push(b.time, b.open, b.high, b.low, b.close, b.volume);
    const o = service.overlay('1m', 10);
    const session = volumeProfileView(engine, 'session');
    const week = volumeProfileView(engine, 'week');
    const tpo = tpoView(engine);
    expect(o.session && o.week && o.tpo && session && week && tpo).toBeTruthy();
    expect(o.session?.volumes).toEqual(Array.from(session?.values ?? []));
    expect(o.session?.poc).toBe(session?.poc);
    expect(o.session?.hvn).toEqual(session?.hvn);
    expect(o.week?.vah).toBe(week?.vah);
    expect(o.week?.lvn).toEqual(week?.lvn);
    expect(o.tpo?.letters).toEqual(tpo?.letters);
    expect(o.tpo?.ibHigh).toBe(tpo?.ibHigh);
    expect(o.session?.to).toBe(bars[bars.length - 1]?.time);
    expect(o.session?.from).toBeLessThan(o.session?.to ?? 0);
    expect(o.week?.from).toBeLessThanOrEqual(o.session?.from ?? 0);
  });

  it('ignores forming bars and pushes throttled updates with the new minutes', () => {
    const bars = minutes(1200);
    publish(bars.slice(0, 1000));
    vi.advanceTimersByTime(100);
    expect(updates).toHaveLength(1);
    const before = service.overlay('1m', 20_000);
    publish(bars.slice(1000, 1001), false);
    expect(service.overlay('1m', 20_000).bars.time).toHaveLength(1000);

    publish(bars.slice(1000, 1010));
    expect(updates).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(updates).toHaveLength(2);
    const u = updates[1] as LevelsUpdate;
    expect(LevelsUpdateSchema.safeParse(u).success).toBe(true);
    expect(u.minutes.time).toEqual(bars.slice(1000, 1010).map((b) => b.time));
    expect(u.previousMinuteTime).toBe(before.lastMinuteTime);
    const after = service.overlay('1m', 20_000);
    expect(u.minutes.day.vwap).toEqual(after.bars.day.vwap.slice(-10));
    expect(u.session).toEqual(after.session);
    expect(after.bars.day).toEqual(expected(bars.slice(0, 1010), '1m').day);
  });

  it('clears on market.reset and rebuilds from the new epoch’s minutes', async () => {
    publish(minutes(1500));
    bus.publish('market.reset', { reason: 'test', epoch: 3 });
    const empty = service.overlay('5m', 20_000);
    expect(empty.epoch).toBe(3);
    expect(empty.bars.time).toEqual([]);
    expect(empty.session).toBeNull();
    expect(empty.tpo).toBeNull();

    // A new feed publishes its history in the same turn as the reset.
    const other = minutes(900, 11);
    bus.publish('market.reset', { reason: 'test', epoch: 4 });
    publish(other);
    await Promise.resolve();
    vi.advanceTimersByTime(100);
    // The rebuild read the history from MarketDataService: nothing to push twice.
    expect(updates).toHaveLength(0);
    const o = service.overlay('5m', 20_000);
    expect(o.epoch).toBe(4);
    expect(o.bars.week).toEqual(expected(other, '5m').week);
  });

  it('catches up at start with bars published before it existed', () => {
    service.dispose();
    const bars = minutes(1800);
    publish(bars);
    service = new LevelOverlayService(bus, market, (u) => updates.push(u));
    service.start();
    expect(service.overlay('30m', 20_000).bars.day).toEqual(expected(bars, '30m').day);
  });

  it("shows levels across a roll in each minute's contract, as the same market without the gap would, live and rebuilt", () => {
    const bars = minutes(4000);
    const at = 2500;
    const gap = 250;
    const gapped = bars.map((b, i) =>
      i < at
        ? b
        : { ...b, open: b.open + gap, high: b.high + gap, low: b.low + gap, close: b.close + gap },
    );
    publish(gapped.slice(0, at));
    bus.publish('market.roll', { symbol: 'NQ', time: bars[at]?.time ?? 0, gap });
    publish(gapped.slice(at));
    // The reference: the market without the gap, on a bus of its own.
    const refBus = new MessageBus();
    const refMarket = new MarketDataService(refBus);
    const ref = new LevelOverlayService(refBus, refMarket, () => undefined);
    for (const bar of bars) refBus.publish('market.bar', { symbol: 'NQ', bar, final: true });
    const want = ref.overlay('1m', 20_000);
    const moved = (xs: readonly (number | null)[]) =>
      xs.map((v, i) => (v === null || i < at ? v : v + gap));
    const check = (o: ReturnType<LevelOverlayService['overlay']>) => {
      for (const a of ['hour', 'day', 'week', 'month'] as const) {
        expect(o.bars[a].vwap).toEqual(moved(want.bars[a].vwap));
        expect(o.bars[a].sigma).toEqual(want.bars[a].sigma);
      }
      expect(o.session?.volumes).toEqual(want.session?.volumes);
      expect(o.session?.poc).toBe((want.session?.poc ?? 0) + gap);
      expect(o.week?.low).toBe((want.week?.low ?? 0) + gap);
      expect(o.week?.hvn).toEqual(want.week?.hvn.map((p) => p + gap));
      expect(o.tpo?.letters).toEqual(want.tpo?.letters);
      expect(o.tpo?.val).toBe((want.tpo?.val ?? 0) + gap);
    };
    check(service.overlay('1m', 20_000));
    expect(market.rolls()).toEqual([{ time: bars[at]?.time, gap }]);
    // Without the roll the week profile holds both contracts: wider by about the gap.
    const plainBus = new MessageBus();
    const plain = new LevelOverlayService(
      plainBus,
      new MarketDataService(plainBus),
      () => undefined,
    );
    for (const bar of gapped) plainBus.publish('market.bar', { symbol: 'NQ', bar, final: true });
    const plainWeek = plain.overlay('1m', 1).week?.volumes.length ?? 0;
    expect(plainWeek).toBeGreaterThan((want.week?.volumes.length ?? 0) + gap);
    plain.dispose();
    service.dispose();
    service = new LevelOverlayService(bus, market, (u) => updates.push(u));
    service.start();
    check(service.overlay('1m', 20_000));
    ref.dispose();
    refMarket.dispose();
  });
});
