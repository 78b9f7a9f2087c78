/**
 * Quarterly contract months (H, M, U, Z) and expiries: the last trade is the third Friday
 * of the contract month at 09:30 ET (DOMAIN.md, "Instruments").
 */
import type { InstrumentSymbol } from './instrument';

export const MONTH_CODES: Readonly<Record<number, string>> = { 3: 'H', 6: 'M', 9: 'U', 12: 'Z' };

/** The third Friday of a month, as 'YYYY-MM-DD'. */
export function thirdFriday(year: number, month: number): string {
  const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((5 - firstDow + 7) % 7) + 14;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** e.g. `NQH4` for March 2024. */
export function contractCode(
  symbol: InstrumentSymbol | string,
  year: number,
  month: number,
): string {
  const code = MONTH_CODES[month];
  if (!code) throw new RangeError(`${month} is not a quarterly contract month`);
  return `${symbol}${code}${year % 10}`;
}

export interface QuarterlyContract {
  readonly year: number;
  readonly month: number;
  /** Expiry date 'YYYY-MM-DD' (third Friday). */
  readonly expiry: string;
  /** Noon UTC of the expiry date: a stable instant for windows and ordering. */
  readonly expiryNoonUtc: number;
}

/** Quarterly contracts expiring in [fromMs, toMs] (by expiry date). */
export function quarterlyContracts(fromMs: number, toMs: number): QuarterlyContract[] {
  const out: QuarterlyContract[] = [];
  const y0 = new Date(fromMs).getUTCFullYear();
  const y1 = new Date(toMs).getUTCFullYear();
  for (let y = y0; y <= y1; y++) {
    for (const m of [3, 6, 9, 12]) {
      const expiry = thirdFriday(y, m);
      const noon = Date.parse(`${expiry}T12:00:00Z`);
      if (noon >= fromMs && noon <= toMs)
        out.push({ year: y, month: m, expiry, expiryNoonUtc: noon });
    }
  }
  return out;
}

/** The quarterly contract after (year, month). */
export function nextQuarter(year: number, month: number): { year: number; month: number } {
  return month === 12 ? { year: year + 1, month: 3 } : { year, month: month + 3 };
}
