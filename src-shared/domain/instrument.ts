/**
 * Instrument specifications (DOMAIN.md, "Instruments"). Prices are index points; every
 * order price is a multiple of the tick.
 */
export type InstrumentSymbol = 'NQ' | 'MNQ';

export interface InstrumentSpec {
  readonly symbol: InstrumentSymbol;
  readonly description: string;
  /** Dollars per index point. */
  readonly multiplier: number;
  /** Minimum price increment, in points. */
  readonly tickSize: number;
}

export const TICK_SIZE = 0.25;

export const INSTRUMENTS: Readonly<Record<InstrumentSymbol, InstrumentSpec>> = {
  NQ: { symbol: 'NQ', description: 'E-mini Nasdaq-100', multiplier: 20, tickSize: TICK_SIZE },
  MNQ: {
    symbol: 'MNQ',
    description: 'Micro E-mini Nasdaq-100',
    multiplier: 2,
    tickSize: TICK_SIZE,
  },
};

/** Dollar value of one tick for one contract. */
export function tickValue(symbol: InstrumentSymbol): number {
  const spec = INSTRUMENTS[symbol];
  return spec.multiplier * spec.tickSize;
}

/** True when `p` lies on the 0.25 grid (exact for binary floating point: 0.25 = 2^-2). */
export function isOnTickGrid(p: number): boolean {
  return Number.isFinite(p) && Number.isInteger(p / TICK_SIZE);
}

/** Rounds to the nearest tick. */
export function roundToTick(p: number): number {
  return Math.round(p / TICK_SIZE) * TICK_SIZE;
}
