/**
 * The simulator's REQ_HISTORICAL_DATA (message id 20) handler, for server versions ≥ 124
 * (no version field): parses the request, validates what the simulator supports (1-minute
 * TRADES bars, formatDate 2 = epoch seconds, no keepUpToDate) and answers with one
 * HISTORICAL_DATA message (id 17) holding the bars that start in [end − duration, end),
 * as of the clock's present: a minute still in progress comes back partial, as from IB.
 */
import { sessionState } from '@shared/calendar/session';
import { formatIbUtc, parseDuration, parseIbUtc } from './ib-time';
import type { SimMarket } from './tws-sim-market';
import type { SimContract } from './tws-sim-contracts';

/** A parsed historical-data request and the clock time it arrived. */
export interface HistoricalRequest {
  readonly at: number;
  readonly connection: number;
  readonly reqId: number;
  readonly conId: number;
  readonly endDateTime: string;
  readonly duration: string;
  readonly barSize: string;
  readonly whatToShow: string;
  readonly useRth: boolean;
  readonly formatDate: number;
  /** The request window resolved to UTC ms (NaN where it did not parse). */
  readonly start: number;
  readonly end: number;
}

/** What the handler needs from the simulator. */
export interface HistoricalContext {
  readonly market: SimMarket;
  /** Points the contract trades above the market's path. */
  premium(conId: number): number;
  contract(conId: number): SimContract | undefined;
  /** A failure scripted by the test, consumed by this request if present. */
  failure(): { code: number; message: string } | undefined;
  write(fields: readonly (string | number)[]): void;
  error(reqId: number, code: number, message: string): void;
}

/** Field positions of REQ_HISTORICAL_DATA for server versions ≥ 124. */
const F = {
  reqId: 1,
  conId: 2,
  endDateTime: 15,
  barSize: 16,
  duration: 17,
  useRth: 18,
  whatToShow: 19,
  formatDate: 20,
  keepUpToDate: 21,
} as const;

/** Handles one request; returns it parsed (also when it was answered with an error). */
export function handleHistorical(
  connection: number,
  at: number,
  fields: readonly string[],
  ctx: HistoricalContext,
): HistoricalRequest {
  const str = (i: number): string => fields[i] ?? '';
  const reqId = Number.parseInt(str(F.reqId), 10);
  const endText = str(F.endDateTime);
  const end = endText === '' ? at : (parseIbUtc(endText) ?? Number.NaN);
  const span = parseDuration(str(F.duration)) ?? Number.NaN;
  const req: HistoricalRequest = {
    at,
    connection,
    reqId,
    conId: Number.parseInt(str(F.conId), 10) || 0,
    endDateTime: endText,
    duration: str(F.duration),
    barSize: str(F.barSize),
    whatToShow: str(F.whatToShow),
    useRth: str(F.useRth) === '1',
    formatDate: Number.parseInt(str(F.formatDate), 10),
    start: end - span,
    end,
  };
  const invalid = (cause: string): HistoricalRequest => {
    ctx.error(reqId, 321, `Error validating request.-'bP' : cause - ${cause}`);
    return req;
  };
  if (!ctx.contract(req.conId)) {
    ctx.error(reqId, 200, 'No security definition has been found for the request');
    return req;
  }
  if (req.barSize !== '1 min') return invalid(`unsupported bar size '${req.barSize}'`);
  if (req.whatToShow !== 'TRADES') return invalid(`unsupported data type '${req.whatToShow}'`);
  if (req.formatDate !== 2) return invalid('only formatDate=2 (epoch seconds) is simulated');
  if (str(F.keepUpToDate) === '1') return invalid('keepUpToDate is not simulated');
  if (Number.isNaN(end)) return invalid(`cannot parse end date-time '${endText}'`);
  if (Number.isNaN(span)) return invalid(`cannot parse duration '${req.duration}'`);
  const failure = ctx.failure();
  if (failure) {
    ctx.error(reqId, failure.code, failure.message);
    return req;
  }
  let bars = ctx.market.minuteBars(req.start, Math.min(end, at), at);
  if (req.useRth) bars = bars.filter((b) => sessionState(b.time) === 'RTH');
  if (bars.length === 0) {
    ctx.error(
      reqId,
      162,
      'Historical Market Data Service error message:HMDS query returned no data',
    );
    return req;
  }
  const out: (string | number)[] = [
    17,
    reqId,
    formatIbUtc(req.start),
    formatIbUtc(end),
    bars.length,
  ];
  const p = ctx.premium(req.conId);
  for (const b of bars) {
    out.push(
      Math.floor(b.time / 1000),
      b.open + p,
      b.high + p,
      b.low + p,
      b.close + p,
      b.volume,
      b.wap + p,
      b.count,
    );
  }
  ctx.write(out);
  return req;
}
