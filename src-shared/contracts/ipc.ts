/**
 * The IPC contract: every channel the renderer may call, with its request and response
 * schemas, in one file. Electron (preload + ipcMain) and headless mode (WebSocket) speak
 * exactly this contract, so one renderer runs on both. Main parses every request with the
 * channel's schema; the renderer is untrusted input.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../domain/bar';
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
