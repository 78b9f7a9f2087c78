/**
 * The settings schema: one zod schema with defaults for the app (electron-store) and
 * headless mode (a JSON file in the data dir). Every number here is a DOMAIN.md default;
 * parsing `{}` yields the full default settings.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../domain/bar';

export const RiskSettingsSchema = z
  .object({
    initialBalance: z.number().finite().positive().default(100_000),
    riskMode: z.enum(['percent', 'fixed']).default('percent'),
    /** Percent of the current balance risked per trade (`riskMode: percent`). */
    defaultRiskPercent: z.number().finite().gt(0).max(5).default(1),
    /** Dollars risked per trade (`riskMode: fixed`). */
    defaultRiskDollars: z.number().finite().positive().default(1_000),
    /** Floor of the reverse-martingale risk, as a fraction of the default risk. */
    minRiskFraction: z
      .number()
      .finite()
      .gt(0)
      .max(1)
      .default(1 / 8),
    dailyLossLimitPercent: z.number().finite().gt(0).max(20).default(2),
    accountFloorPercent: z.number().finite().gt(0).lt(100).default(90),
    minStopTicks: z.number().int().positive().default(8),
    maxStopTicks: z.number().int().positive().default(200),
    mnqOnly: z.boolean().default(false),
    flattenBeforeAsia: z.boolean().default(true),
    noEntryMinutesBeforeHalt: z.number().int().min(0).max(60).default(15),
  })
  .refine((r) => r.minStopTicks <= r.maxStopTicks, {
    message: 'minStopTicks must not exceed maxStopTicks',
  });

/**
 * Which price-level overlays the chart shows (toggled from its legend). The day VWAP and the
 * profiles are on by default; the other anchors and the TPO letters are opt-in, since all
 * of them at once crowd the candles.
 */
export const OverlaySettingsSchema = z.object({
  vwapHour: z.boolean().default(false),
  vwapDay: z.boolean().default(true),
  vwapWeek: z.boolean().default(false),
  vwapMonth: z.boolean().default(false),
  sessionProfile: z.boolean().default(true),
  weekProfile: z.boolean().default(true),
  tpo: z.boolean().default(false),
  nodes: z.boolean().default(true),
});
export type OverlaySettings = z.infer<typeof OverlaySettingsSchema>;

export const UiSettingsSchema = z.object({
  timeframe: z.enum(TIMEFRAMES).default('1m'),
  /** Keyboard shortcut for the kill switch, in Electron accelerator syntax. */
  killSwitchShortcut: z.string().min(1).default('CommandOrControl+Shift+K'),
  overlays: OverlaySettingsSchema.default(() => OverlaySettingsSchema.parse({})),
});

export const IbSettingsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** TWS paper 7497, TWS live 7496, IB Gateway paper 4002, live 4001. */
  port: z.number().int().min(1).max(65535).default(7497),
  clientId: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(17),
});

export const FeedSettingsSchema = z.object({
  /** The feed at start: the embedded synthetic market, or Interactive Brokers. */
  source: z.enum(['synthetic', 'ib']).default('synthetic'),
  ib: IbSettingsSchema.default(() => IbSettingsSchema.parse({})),
  symbol: z.enum(['NQ', 'MNQ']).default('NQ'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
  /** Simulated minutes per real minute for the synthetic market. */
  speed: z.number().finite().min(1).max(3600).default(1),
  /** Trade dates of synthetic history generated before the live start. */
  historyDays: z.number().int().min(1).max(60).default(5),
});

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  risk: RiskSettingsSchema.default(() => RiskSettingsSchema.parse({})),
  ui: UiSettingsSchema.default(() => UiSettingsSchema.parse({})),
  feed: FeedSettingsSchema.default(() => FeedSettingsSchema.parse({})),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** A deep-partial change, as sent by the settings panel. */
export const SettingsPatchSchema = z
  .object({
    risk: z.record(z.string(), z.unknown()).optional(),
    ui: z.record(z.string(), z.unknown()).optional(),
    feed: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** The default settings. */
export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/**
 * Applies a patch to settings and validates the result as a whole; throws a ZodError
 * naming the offending field when the result is invalid.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return SettingsSchema.parse({
    ...current,
    risk: { ...current.risk, ...patch.risk },
    ui: { ...current.ui, ...patch.ui },
    feed: { ...current.feed, ...patch.feed },
  });
}
