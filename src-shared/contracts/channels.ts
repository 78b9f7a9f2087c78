/**
 * Channel and event names without their schemas, for the sandboxed preload (which must
 * stay small and cannot load zod's weight for nothing). `ipc.ts` and `events.ts` check at
 * compile time that these lists match their contracts exactly.
 */
export const CHANNEL_NAMES = [
  'getSystemInfo',
  'getHistory',
  'getTradingStatus',
  'activateKillSwitch',
  'rearmTrading',
  'getSettings',
  'updateSettings',
  'getDataInfo',
  'chooseImportFiles',
  'startImport',
  'cancelImport',
  'getQuarantine',
  'getStoredBars',
  'setFeed',
  'replayControl',
  'getLevelOverlay',
  'listModels',
  'startTraining',
  'cancelTraining',
  'promoteModel',
  'rollbackModel',
  'getPredictions',
  'explainPrediction',
] as const;

export const EVENT_NAME_LIST = [
  'market.bar',
  'market.feed',
  'market.reset',
  'trading.status',
  'clock',
  'import.progress',
  'import.done',
  'levels.update',
  'model.training',
  'model.predictions',
] as const;

/** Compile-time equality of two string unions. */
export type SameKeys<A extends string, B extends string> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
