/**
 * Settings of the level engine. Every default is the DOMAIN.md number; values are checked
 * once at construction so a bad setting fails there, not as NaN levels later.
 */
import { TICK_SIZE } from '@shared/domain/instrument';
import type { NodeParams } from './node-scan';

/** Settings of the level engine (all optional; defaults from DOMAIN.md). */
export interface LevelOptions {
  /** Share of the profile in the value area (0.7). */
  readonly valueAreaShare?: number;
  /** Trade dates in the rolling week profile, the current one included (5). */
  readonly weekDays?: number;
  /** HVN/LVN: centred moving-average width (9, odd), ±window (20), factors (1.5, 0.5). */
  readonly smoothBins?: number;
  readonly nodeWindow?: number;
  readonly hvnFactor?: number;
  readonly lvnFactor?: number;
  /** TPO period length in minutes (30); RTH must fit in 26 letters. */
  readonly tpoPeriodMinutes?: number;
  /** Bin width in points (the instrument tick, 0.25). */
  readonly tickSize?: number;
}

/** Options with every default filled in. */
export interface ResolvedLevelOptions {
  readonly valueAreaShare: number;
  readonly weekDays: number;
  readonly nodes: NodeParams;
  readonly tpoPeriodMinutes: number;
  readonly tickSize: number;
}

function check(ok: boolean, what: string, value: number): void {
  if (!ok) throw new RangeError(`level option ${what} is out of range: ${value}`);
}

/** Fills defaults and validates. */
export function resolveLevelOptions(o: LevelOptions = {}): ResolvedLevelOptions {
  const valueAreaShare = o.valueAreaShare ?? 0.7;
  const weekDays = o.weekDays ?? 5;
  const smoothBins = o.smoothBins ?? 9;
  const window = o.nodeWindow ?? 20;
  const hvnFactor = o.hvnFactor ?? 1.5;
  const lvnFactor = o.lvnFactor ?? 0.5;
  const tpoPeriodMinutes = o.tpoPeriodMinutes ?? 30;
  const tickSize = o.tickSize ?? TICK_SIZE;
  check(valueAreaShare > 0 && valueAreaShare <= 1, 'valueAreaShare', valueAreaShare);
  check(Number.isInteger(weekDays) && weekDays >= 1 && weekDays <= 30, 'weekDays', weekDays);
  check(
    Number.isInteger(smoothBins) && smoothBins >= 1 && smoothBins % 2 === 1,
    'smoothBins',
    smoothBins,
  );
  check(Number.isInteger(window) && window >= 1, 'nodeWindow', window);
  check(hvnFactor > 0 && Number.isFinite(hvnFactor), 'hvnFactor', hvnFactor);
  check(lvnFactor >= 0 && lvnFactor < hvnFactor, 'lvnFactor', lvnFactor);
  // 6.5 h of RTH in at most 26 letters (A–Z) needs periods of 15 minutes or more.
  check(
    Number.isInteger(tpoPeriodMinutes) && tpoPeriodMinutes >= 15 && tpoPeriodMinutes <= 390,
    'tpoPeriodMinutes',
    tpoPeriodMinutes,
  );
  check(tickSize > 0 && Number.isFinite(tickSize), 'tickSize', tickSize);
  return {
    valueAreaShare,
    weekDays,
    nodes: { smoothBins, window, hvnFactor, lvnFactor },
    tpoPeriodMinutes,
    tickSize,
  };
}
