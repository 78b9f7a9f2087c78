/**
 * Front-month selection for NQ futures (DOMAIN.md, "Instruments"): among the listed
 * contract months, the one with the nearest expiry that has not yet reached its roll date,
 * `rollDays` calendar days (default 8) before its last trade date. Dates are New York
 * calendar dates (luxon, IANA zone), never fixed offsets.
 */
import { DateTime, IANAZone } from 'luxon';

const NEW_YORK = IANAZone.create('America/New_York');

/** The fields of an IB contract description that the choice needs. */
export interface ListedContract {
  readonly conId: number;
  readonly localSymbol: string;
  /** 'YYYYMMDD' (last trade date) or 'YYYYMM' (contract month). */
  readonly lastTradeDateOrContractMonth: string;
}

/** A chosen front month and the instant it stops being the front month. */
export interface FrontMonth<C extends ListedContract> {
  readonly contract: C;
  /** Last trade date, 'YYYY-MM-DD'. */
  readonly expiry: string;
  /** 00:00 New York on the roll date, UTC ms: from then on the next month is front. */
  readonly rollAt: number;
}

/** Third Friday of a month: the last trade date of an NQ contract month. */
function thirdFriday(year: number, month: number): DateTime {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: NEW_YORK });
  // luxon weekdays: Monday = 1 … Friday = 5.
  const offset = (5 - first.weekday + 7) % 7;
  return first.plus({ days: offset + 14 });
}

/** The last trade date of a contract as a New York date, or undefined if unparseable. */
export function expiryOf(c: ListedContract): DateTime | undefined {
  const s = c.lastTradeDateOrContractMonth.trim();
  const full = /^(\d{4})(\d{2})(\d{2})/.exec(s);
  if (full) {
    const d = DateTime.fromObject(
      { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) },
      { zone: NEW_YORK },
    );
    return d.isValid ? d : undefined;
  }
  const month = /^(\d{4})(\d{2})$/.exec(s);
  if (month) return thirdFriday(Number(month[1]), Number(month[2]));
  return undefined;
}

/**
 * Picks the front month at instant `now` (UTC ms), or undefined when no listed contract is
 * before its roll date.
 */
export function selectFrontMonth<C extends ListedContract>(
  contracts: readonly C[],
  now: number,
  rollDays = 8,
): FrontMonth<C> | undefined {
  if (!Number.isFinite(now)) throw new RangeError(`now must be finite, got ${now}`);
  if (!(rollDays >= 0)) throw new RangeError(`rollDays must be ≥ 0, got ${rollDays}`);
  const today = DateTime.fromMillis(now, { zone: NEW_YORK }).startOf('day');
  let best: FrontMonth<C> | undefined;
  let bestExpiry: DateTime | undefined;
  for (const contract of contracts) {
    const expiry = expiryOf(contract);
    if (!expiry) continue;
    const roll = expiry.startOf('day').minus({ days: rollDays });
    if (today >= roll) continue;
    if (bestExpiry === undefined || expiry < bestExpiry) {
      bestExpiry = expiry;
      best = { contract, expiry: expiry.toISODate() ?? '', rollAt: roll.toMillis() };
    }
  }
  return best;
}
