/**
 * Resolves the futures contract the feed follows: lists the root's months through
 * REQ_CONTRACT_DATA and picks the front month (front-month.ts). The result is the contract
 * used for every later request, identified by conId plus exchange as IB requires.
 */
import { SecType, type Contract } from '@stoqey/ib';
import { selectFrontMonth } from './front-month';
import type { IbConnection } from './ib-connection';
import { NoFrontMonthError } from './ib-errors';

/** A resolved front-month contract. */
export interface FrontContract extends Contract {
  readonly conId: number;
  readonly localSymbol: string;
}

/** What to resolve: the root, its exchange, the roll offset and the request timeout. */
export interface FrontContractQuery {
  /** Futures root, e.g. 'NQ'. */
  readonly symbol: string;
  readonly exchange: string;
  readonly rollDays: number;
  readonly requestTimeoutMs: number;
}

/**
 * The front month at `now`, the instant it rolls, and every listed month (as contracts).
 * @throws NoFrontMonthError when every listed month is past its roll date.
 */
export async function resolveFrontContract(
  conn: IbConnection,
  query: FrontContractQuery,
  now: number,
): Promise<{ contract: FrontContract; rollAt: number; listed: FrontContract[] }> {
  const base: Contract = {
    symbol: query.symbol,
    secType: SecType.FUT,
    exchange: query.exchange,
    currency: 'USD',
  };
  const details = await conn.contractDetails(base, query.requestTimeoutMs);
  const listed = details.map((d) => ({
    conId: d.contract.conId ?? 0,
    localSymbol: d.contract.localSymbol ?? '',
    lastTradeDateOrContractMonth: d.contract.lastTradeDateOrContractMonth ?? '',
  }));
  const front = selectFrontMonth(listed, now, query.rollDays);
  if (!front) {
    throw new NoFrontMonthError(`no ${query.symbol} contract month before its roll date`);
  }
  const asContract = (c: (typeof listed)[number]): FrontContract => ({
    ...base,
    conId: c.conId,
    localSymbol: c.localSymbol,
    lastTradeDateOrContractMonth: c.lastTradeDateOrContractMonth,
  });
  return {
    contract: asContract(front.contract),
    rollAt: front.rollAt,
    listed: listed.map(asContract),
  };
}
