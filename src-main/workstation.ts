/**
 * Composition root shared by the Electron app and headless mode: the bus, logging, settings,
 * journal, trading state, market data and the feed, plus the IPC handler object. Transports
 * (ipcMain, WebSocket) only carry calls to `handlers` and events from `onEvent`.
 */
import { join } from 'node:path';
import type { EventName, EventPayload } from '@shared/contracts/events';
import { REARM_CONFIRMATION } from '@shared/contracts/ipc';
import { MessageBus } from './engine/bus';
import { RealClock, ScaledClock, type Clock } from './engine/clock';
import { Kernel } from './engine/kernel';
import { createLogger, RotatingFileSink, type LogSink, type Logger } from './engine/logger';
import type { SqliteDatabase } from './data/database';
import { openJournal } from './data/journal-db';
import { MarketDataService } from './data/market-data';
import { SyntheticFeed } from './data/feeds/synthetic-feed';
import { TradingStateService } from './risk/trading-state';
import { SettingsService, type SettingsBackend } from './settings/settings-store';
import type { Handlers } from './ipc/router';
import { APP_VERSION } from './version';

export interface WorkstationOptions {
  readonly dataDir: string;
  readonly mode: 'electron' | 'headless';
  readonly settingsBackend: SettingsBackend;
  /** Overrides of the feed settings for this run (CLI flags). */
  readonly seed?: number;
  readonly speed?: number;
  /** Start of the market clock, UTC ms (default: now). */
  readonly start?: number;
  /** Extra log sinks (e.g. the console). */
  readonly logSinks?: readonly LogSink[];
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Workstation {
  readonly handlers: Handlers;
  readonly log: Logger;
  readonly bus: MessageBus;
  readonly tradingState: TradingStateService;
  readonly settings: SettingsService;
  readonly marketClock: Clock;
  /** Forwards every pushed event; returns the function that stops forwarding. */
  onEvent(listener: EventListener): () => void;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Builds (but does not start) a workstation over `dataDir`. */
export function createWorkstation(opts: WorkstationOptions): Workstation {
  const fileSink = new RotatingFileSink(join(opts.dataDir, 'logs'));
  const log = createLogger({ sinks: [fileSink, ...(opts.logSinks ?? [])] });
  const bus = new MessageBus((topic, error) =>
    log.error('bus subscriber failed', { topic, error }),
  );
  const settings = new SettingsService(opts.settingsBackend);
  const feedSettings = settings.get().feed;
  const seed = opts.seed ?? feedSettings.seed;
  const speed = opts.speed ?? feedSettings.speed;
  const marketClock = new ScaledClock(opts.start ?? Date.now(), speed);
  const wallClock = new RealClock();
  const journal: SqliteDatabase = openJournal(join(opts.dataDir, 'journal.sqlite'));
  const tradingState = new TradingStateService(journal, bus, wallClock, log.child('trading-state'));
  const market = new MarketDataService(bus);
  const kernel = new Kernel(bus, wallClock, log.child('kernel'));
  kernel.register(
    new SyntheticFeed(bus, marketClock, log.child('feed'), {
      seed,
      symbol: feedSettings.symbol,
      historyDays: feedSettings.historyDays,
    }),
  );
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of [...listeners]) l(event, payload);
  };
  const clockTick = (): EventPayload<'clock'> => ({
    marketTime: marketClock.now(),
    speed: marketClock.speed,
    simulated: marketClock.simulated,
  });

  const disposers = [
    bus.subscribe('market.bar', (m) =>
      emit('market.bar', { symbol: m.symbol, bar: m.bar, final: m.final }),
    ),
    bus.subscribe('market.feed', (s) => emit('market.feed', s)),
    bus.subscribe('risk.tradingState', () => emit('trading.status', tradingState.get())),
  ];
  let clockTimer: ReturnType<typeof setInterval> | undefined;

  const handlers: Handlers = {
    getSystemInfo: () => ({
      version: APP_VERSION,
      mode: opts.mode,
      dataDir: opts.dataDir,
      symbol: feedSettings.symbol,
      feed: market.feedStatus(),
      clock: clockTick(),
    }),
    getHistory: ({ timeframe, limit }) => ({ timeframe, ...market.history(timeframe, limit) }),
    getTradingStatus: () => tradingState.get(),
    activateKillSwitch: ({ source }) => tradingState.killSwitch(source),
    rearmTrading: ({ confirmation }) => {
      // The schema already demands the phrase; checked again because re-arming is a person's act.
      if (confirmation !== REARM_CONFIRMATION)
        throw new Error('re-arm needs the explicit confirmation');
      return tradingState.rearm('button');
    },
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
  };

  return {
    handlers,
    log,
    bus,
    tradingState,
    settings,
    marketClock,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      log.info('workstation starting', { mode: opts.mode, dataDir: opts.dataDir, seed, speed });
      await kernel.start();
      clockTimer = setInterval(() => emit('clock', clockTick()), 1000);
    },
    async dispose() {
      clearInterval(clockTimer);
      await kernel.dispose();
      market.dispose();
      for (const d of disposers) d();
      listeners.clear();
      journal.close();
      log.info('workstation stopped');
      fileSink.close();
    },
  };
}
