/**
 * Trading states (DOMAIN.md): ACTIVE allows everything, REDUCING only orders that reduce
 * exposure, HALTED no new orders (cancels and flattening are still allowed).
 */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

/** Who changed the trading state: a person through the UI, the CLI/HTTP call, or the engine. */
export const STATE_CHANGE_SOURCES = ['button', 'shortcut', 'cli', 'http', 'engine'] as const;
export type StateChangeSource = (typeof STATE_CHANGE_SOURCES)[number];
