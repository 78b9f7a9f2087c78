/**
 * The simulator's contract table: the listed NQ quarterly months around an instant, and
 * their encoding as TWS CONTRACT_DATA messages (message id 10) for the server versions the
 * simulator speaks (164 `SIZE_RULES` … 193, the newest @stoqey/ib 1.6.10 accepts).
 */
import { DateTime, IANAZone } from 'luxon';

const NEW_YORK = IANAZone.create('America/New_York');
const QUARTER_MONTHS = [3, 6, 9, 12] as const;
const MONTH_CODE: Readonly<Record<number, string>> = { 3: 'H', 6: 'M', 9: 'U', 12: 'Z' };

/** Server versions at which CONTRACT_DATA gained fields (IB's MIN_SERVER_VER_*). */
const LAST_TRADE_DATE = 182;
const INELIGIBILITY_REASONS = 186;

/** One listed futures month. */
export interface SimContract {
  readonly conId: number;
  readonly symbol: string;
  readonly localSymbol: string;
  /** 'YYYYMMDD', the last trade date (third Friday). */
  readonly lastTradeDateOrContractMonth: string;
  readonly multiplier: number;
  readonly minTick: number;
  readonly exchange: string;
  readonly currency: string;
}

/**
 * The next `count` NQ quarterly months that have not expired at `now` (UTC ms), nearest
 * first, with local symbols such as NQH4 and made-up but stable conIds.
 */
export function nqChain(now: number, count = 4): SimContract[] {
  const today = DateTime.fromMillis(now, { zone: NEW_YORK }).startOf('day');
  const out: SimContract[] = [];
  for (let year = today.year; out.length < count; year++) {
    for (const month of QUARTER_MONTHS) {
      const first = DateTime.fromObject({ year, month, day: 1 }, { zone: NEW_YORK });
      const expiry = first.plus({ days: ((5 - first.weekday + 7) % 7) + 14 });
      if (expiry < today || out.length >= count) continue;
      out.push({
        conId: 620_000_000 + (year % 100) * 100 + month,
        symbol: 'NQ',
        localSymbol: `NQ${MONTH_CODE[month]}${year % 10}`,
        lastTradeDateOrContractMonth: expiry.toFormat('yyyyMMdd'),
        multiplier: 20,
        minTick: 0.25,
        exchange: 'CME',
        currency: 'USD',
      });
    }
  }
  return out;
}

/** The fields of a CONTRACT_DATA message for `c` answering request `reqId`. */
export function contractDataFields(
  c: SimContract,
  reqId: number,
  serverVersion: number,
): (string | number)[] {
  const f: (string | number)[] = [10, reqId, c.symbol, 'FUT', c.lastTradeDateOrContractMonth];
  if (serverVersion >= LAST_TRADE_DATE) f.push(c.lastTradeDateOrContractMonth);
  f.push(
    0, // strike
    '', // right
    c.exchange,
    c.currency,
    c.localSymbol,
    c.symbol, // marketName
    c.symbol, // tradingClass
    c.conId,
    c.minTick,
    c.multiplier,
    'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,LMT,MKT,STP,STPLMT', // orderTypes
    c.exchange, // validExchanges
    1, // priceMagnifier
    0, // underConId
    'E-mini Nasdaq-100', // longName
    '', // primaryExch
    c.lastTradeDateOrContractMonth.slice(0, 6), // contractMonth
    '', // industry
    '', // category
    '', // subcategory
    'US/Central', // timeZoneId
    '', // tradingHours
    '', // liquidHours
    '', // evRule
    '', // evMultiplier
    0, // secIdList count
    0, // aggGroup
    'NQ', // underSymbol
    'IND', // underSecType
    '67', // marketRuleIds
    c.lastTradeDateOrContractMonth, // realExpirationDate
    '', // stockType
    1, // minSize
    1, // sizeIncrement
    1, // suggestedSizeIncrement
  );
  if (serverVersion >= INELIGIBILITY_REASONS) f.push(0);
  return f;
}

/**
 * The contracts a REQ_CONTRACT_DATA request (message id 9, fields as @stoqey/ib sends them
 * from server version 40 on) matches: by conId, or by symbol, type, exchange, local symbol and
 * a prefix of the expiry.
 */
export function matchContracts(
  contracts: readonly SimContract[],
  fields: readonly string[],
): SimContract[] {
  const conId = Number(fields[3] || 0);
  const [symbol, secType, month] = [fields[4], fields[5], fields[6] ?? ''];
  const exchange = fields[10];
  const localSymbol = fields[13];
  return contracts.filter(
    (c) =>
      (conId === 0 || c.conId === conId) &&
      (!symbol || c.symbol === symbol) &&
      (!secType || secType === 'FUT') &&
      (!exchange || exchange === c.exchange) &&
      (!localSymbol || localSymbol === c.localSymbol) &&
      c.lastTradeDateOrContractMonth.startsWith(month),
  );
}
