/**
 * Wire shapes of the chart's price-level overlays (DOMAIN.md, "Price levels"): VWAP with its
 * σ per hour/day/week/month anchor for each chart bar, the session and week volume profiles
 * and the RTH TPO profile. Main computes them from the running feed's 1-minute bars; the
 * renderer only draws them.
 *
 * Columns, not rows: a bar's values sit at the same index in every array, which keeps the
 * payload small and lets the renderer copy them straight into typed arrays. An undefined
 * level (no volume yet, or a period holding a bar without volume) travels as `null`, since
 * JSON has no NaN. Bands are not sent: band k = vwap + k·sigma (k = ±1, ±2).
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../domain/bar';

/** VWAP anchors in wire order; bit `i` of `starts` belongs to anchor `i`. */
export const OVERLAY_VWAP_ANCHORS = ['hour', 'day', 'week', 'month'] as const;
/** One VWAP anchor on the wire. */
export type OverlayVwapAnchor = (typeof OVERLAY_VWAP_ANCHORS)[number];

/**
 * Most chart bars one `getLevelOverlay` answer holds: as many as the chart's history
 * snapshot (`chart-feed.ts`), so every bar the chart shows from the feed has its levels —
 * scrolled back through a long history, the VWAP lines do not stop short.
 */
export const LEVEL_OVERLAY_MAX_BARS = 100_000;
/** Most bins of one profile on the wire (wider profiles are merged into coarser bins). */
export const PROFILE_MAX_BINS = 20_000;
/** Most 1-minute rows in one `levels.update` event. */
export const LEVELS_UPDATE_MAX_MINUTES = 2_000;

const Level = z.number().finite().nullable();
const Price = z.number().finite();
const Time = z.number().int();

const VwapLineSchema = z.object({
  vwap: z.array(Level).max(LEVEL_OVERLAY_MAX_BARS),
  sigma: z.array(Level).max(LEVEL_OVERLAY_MAX_BARS),
});

/** VWAP and σ per anchor, one entry per bar (chart bar or 1-minute bar). */
export const VwapColumnsSchema = z.object({
  /** Bar start, UTC ms: equals the `getHistory` bar's time for the same timeframe. */
  time: z.array(Time).max(LEVEL_OVERLAY_MAX_BARS),
  /** Bit i set: anchor i began a new period within this bar (the line breaks there). */
  starts: z.array(z.number().int().min(0).max(15)).max(LEVEL_OVERLAY_MAX_BARS),
  /**
   * Bit i set: anchor i's period began before the first minute held (warm-up), so its VWAP
   * covers only part of the period; e.g. the month VWAP over a few days of history.
   */
  partial: z.array(z.number().int().min(0).max(15)).max(LEVEL_OVERLAY_MAX_BARS),
  hour: VwapLineSchema,
  day: VwapLineSchema,
  week: VwapLineSchema,
  month: VwapLineSchema,
});
/** VWAP and σ columns per anchor. */
export type VwapColumns = z.infer<typeof VwapColumnsSchema>;

const ProfileFields = {
  /** Price of bin 0; bin k is `low + k·binSize`. */
  low: Price,
  /** Bin width in points: the tick, or a multiple of it for a very wide profile. */
  binSize: z.number().finite().positive(),
  poc: Price,
  vah: Price,
  val: Price,
  /** The period was observed from its start (not cut off by the start of the data). */
  complete: z.boolean(),
};

/** A volume profile trimmed to its range, with its nodes. */
export const VolumeProfileWireSchema = z.object({
  ...ProfileFields,
  /** First and last 1-minute bar of the profile's period, UTC ms. */
  from: Time,
  to: Time,
  volumes: z.array(z.number().finite().nonnegative()).max(PROFILE_MAX_BINS),
  hvn: z.array(Price).max(PROFILE_MAX_BINS),
  lvn: z.array(Price).max(PROFILE_MAX_BINS),
});
/** A volume profile on the wire. */
export type VolumeProfileWire = z.infer<typeof VolumeProfileWireSchema>;

/** The TPO profile of the current (or last) RTH session. */
export const TpoProfileWireSchema = z.object({
  ...ProfileFields,
  /** 09:30 ET of the session, UTC ms, and the period length (letter A starts at rthOpen). */
  rthOpen: Time,
  periodMinutes: z.number().int().positive(),
  /** Index of the latest period (0 = A). */
  period: z.number().int().min(0).max(25),
  /** Letters of the periods that marked each bin, e.g. 'ABE'. */
  letters: z.array(z.string().regex(/^[A-Z]*$/)).max(PROFILE_MAX_BINS),
  ibHigh: Level,
  ibLow: Level,
  /** Periods A and B are over. */
  ibFinal: z.boolean(),
  /** Single-print runs, each [low, high] price. */
  singlePrints: z.array(z.tuple([Price, Price])).max(PROFILE_MAX_BINS),
});
/** The TPO profile on the wire. */
export type TpoProfileWire = z.infer<typeof TpoProfileWireSchema>;

const Snapshots = {
  /** Market epoch (increments with every `market.reset`); stale answers can be told apart. */
  epoch: z.number().int().nonnegative(),
  /** Time of the last closed 1-minute bar included (0 when none). */
  lastMinuteTime: Time,
  session: VolumeProfileWireSchema.nullable(),
  week: VolumeProfileWireSchema.nullable(),
  tpo: TpoProfileWireSchema.nullable(),
};

/** `getLevelOverlay` request: a timeframe and how many of its newest bars. */
export const LevelOverlayRequestSchema = z
  .object({
    timeframe: z.enum(TIMEFRAMES),
    /** Most recent chart bars to return. */
    limit: z.number().int().min(1).max(LEVEL_OVERLAY_MAX_BARS).default(5_000),
  })
  .strict();

/** Levels for the last `limit` bars of a timeframe, each as of the bar's last closed minute. */
export const LevelOverlaySchema = z.object({
  timeframe: z.enum(TIMEFRAMES),
  bars: VwapColumnsSchema,
  ...Snapshots,
});
/** The `getLevelOverlay` answer. */
export type LevelOverlay = z.infer<typeof LevelOverlaySchema>;

/** Pushed (throttled) as minutes close: the new 1-minute rows and fresh profiles. */
export const LevelsUpdateSchema = z.object({
  ...Snapshots,
  /** The 1-minute rows since the previous update (at most LEVELS_UPDATE_MAX_MINUTES). */
  minutes: VwapColumnsSchema,
  /**
   * Time of the minute just before `minutes[0]` (0 when none): a client whose last minute is
   * older has missed rows and must ask again with `getLevelOverlay`.
   */
  previousMinuteTime: Time,
});
/** The `levels.update` event payload. */
export type LevelsUpdate = z.infer<typeof LevelsUpdateSchema>;
