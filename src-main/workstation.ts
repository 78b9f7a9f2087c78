/**
 * Composition root shared by the Electron app and headless mode: the bus, logging, settings,
 * journal, trading state, market store and data, the feed, imports, plus the IPC handler
 * object. Transports (ipcMain, WebSocket) only carry calls to `handlers` and events from
 * `onEvent`.
 */
import { join } from 'node:path';
import type { EventName, EventPayload } from '@shared/contracts/events';
import { REARM_CONFIRMATION } from '@shared/contracts/ipc';
import { MessageBus } from './engine/bus';
import { RealClock, type Clock } from './engine/clock';
import { createLogger, RotatingFileSink, type LogSink, type Logger } from './engine/logger';
import type { SqliteDatabase } from './data/database';
import { openJournal } from './data/journal-db';
import { MarketDataService } from './data/market-data';
import { FileRegistry } from './data/import/file-registry';
import { ImportService, workerRunner, type ImportRunner } from './data/import/import-service';
import { MarketStore } from './data/store/market-store';
import { TradingStateService } from './risk/trading-state';
import { SettingsService, type SettingsBackend } from './settings/settings-store';
import type { Handlers } from './ipc/router';
import { dataHandlers } from './services/data-handlers';
import { FeedSlot } from './services/feed-slot';
import { LevelOverlayService } from './services/level-overlay';
import { ModelService } from './services/model-service';
import { MlClient } from './ml/worker/ml-client';
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
  /** How imports run (default: a worker thread from the bundled `import-worker.cjs`). */
  readonly importRunner?: ImportRunner;
  /** Opens a file dialog (Electron only). */
  readonly chooseFiles?: () => Promise<string[]>;
  /** Shipped models (default: the repository's `models/` beside `dist/`). */
  readonly shippedModelsDir?: string | null;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Workstation {
  readonly handlers: Handlers;
  readonly log: Logger;
  readonly bus: MessageBus;
  readonly tradingState: TradingStateService;
  readonly settings: SettingsService;
  readonly files: FileRegistry;
  readonly imports: ImportService;
  readonly dataDir: string;
  /** The market clock of the current feed. */
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
  const wallClock = new RealClock();
  const journal: SqliteDatabase = openJournal(join(opts.dataDir, 'journal.sqlite'));
  const tradingState = new TradingStateService(journal, bus, wallClock, log.child('trading-state'));
  const marketDbPath = join(opts.dataDir, 'market.sqlite');
  let marketStore: MarketStore | undefined;
  const store = (): MarketStore => (marketStore ??= new MarketStore(marketDbPath));
  const market = new MarketDataService(bus);
  const feeds = new FeedSlot(
    bus,
    store,
    log.child('feed'),
    feedSettings.symbol,
    feedSettings.historyDays,
    // Settings may choose IB at start; flags for the synthetic market (seed, speed) win.
    feedSettings.source === 'ib' && opts.seed === undefined && opts.speed === undefined
      ? { source: 'ib', ...feedSettings.ib }
      : { source: 'synthetic', seed, speed, start: opts.start ?? Date.now() },
  );
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of [...listeners]) l(event, payload);
  };
  const clockTick = (): EventPayload<'clock'> => ({
    marketTime: feeds.clock.now(),
    speed: feeds.clock.speed,
    simulated: feeds.clock.simulated,
    paused: feeds.scaled?.isPaused ?? false,
  });
  const files = new FileRegistry();
  const imports = new ImportService(
    marketDbPath,
    opts.importRunner ?? workerRunner(join(__dirname, 'import-worker.cjs')),
    { progress: (p) => emit('import.progress', p), done: (d) => emit('import.done', d) },
    log.child('import'),
  );

  const levelOverlay = new LevelOverlayService(bus, market, (u) => emit('levels.update', u), {
    log: log.child('levels'),
  });

  let mlClient: MlClient | undefined;
  const models = new ModelService(bus, market, {
    dataDir: opts.dataDir,
    shippedDir:
      opts.shippedModelsDir === undefined
        ? join(__dirname, '..', '..', 'models')
        : opts.shippedModelsDir,
    marketDbPath,
    client: () => (mlClient ??= new MlClient(join(__dirname, 'ml-worker.cjs'))),
    emitTraining: (p) => emit('model.training', p),
    emitPredictions: (p) => emit('model.predictions', p),
    log: log.child('model'),
  });

  const disposers = [
    bus.subscribe('market.bar', (m) =>
      emit('market.bar', { symbol: m.symbol, bar: m.bar, final: m.final }),
    ),
    bus.subscribe('market.feed', (s) => emit('market.feed', s)),
    bus.subscribe('market.reset', (r) =>
      emit('market.reset', { reason: r.reason, epoch: r.epoch }),
    ),
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
    ...dataHandlers({
      store,
      files,
      imports,
      feeds,
      seed,
      clockTick,
      ibSettings: () => settings.get().feed.ib,
      ...(opts.chooseFiles ? { chooseFiles: opts.chooseFiles } : {}),
    }),
    getLevelOverlay: ({ timeframe, limit }) => levelOverlay.overlay(timeframe, limit),
    listModels: () => models.list(),
    startTraining: (r) => models.startTraining(r),
    cancelTraining: ({ runId }) => models.cancelTraining(runId),
    promoteModel: ({ id }) => models.promote(id),
    rollbackModel: () => models.rollback(),
    getPredictions: ({ last }) => models.predictions(last),
    explainPrediction: async ({ time }) => ({ explanation: await models.explain(time) }),
  };

  return {
    handlers,
    log,
    bus,
    tradingState,
    settings,
    files,
    imports,
    dataDir: opts.dataDir,
    get marketClock() {
      return feeds.clock;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      log.info('workstation starting', { mode: opts.mode, dataDir: opts.dataDir, seed, speed });
      await feeds.start();
      levelOverlay.start();
      clockTimer = setInterval(() => emit('clock', clockTick()), 1000);
    },
    async dispose() {
      clearInterval(clockTimer);
      await feeds.dispose();
      await imports.idle();
      levelOverlay.dispose();
      models.dispose();
      await mlClient?.close();
      market.dispose();
      for (const d of disposers) d();
      listeners.clear();
      marketStore?.close();
      journal.close();
      log.info('workstation stopped');
      fileSink.close();
    },
  };
}
