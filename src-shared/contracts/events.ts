/**
 * Events pushed from main to the renderer (Electron IPC or the headless WebSocket), with
 * the zod schemas that check them on arrival. Main is the only source of these events.
 */
import { z } from 'zod';
import { TRADING_STATES, STATE_CHANGE_SOURCES } from '../domain/trading-state';
import { utcMs } from '../domain/brand';
import { EVENT_NAME_LIST, type SameKeys } from './channels';
import { LevelsUpdateSchema } from './level-overlay';
import { PredictionsSchema, TrainingProgressSchema } from './model';

export const BarSchema = z.object({
  time: z
    .number()
    .int()
    .transform((t) => utcMs(t)),
  open: z.number().finite(),
  high: z.number().finite(),
  low: z.number().finite(),
  close: z.number().finite(),
  volume: z.number().finite().nonnegative(),
});

export const FeedStatusSchema = z.object({
  /** Which feed is attached (the embedded default is `synthetic`). */
  source: z.enum(['synthetic', 'replay', 'ib', 'none']),
  state: z.enum(['connecting', 'live', 'market-closed', 'stale', 'stopped', 'faulted']),
  symbol: z.string(),
  /** Time of the last bar received, UTC ms. */
  lastBarTime: z.number().int().nullable(),
  detail: z.string(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export const TradingStatusSchema = z.object({
  state: z.enum(TRADING_STATES),
  reason: z.string(),
  source: z.enum(STATE_CHANGE_SOURCES),
  /** When the state last changed, UTC ms. */
  changedAt: z.number().int(),
});
export type TradingStatus = z.infer<typeof TradingStatusSchema>;

export const ClockTickSchema = z.object({
  /** The market clock (simulated for the synthetic market and replays), UTC ms. */
  marketTime: z.number().int(),
  speed: z.number().positive(),
  simulated: z.boolean(),
  /** A paused replay. */
  paused: z.boolean().default(false),
});
export type ClockTick = z.infer<typeof ClockTickSchema>;

export const BarUpdateSchema = z.object({
  symbol: z.string(),
  bar: BarSchema,
  final: z.boolean(),
});
export type BarUpdate = z.infer<typeof BarUpdateSchema>;

export const MarketResetSchema = z.object({ reason: z.string(), epoch: z.number().int() });

export const ImportProgressSchema = z.object({
  jobId: z.string(),
  file: z.string(),
  fileIndex: z.number().int(),
  fileCount: z.number().int(),
  phase: z.enum(['scan', 'import']),
  /** 0..1 within the current file. */
  fraction: z.number().min(0).max(1),
  rows: z.number().int(),
});
export type ImportProgressEvent = z.infer<typeof ImportProgressSchema>;

export const ImportFileResultSchema = z.object({
  file: z.string(),
  ok: z.boolean(),
  /** The importer's summary (see ImportSummary) when ok. */
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z
    .object({
      name: z.string(),
      message: z.string(),
      needs: z.enum(['tz', 'date-order', 'format']).nullable(),
    })
    .nullable(),
});

export const ImportDoneSchema = z.object({
  jobId: z.string(),
  cancelled: z.boolean(),
  results: z.array(ImportFileResultSchema),
});
export type ImportDoneEvent = z.infer<typeof ImportDoneSchema>;

/** Every pushed event and its payload schema. */
export const eventContract = {
  /** A 1-minute bar: forming (final=false) or closed (final=true). */
  'market.bar': BarUpdateSchema,
  'market.feed': FeedStatusSchema,
  'market.reset': MarketResetSchema,
  'trading.status': TradingStatusSchema,
  clock: ClockTickSchema,
  'import.progress': ImportProgressSchema,
  'import.done': ImportDoneSchema,
  /** Price levels after newly closed minutes (throttled), for the chart overlays. */
  'levels.update': LevelsUpdateSchema,
  /** Training progress after every batch and epoch, and the run's end. */
  'model.training': TrainingProgressSchema,
  /** The active model's predictions after a 5-minute bar closed (or the model changed). */
  'model.predictions': PredictionsSchema,
} as const;

export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContract)[E]>;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
const eventsMatch: SameKeys<EventName, (typeof EVENT_NAME_LIST)[number]> = true;
void eventsMatch;
