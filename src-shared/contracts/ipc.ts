/**
 * The IPC contract: every channel the renderer may call, with its request and response
 * schemas, in one file. Electron (preload + ipcMain) and headless mode (WebSocket) speak
 * exactly this contract, so one renderer runs on both. Main parses every request with the
 * channel's schema; the renderer is untrusted input.
 */
import { z } from 'zod';
import { BAR_TIMEFRAMES, TIMEFRAMES } from '../domain/bar';
import { CHANNEL_NAMES, type SameKeys } from './channels';
import { SettingsPatchSchema, SettingsSchema } from '../settings/schema';
import {
  BarSchema,
  ClockTickSchema,
  FeedStatusSchema,
  TradingStatusSchema,
  eventContract,
  type EventName,
  type EventPayload,
} from './events';
import { LevelOverlayRequestSchema, LevelOverlaySchema } from './level-overlay';
import {
  ModelListSchema,
  PredictionExplanationSchema,
  PredictionsSchema,
  TrainingRequestSchema,
} from './model';

export const IMPORT_FORMATS = [
  'firstrate',
  'ninjatrader',
  'tradingview',
  'tradestation',
  'databento',
  'generic',
] as const;
export const STORED_TIMEFRAMES = BAR_TIMEFRAMES;

export const ImportFileRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type ImportFileRef = z.infer<typeof ImportFileRefSchema>;

export const DataInfoSchema = z.object({
  bars: z.number().int(),
  imports: z.number().int(),
  quarantined: z.number().int(),
  series: z.array(
    z.object({
      symbol: z.string(),
      timeframe: z.number().int(),
      bars: z.number().int(),
      first: z.number().int(),
      last: z.number().int(),
      volumeAbsent: z.boolean(),
    }),
  ),
  rolls: z.array(
    z.object({
      symbol: z.string(),
      timeframe: z.number().int(),
      time: z.number().int(),
      fromContract: z.string().nullable(),
      toContract: z.string().nullable(),
      gap: z.number(),
      source: z.string(),
    }),
  ),
  recentImports: z.array(
    z.object({
      id: z.number().int(),
      file: z.string(),
      sha256: z.string(),
      finishedAt: z.number().int().nullable(),
      imported: z.number().int(),
      quarantined: z.number().int(),
    }),
  ),
  /** An import currently running, if any. */
  activeJob: z.string().nullable(),
});
export type DataInfo = z.infer<typeof DataInfoSchema>;

/** The phrase the re-arm dialog sends once the trader has confirmed. */
export const REARM_CONFIRMATION = 'RE-ARM TRADING' as const;

const Empty = z.object({}).strict();

export const ipcContract = {
  getSystemInfo: {
    request: Empty,
    response: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'headless']),
      dataDir: z.string(),
      symbol: z.string(),
      feed: FeedStatusSchema,
      clock: ClockTickSchema,
    }),
  },
  getHistory: {
    request: z
      .object({
        timeframe: z.enum(TIMEFRAMES),
        /** Most recent bars to return. */
        limit: z.number().int().min(1).max(200_000).default(5_000),
      })
      .strict(),
    response: z.object({
      timeframe: z.enum(TIMEFRAMES),
      /** Aggregated from closed minutes only. */
      bars: z.array(BarSchema),
      /** The forming 1-minute bar, if a minute is in progress. */
      forming: BarSchema.nullable(),
      /** Time of the last closed 1-minute bar in `bars` (0 when none). */
      lastMinuteTime: z.number().int(),
    }),
  },
  getTradingStatus: { request: Empty, response: TradingStatusSchema },
  activateKillSwitch: {
    request: z.object({ source: z.enum(['button', 'shortcut']) }).strict(),
    response: TradingStatusSchema,
  },
  rearmTrading: {
    request: z.object({ confirmation: z.literal(REARM_CONFIRMATION) }).strict(),
    response: TradingStatusSchema,
  },
  getSettings: { request: Empty, response: SettingsSchema },
  updateSettings: { request: SettingsPatchSchema, response: SettingsSchema },
  /** What the market store holds. */
  getDataInfo: { request: Empty, response: DataInfoSchema },
  /**
   * Electron: opens the file dialog in main and returns ids for the chosen files. The
   * renderer never sends paths: imports name files by ids that main minted (here, or for
   * an upload in headless mode via `POST /api/upload`).
   */
  chooseImportFiles: {
    request: Empty,
    response: z.object({ files: z.array(ImportFileRefSchema) }),
  },
  startImport: {
    request: z
      .object({
        fileIds: z
          .array(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/))
          .min(1)
          .max(100),
        format: z.enum(IMPORT_FORMATS).optional(),
        tz: z.string().min(1).max(64).optional(),
        dateOrder: z.enum(['mdy', 'dmy']).optional(),
        symbol: z.enum(['NQ', 'MNQ']).default('NQ'),
      })
      .strict(),
    response: z.object({ jobId: z.string() }),
  },
  cancelImport: {
    request: z.object({ jobId: z.string() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Quarantined rows of an imported file (by its content hash). */
  getQuarantine: {
    request: z
      .object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    response: z.object({
      rows: z.array(
        z.object({
          line: z.number().int(),
          reason: z.string(),
          detail: z.string(),
          raw: z.string(),
        }),
      ),
    }),
  },
  /** Stored (imported) bars, newest `limit` before `before`, for browsing years of history. */
  getStoredBars: {
    request: z
      .object({
        timeframe: z.enum(STORED_TIMEFRAMES),
        before: z.number().int().optional(),
        limit: z.number().int().min(1).max(100_000).default(5_000),
        adjusted: z.boolean().default(false),
      })
      .strict(),
    response: z.object({
      bars: z.array(BarSchema),
      sourceTimeframe: z.number().int().nullable(),
      volumeAbsent: z.boolean(),
    }),
  },
  /** Switches the market feed: the synthetic market, or a replay of stored 1-minute bars. */
  setFeed: {
    request: z.discriminatedUnion('source', [
      z
        .object({ source: z.literal('synthetic'), speed: z.number().min(1).max(3600).optional() })
        .strict(),
      z
        .object({
          source: z.literal('replay'),
          from: z.number().int(),
          speed: z.number().min(1).max(3600).default(60),
        })
        .strict(),
      /** Interactive Brokers with the host, port and client id from settings. */
      z.object({ source: z.literal('ib') }).strict(),
    ]),
    response: FeedStatusSchema,
  },
  replayControl: {
    request: z.discriminatedUnion('action', [
      z.object({ action: z.literal('pause') }).strict(),
      z.object({ action: z.literal('resume') }).strict(),
      z.object({ action: z.literal('speed'), speed: z.number().min(1).max(3600) }).strict(),
      z.object({ action: z.literal('seek'), to: z.number().int() }).strict(),
    ]),
    response: ClockTickSchema,
  },
  /**
   * Price levels for the chart overlays: VWAP ±σ per chart bar (aligned with `getHistory`
   * for the same timeframe) and the current session/week volume and RTH TPO profiles.
   */
  getLevelOverlay: { request: LevelOverlayRequestSchema, response: LevelOverlaySchema },
  /** The model registry, the worker's backend and the latest training run. */
  listModels: { request: Empty, response: ModelListSchema },
  /** Starts walk-forward training in the ML worker; progress arrives as `model.training`. */
  startTraining: { request: TrainingRequestSchema, response: z.object({ runId: z.string() }) },
  cancelTraining: {
    request: z.object({ runId: z.string() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  promoteModel: { request: z.object({ id: z.string() }).strict(), response: ModelListSchema },
  rollbackModel: { request: Empty, response: ModelListSchema },
  /** The active model's predictions over the running feed's last `last` decision bars. */
  getPredictions: {
    request: z.object({ last: z.number().int().min(1).max(5000).default(300) }).strict(),
    response: PredictionsSchema,
  },
  /** Attention and variable importance of one decision bar (the latest when time is null). */
  explainPrediction: {
    request: z.object({ time: z.number().int().nullable() }).strict(),
    response: z.object({ explanation: PredictionExplanationSchema.nullable() }),
  },
} as const;

export type Channel = keyof typeof ipcContract;
export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;
// A channel added to the contract but not to CHANNEL_NAMES (or the reverse) fails to compile.
const channelsMatch: SameKeys<Channel, (typeof CHANNEL_NAMES)[number]> = true;
void channelsMatch;
/** What the caller sends (defaults may be omitted). */
export type Request<C extends Channel> = z.input<(typeof ipcContract)[C]['request']>;
/** What the handler receives after parsing (defaults filled in). */
export type ParsedRequest<C extends Channel> = z.output<(typeof ipcContract)[C]['request']>;
export type Response<C extends Channel> = z.output<(typeof ipcContract)[C]['response']>;

/** An error as it travels across a process boundary. */
export interface WireError {
  readonly name: string;
  readonly message: string;
}

export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

/**
 * The API the renderer sees: one named function per channel, plus event subscription.
 * The Electron preload builds it `satisfies WindowApi`; the headless client implements it
 * over a WebSocket.
 */
export type WindowApi = {
  readonly [C in Channel]: (request: Request<C>) => Promise<Response<C>>;
} & {
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  readonly onEvent: <E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

/** Headless WebSocket frames: client → server. */
export const WsRequestFrameSchema = z
  .object({ seq: z.number().int().nonnegative(), channel: z.string(), payload: z.unknown() })
  .strict();
export type WsRequestFrame = z.infer<typeof WsRequestFrameSchema>;

/** Headless WebSocket frames: server → client. */
export type WsServerFrame =
  | { readonly type: 'response'; readonly seq: number; readonly result: IpcResult<unknown> }
  | { readonly type: 'event'; readonly event: EventName; readonly payload: unknown };

export { eventContract };
