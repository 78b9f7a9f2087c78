/**
 * Vendor formats and their detection from a file's first lines. A layout says where each
 * column is, the delimiter, whether there is a header, and the vendor's usual time zone
 * (`null` when the format does not imply one and the zone must be inferred or given).
 */
import { IMPORT_FORMATS } from '@shared/contracts/ipc';
export const FORMATS = IMPORT_FORMATS;
export type FormatId = (typeof IMPORT_FORMATS)[number];

export interface Columns {
  /** Timestamp column, or the date column when `time` is separate. */
  readonly stamp: number;
  /** A separate time-of-day column. */
  readonly time?: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Volume column(s): one, or two summed (TradeStation's Up/Down). */
  readonly volume: readonly number[];
  /** Contract symbol column (Databento), for rolls. */
  readonly symbol?: number;
}

export interface Layout {
  readonly format: FormatId;
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly columns: Columns;
  readonly fieldCount: number;
  /** The vendor's usual zone, or null when it must be inferred. */
  readonly defaultZone: string | null;
}

/** Thrown when a file's layout cannot be determined; the message names the file and why. */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

const SYNONYMS: Record<
  'stamp' | 'date' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'symbol',
  readonly string[]
> = {
  stamp: ['timestamp', 'datetime', 'date time', 'date_time', 'dt', 'ts_event', 'ts', 'time'],
  date: ['date', 'day'],
  time: ['time'],
  open: ['open', 'o', 'first'],
  high: ['high', 'h', 'max'],
  low: ['low', 'l', 'min'],
  close: ['close', 'c', 'last', 'settle'],
  volume: ['volume', 'vol', 'v', 'totalvolume', 'total volume'],
  symbol: ['symbol', 'contract', 'ticker', 'raw_symbol'],
};

function clean(h: string): string {
  return h
    .trim()
    .replace(/^["'<]+|["'>]+$/g, '')
    .trim()
    .toLowerCase();
}

function detectDelimiter(line: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

function isHeader(fields: readonly string[]): boolean {
  return fields.some((f) => /[a-df-z]/i.test(clean(f)) && !/^\d/.test(clean(f)));
}

function find(headers: readonly string[], names: readonly string[]): number {
  for (const n of names) {
    const i = headers.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** A column mapping given by the user (`--map time=Timestamp,open=O,…`), by header name or index. */
export type Mapping = Readonly<
  Partial<Record<'time' | 'date' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'symbol', string>>
>;

function fromHeader(
  headers: readonly string[],
  format: FormatId,
  delimiter: string,
  defaultZone: string | null,
  file: string,
  mapping?: Mapping,
): Layout {
  const idx = (key: keyof Mapping, names: readonly string[]): number => {
    const m = mapping?.[key];
    if (m === undefined) return find(headers, names);
    const asNum = Number(m);
    if (Number.isInteger(asNum) && asNum >= 0 && asNum < headers.length) return asNum;
    const i = headers.indexOf(clean(m));
    if (i < 0)
      throw new LayoutError(
        `${file}: mapped column "${m}" for ${key} is not in the header (${headers.join(', ')})`,
      );
    return i;
  };
  const dateCol = idx('date', SYNONYMS.date);
  const timeCol = idx('time', SYNONYMS.time);
  let stamp = idx('time', SYNONYMS.stamp);
  let time: number | undefined;
  if (dateCol >= 0 && timeCol >= 0 && dateCol !== timeCol) {
    stamp = dateCol;
    time = timeCol;
  } else if (stamp < 0 && dateCol >= 0) {
    stamp = dateCol;
  }
  const open = idx('open', SYNONYMS.open);
  const high = idx('high', SYNONYMS.high);
  const low = idx('low', SYNONYMS.low);
  const close = idx('close', SYNONYMS.close);
  const missing = [
    ['time', stamp],
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
  ].filter(([, i]) => (i as number) < 0);
  if (missing.length > 0) {
    throw new LayoutError(
      `${file}: cannot find column(s) ${missing.map(([n]) => n).join(', ')} in the header "${headers.join(delimiter)}"; use --format generic --map time=…,open=…,high=…,low=…,close=…[,volume=…]`,
    );
  }
  let volume: number[] = [];
  const v = idx('volume', SYNONYMS.volume);
  if (v >= 0) volume = [v];
  else if (headers.includes('up') && headers.includes('down'))
    volume = [headers.indexOf('up'), headers.indexOf('down')];
  const symbol = idx('symbol', SYNONYMS.symbol);
  return {
    format,
    delimiter,
    hasHeader: true,
    columns: {
      stamp,
      ...(time !== undefined ? { time } : {}),
      open,
      high,
      low,
      close,
      volume,
      ...(symbol >= 0 ? { symbol } : {}),
    },
    fieldCount: headers.length,
    defaultZone,
  };
}

/**
 * Detects the layout from the first non-empty line(s). `forced` skips detection of the
 * format (the columns still come from the header, or the vendor's fixed order).
 */
export function detectLayout(
  firstLine: string,
  file: string,
  forced?: FormatId,
  mapping?: Mapping,
): Layout {
  const delimiter = detectDelimiter(firstLine);
  const raw = firstLine.split(delimiter);
  const headers = raw.map(clean);
  const header = isHeader(raw);
  const has = (...names: string[]): boolean => names.every((n) => headers.includes(n));

  if (!header) {
    // Headerless vendor files in their fixed column order.
    const f0 = raw[0]?.trim() ?? '';
    const ninja = delimiter === ';' && /^\d{8} \d{6}$/.test(f0);
    if (forced === 'ninjatrader' || (!forced && ninja)) {
      return fixed('ninjatrader', delimiter, raw.length, null);
    }
    if (
      forced === 'firstrate' ||
      (!forced && delimiter === ',' && /^\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?$/.test(f0))
    ) {
      return fixed('firstrate', delimiter, raw.length, 'America/New_York');
    }
    if (forced === 'generic' && mapping) {
      return fromHeader(
        raw.map((_, i) => String(i)),
        'generic',
        delimiter,
        null,
        file,
        mapping,
      );
    }
    throw new LayoutError(
      `${file}: no header and not a known headerless format (first line "${firstLine.slice(0, 80)}"); use --format and --map`,
    );
  }
  if (forced === 'generic' || (!forced && mapping))
    return fromHeader(headers, 'generic', delimiter, null, file, mapping);
  if (forced === 'databento' || (!forced && has('ts_event')))
    return fromHeader(headers, 'databento', delimiter, 'UTC', file, mapping);
  if (
    forced === 'tradingview' ||
    (!forced && headers[0] === 'time' && has('open', 'high', 'low', 'close') && !has('date'))
  ) {
    return fromHeader(headers, 'tradingview', delimiter, null, file, mapping);
  }
  if (
    forced === 'tradestation' ||
    (!forced && has('date', 'time', 'open', 'high', 'low', 'close'))
  ) {
    return fromHeader(headers, 'tradestation', delimiter, 'America/Chicago', file, mapping);
  }
  // FirstRate writes its header in lower case; another vendor's `Timestamp,Open,…` is generic.
  const firstRateHeader = /^timestamp,open,high,low,close,volume(,open interest)?$/.test(
    firstLine.trim(),
  );
  if (forced === 'firstrate' || (!forced && firstRateHeader)) {
    return fromHeader(headers, 'firstrate', delimiter, 'America/New_York', file, mapping);
  }
  if (forced === 'ninjatrader')
    return fromHeader(headers, 'ninjatrader', delimiter, null, file, mapping);
  return fromHeader(headers, 'generic', delimiter, null, file, mapping);
}

/** Fixed-order vendor columns: stamp, open, high, low, close[, volume]. */
function fixed(
  format: FormatId,
  delimiter: string,
  fieldCount: number,
  defaultZone: string | null,
): Layout {
  return {
    format,
    delimiter,
    hasHeader: false,
    columns: { stamp: 0, open: 1, high: 2, low: 3, close: 4, volume: fieldCount > 5 ? [5] : [] },
    fieldCount,
    defaultZone,
  };
}
