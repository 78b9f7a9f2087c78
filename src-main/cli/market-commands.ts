/**
 * `nqh import`, `nqh bars`, `nqh data info`: the market-data commands over the store in the
 * data dir (or `--db`). Progress goes to stderr, results to stdout (`--json` for machines).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QUERY_TIMEFRAMES, queryBars, type QueryTimeframe } from '../data/bars-query';
import { FORMATS, type FormatId, type Mapping } from '../data/import/layout';
import { importFile, type ImportSummary } from '../data/import/importer';
import { nyIso } from '../data/ny-format';
import { BARS_CSV_HEADER, barCsvLine } from '../data/bars-csv';
import { MarketStore } from '../data/store/market-store';
import { defaultDataDir } from './data-dir';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function marketDbPath(db: string | undefined, dataDir: string | undefined): string {
  return db ?? join(dataDir ?? defaultDataDir(), 'market.sqlite');
}

function parseMapping(s: string | undefined): Mapping | undefined {
  if (s === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const [k, v] = pair.split('=');
    if (
      !k ||
      v === undefined ||
      !['time', 'date', 'open', 'high', 'low', 'close', 'volume', 'symbol'].includes(k.trim())
    ) {
      throw new UsageError(
        `--map expects key=column pairs (keys: time, date, open, high, low, close, volume, symbol), got "${pair}"`,
      );
    }
    out[k.trim()] = v.trim();
  }
  return out;
}

/** A `--from`/`--to` value: a date (UTC midnight) or an ISO date-time, in UTC ms. */
export function parseTime(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(t))
    throw new UsageError(`--${flag} must be an ISO date or date-time, got "${v}"`);
  return t;
}

function printSummary(s: ImportSummary): void {
  const reasons = Object.entries(s.quarantineByReason)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  console.log(
    [
      `${s.file}`,
      `  format ${s.format}, zone ${s.timeZone} (${s.zoneSource}: ${s.zoneNote}), date order ${s.dateOrder} (${s.dateOrderSource}), ${s.timeframe === 1440 ? 'daily' : `${s.timeframe}-minute`} bars${s.volumeAbsent ? ', no volume column (volume features disabled)' : ''}`,
      `  rows read ${s.rowsRead}, imported ${s.imported}, duplicates ${s.duplicates}, quarantined ${s.quarantined}${reasons ? ` (${reasons})` : ''}`,
      `  first bar ${s.firstBarUtc ?? '—'}, last bar ${s.lastBarUtc ?? '—'}, rolls detected ${s.rollsDetected}, ${s.seconds.toFixed(2)} s`,
    ].join('\n'),
  );
}

export function importCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      tz: { type: 'string' },
      'date-order': { type: 'string' },
      symbol: { type: 'string', default: 'NQ' },
      map: { type: 'string' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('nqh import needs at least one file');
  const format = values.format as FormatId | undefined;
  if (format !== undefined && !FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const order = values['date-order'];
  if (order !== undefined && order !== 'mdy' && order !== 'dmy')
    throw new UsageError('--date-order must be mdy or dmy');
  const symbol = values.symbol;
  if (symbol !== 'NQ' && symbol !== 'MNQ') throw new UsageError('--symbol must be NQ or MNQ');
  const store = new MarketStore(marketDbPath(values.db, values['data-dir']));
  const summaries: ImportSummary[] = [];
  const failures: { file: string; error: string; name: string }[] = [];
  try {
    for (const file of positionals) {
      let lastPct = -1;
      try {
        const s = importFile(store, file, {
          symbol,
          ...(format ? { format } : {}),
          ...(values.tz ? { tz: values.tz } : {}),
          ...(order ? { dateOrder: order } : {}),
          ...(values.map ? { mapping: parseMapping(values.map) as Mapping } : {}),
          onProgress: (p) => {
            const pct = Math.floor((100 * p.bytes) / Math.max(1, p.totalBytes));
            if (pct !== lastPct && process.stderr.isTTY)
              process.stderr.write(`\r${p.phase} ${file}: ${pct}%   `);
            if (pct !== lastPct && !process.stderr.isTTY && pct % 25 === 0)
              process.stderr.write(`${p.phase} ${file}: ${pct}%\n`);
            lastPct = pct;
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\r');
        summaries.push(s);
        if (!values.json) printSummary(s);
      } catch (e) {
        const err = e as Error;
        failures.push({ file, error: err.message, name: err.name });
        if (!values.json) console.error(`nqh import: ${err.message}`);
      }
    }
  } finally {
    store.close();
  }
  if (values.json) {
    console.log(
      JSON.stringify(
        { imports: summaries.map((s) => ({ ...s, zoneScores: undefined })), failures },
        null,
        2,
      ),
    );
  }
  return failures.length > 0 ? 1 : 0;
}

export function barsCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      tf: { type: 'string', default: '1m' },
      from: { type: 'string' },
      to: { type: 'string' },
      adjusted: { type: 'boolean', default: false },
      format: { type: 'string', default: 'csv' },
      symbol: { type: 'string', default: 'NQ' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const tf = values.tf as QueryTimeframe;
  if (!QUERY_TIMEFRAMES.includes(tf))
    throw new UsageError(`--tf must be one of ${QUERY_TIMEFRAMES.join(', ')}`);
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError('--format must be csv or json');
  const store = new MarketStore(marketDbPath(values.db, values['data-dir']));
  try {
    const from = parseTime(values.from, 'from');
    const to = parseTime(values.to, 'to');
    const r = queryBars(store, {
      symbol: values.symbol ?? 'NQ',
      timeframe: tf,
      adjusted: values.adjusted === true,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    const b = r.bars;
    const chunks: string[] = [];
    const flush = (): void => {
      process.stdout.write(chunks.join(''));
      chunks.length = 0;
    };
    if (values.format === 'csv') {
      chunks.push(`${BARS_CSV_HEADER}\n`);
      for (let i = 0; i < b.length; i++) {
        chunks.push(`${barCsvLine(b, i)}\n`);
        if (chunks.length >= 4096) flush();
      }
    } else {
      chunks.push('[');
      for (let i = 0; i < b.length; i++) {
        const v = Number.isNaN(b.volume[i] as number) ? null : b.volume[i];
        chunks.push(
          `${i ? ',' : ''}\n{"time":"${nyIso(b.time[i] as number)}","open":${b.open[i]},"high":${b.high[i]},"low":${b.low[i]},"close":${b.close[i]},"volume":${v}}`,
        );
        if (chunks.length >= 4096) flush();
      }
      chunks.push('\n]\n');
    }
    flush();
  } finally {
    store.close();
  }
  return 0;
}

export function dataInfoCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const path = marketDbPath(values.db, values['data-dir']);
  const store = new MarketStore(path);
  try {
    const info = {
      db: path,
      ...store.counts(),
      series: store.series().map((s) => ({
        ...s,
        first: new Date(s.first).toISOString(),
        last: new Date(s.last).toISOString(),
      })),
      rolls: store
        .rolls('NQ')
        .concat(store.rolls('MNQ'))
        .map((r) => ({ ...r, time: new Date(r.time).toISOString() })),
    };
    if (values.json) {
      console.log(JSON.stringify(info, null, 2));
    } else {
      console.log(
        `market store ${info.db}: ${info.bars} bars, ${info.imports} imports, ${info.quarantined} quarantined rows, ${info.rolls.length} rolls`,
      );
      for (const s of info.series)
        console.log(
          `  ${s.symbol} ${s.timeframe === 1440 ? '1d' : `${s.timeframe}m`}: ${s.bars} bars ${s.first} → ${s.last}${s.volumeAbsent ? ' (some without volume)' : ''}`,
        );
      for (const r of info.rolls)
        console.log(
          `  roll ${r.symbol} ${r.timeframe}m ${r.time} ${r.fromContract ?? '?'}→${r.toContract ?? '?'} gap ${r.gap} (${r.source})`,
        );
    }
  } finally {
    store.close();
  }
  return 0;
}
