/** Handlers over fixed values, for router and transport tests. */
import { defaultSettings } from '@shared/settings/schema';
import { utcMs } from '@shared/domain/brand';
import type { TradingStatus } from '@shared/contracts/events';
import type { Handlers } from './router';

const notHere = (): never => {
  throw new Error('not used by this test');
};

export function fixedHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  let trading: TradingStatus = {
    state: 'ACTIVE',
    reason: 'initial state',
    source: 'engine',
    changedAt: 0,
  };
  const feed = {
    source: 'synthetic',
    state: 'live',
    symbol: 'NQ',
    lastBarTime: null,
    detail: '',
  } as const;
  const handlers: Handlers = {
    getSystemInfo: () => ({
      version: 'test',
      mode: 'headless',
      dataDir: '/tmp',
      symbol: 'NQ',
      feed,
      clock: { marketTime: 0, speed: 1, simulated: true, paused: false },
    }),
    getHistory: ({ timeframe, limit }) => {
      calls.push(`getHistory:${timeframe}:${limit}`);
      return {
        timeframe,
        bars: [{ time: utcMs(60_000), open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }],
        forming: null,
        lastMinuteTime: 60_000,
      };
    },
    getTradingStatus: () => trading,
    activateKillSwitch: ({ source }) => {
      calls.push(`kill:${source}`);
      trading = { state: 'HALTED', reason: 'kill switch', source, changedAt: 1 };
      return trading;
    },
    rearmTrading: () => {
      calls.push('rearm');
      trading = { state: 'ACTIVE', reason: 're-armed', source: 'button', changedAt: 2 };
      return trading;
    },
    getSettings: () => defaultSettings(),
    updateSettings: () => {
      throw new Error('settings are read-only in this test');
    },
    getDataInfo: () => ({
      bars: 0,
      imports: 0,
      quarantined: 0,
      series: [],
      rolls: [],
      recentImports: [],
      activeJob: null,
    }),
    chooseImportFiles: notHere,
    startImport: notHere,
    cancelImport: notHere,
    getQuarantine: notHere,
    getStoredBars: notHere,
    setFeed: notHere,
    replayControl: notHere,
    getLevelOverlay: ({ timeframe }) => ({
      timeframe,
      epoch: 0,
      lastMinuteTime: 0,
      bars: {
        time: [],
        starts: [],
        partial: [],
        hour: { vwap: [], sigma: [] },
        day: { vwap: [], sigma: [] },
        week: { vwap: [], sigma: [] },
        month: { vwap: [], sigma: [] },
      },
      session: null,
      week: null,
      tpo: null,
    }),
    listModels: () => ({ models: [], backend: null, training: null }),
    startTraining: notHere,
    cancelTraining: notHere,
    promoteModel: notHere,
    rollbackModel: notHere,
    getPredictions: () => ({ modelId: null, label: 'no model', predictions: [] }),
    explainPrediction: () => ({ explanation: null }),
  };
  return { handlers, calls };
}
