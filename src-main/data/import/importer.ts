/**
 * Imports one vendor CSV file into the market store: detect the layout, pre-scan (hash,
 * date order, timeframe, zone), then one streaming pass inside ONE transaction — every row
 * validated, good rows stored, bad rows quarantined with line, raw text and reason. A
 * cancel, an error or a killed process leaves the store exactly as it was; importing the
 * same file again adds 0 rows.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { isTradingMinute, sessionBounds } from '@shared/calendar/session';
import { isOnTickGrid } from '@shared/domain/instrument';
import type { MarketStore, Roll } from '../store/market-store';
import { detectRollsInSpan } from '../rolls/roll-detect';
import { readLines } from './line-reader';
import { detectLayout, LayoutError, type FormatId, type Mapping } from './layout';
import { prescan } from './prescan';
import {
  DAY_MINUTES,
  ImportNeedsInput,
  decideZone,
  inferTimeframe,
  scoreZones,
  type ZoneScore,
} from './infer';
import { QUARANTINE_REASONS, REASON_TEXT, type QuarantineReason } from './reasons';
import { SpikeFilter } from './spike-filter';
import { newStamp, parseStamp, type DateOrder } from './stamp';
import { LocalTime, ZoneClock } from './zone-clock';

export interface ImportOptions {
  readonly symbol?: 'NQ' | 'MNQ';
  readonly format?: FormatId;
  readonly tz?: string;
  readonly dateOrder?: 'mdy' | 'dmy';
  readonly mapping?: Mapping;
  /** How the file is named in messages and the import log (default: its path). */
  readonly label?: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Polled every few thousand rows; returning true cancels (the transaction rolls back). */
  readonly isCancelled?: () => boolean;
  readonly now?: () => number;
}

export interface ImportProgress {
  readonly file: string;
  readonly phase: 'scan' | 'import';
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface ImportSummary {
  readonly file: string;
  readonly importId: number;
  readonly format: FormatId;
  readonly timeZone: string;
  readonly zoneSource: 'flag' | 'vendor-default' | 'inferred' | 'file';
  readonly zoneNote: string;
  readonly zoneScores: readonly ZoneScore[];
  readonly dateOrder: DateOrder;
  readonly dateOrderSource: 'flag' | 'detected' | 'unambiguous';
  /** Bar length in minutes (1440 = daily). */
  readonly timeframe: number;
  readonly volumeAbsent: boolean;
  readonly rowsRead: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly quarantined: number;
  readonly quarantineByReason: Readonly<Partial<Record<QuarantineReason, number>>>;
  readonly firstBarUtc: string | null;
  readonly lastBarUtc: string | null;
  readonly rollsDetected: number;
  readonly sha256: string;
  readonly seconds: number;
}

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

function num(s: string | undefined): number {
  if (s === undefined) return Number.NaN;
  const t = s.trim();
  return t === '' ? Number.NaN : Number(t.charCodeAt(0) === 34 ? t.slice(1, -1) : t);
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** Imports `path`; throws LayoutError/ImportNeedsInput before writing anything, ImportCancelled on cancel. */
export function importFile(
  store: MarketStore,
  path: string,
  opts: ImportOptions = {},
): ImportSummary {
  const t0 = Date.now();
  const file = opts.label ?? path;
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch (e) {
    throw new LayoutError(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let firstLine: string | undefined;
  readLines(path, (line) => {
    if (line.trim() === '') return true;
    firstLine = line;
    return false;
  });
  if (firstLine === undefined) throw new LayoutError(`${file}: the file is empty`);
  const layout = detectLayout(firstLine, file, opts.format, opts.mapping);
  const scan = prescan(path, layout, (bytes) =>
    opts.onProgress?.({ file, phase: 'scan', bytes, totalBytes, rows: 0 }),
  );
  if (scan.firstDataLine === '') throw new LayoutError(`${file}: no data rows after the header`);

  // Date order: a flag wins; otherwise the data must tell.
  let dateOrder: DateOrder = 'ymd';
  let dateOrderSource: ImportSummary['dateOrderSource'] = 'unambiguous';
  if (scan.ambiguousDates > 0) {
    if (opts.dateOrder) {
      dateOrder = opts.dateOrder;
      dateOrderSource = 'flag';
    } else if (scan.dayFirstEvidence > 0 && scan.monthFirstEvidence > 0) {
      throw new ImportNeedsInput(
        'date-order',
        `${file}: dates contradict each other (${scan.dayFirstEvidence} rows read as day-first, ${scan.monthFirstEvidence} as month-first); give --date-order mdy|dmy`,
      );
    } else if (scan.dayFirstEvidence > 0) {
      dateOrder = 'dmy';
      dateOrderSource = 'detected';
    } else if (scan.monthFirstEvidence > 0) {
      dateOrder = 'mdy';
      dateOrderSource = 'detected';
    } else {
      throw new ImportNeedsInput(
        'date-order',
        `${file}: every date has day and month ≤ 12, so the order cannot be told from the data; give --date-order mdy|dmy`,
      );
    }
  }
  const timeframe = inferTimeframe(scan.head, layout, dateOrder);
  const scores = timeframe === DAY_MINUTES ? [] : scoreZones(scan.sample, layout, dateOrder);
  const zone = decideZone(file, scores, layout.defaultZone, opts.tz);
  const clock = new ZoneClock(zone.zone);
  const volumeAbsent = layout.columns.volume.length === 0;
  const symbol = opts.symbol ?? 'NQ';
  const c = layout.columns;
  const needed = Math.max(c.stamp, c.time ?? 0, c.open, c.high, c.low, c.close, ...c.volume) + 1;
  const firstFields = scan.firstDataLine.split(layout.delimiter);
  const priceScale = layout.format === 'databento' && num(firstFields[c.open]) > 1e7 ? 1e-9 : 1;

  const byReason: Partial<Record<QuarantineReason, number>> = {};
  let rowsRead = 0;
  let imported = 0;
  let duplicates = 0;
  let quarantined = 0;
  let first: number | null = null;
  let last: number | null = null;
  let prevUtc = -Infinity;
  let prevContract: string | undefined;
  let prevClose = 0;
  const symbolRolls: Roll[] = [];
  const spikes = new SpikeFilter();
  const stamp = newStamp();
  const tfMs = timeframe * 60_000;
  const now = opts.now ?? Date.now;

  const summary = store.transaction((): ImportSummary => {
    const importId = store.beginImport({
      file,
      fileSha256: scan.sha256,
      fileSize: totalBytes,
      format: layout.format,
      timeZone: zone.zone,
      dateOrder,
      timeframe,
      symbol,
      volumeAbsent,
      startedAt: now(),
    });
    const reject = (
      lineNo: number,
      raw: string,
      reason: QuarantineReason,
      detail: string,
    ): void => {
      quarantined++;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      store.quarantine(
        importId,
        file,
        scan.sha256,
        lineNo,
        raw,
        reason,
        detail || REASON_TEXT[reason],
      );
    };
    readLines(path, (line, lineNo, bytes) => {
      if ((lineNo & 0x3ff) === 0) {
        if (opts.isCancelled?.())
          throw new ImportCancelled(
            `${file}: import cancelled at line ${lineNo}; nothing was stored`,
          );
        if ((lineNo & 0x1fff) === 0)
          opts.onProgress?.({ file, phase: 'import', bytes, totalBytes, rows: rowsRead });
      }
      if (lineNo === 1 && layout.hasHeader) return;
      if (line.trim() === '') return;
      rowsRead++;
      const f = line.split(layout.delimiter);
      if (f.length < needed)
        return reject(
          lineNo,
          line,
          'UNPARSABLE',
          `expected at least ${needed} fields, found ${f.length}`,
        );
      if (
        !parseStamp(
          f[c.stamp] ?? '',
          c.time === undefined ? undefined : f[c.time],
          dateOrder,
          stamp,
        )
      ) {
        return reject(lineNo, line, 'UNPARSABLE', stamp.error);
      }
      let t: number;
      if (timeframe === DAY_MINUTES) {
        const bounds = sessionBounds(new Date(stamp.ms).toISOString().slice(0, 10));
        if (!bounds)
          return reject(
            lineNo,
            line,
            'OUTSIDE_SESSION',
            `no Globex session on trade date ${new Date(stamp.ms).toISOString().slice(0, 10)}`,
          );
        t = bounds.open;
      } else if (stamp.kind === 'utc') {
        t = stamp.ms;
      } else {
        if (clock.fromLocal(stamp.ms, prevUtc) !== LocalTime.Ok) {
          return reject(
            lineNo,
            line,
            'NONEXISTENT_LOCAL_TIME',
            `${new Date(stamp.ms).toISOString().slice(0, 16).replace('T', ' ')} does not exist in ${zone.zone}`,
          );
        }
        t = clock.utc;
      }
      const o = num(f[c.open]) * priceScale;
      const h = num(f[c.high]) * priceScale;
      const l = num(f[c.low]) * priceScale;
      const cl = num(f[c.close]) * priceScale;
      if (
        !Number.isFinite(o) ||
        !Number.isFinite(h) ||
        !Number.isFinite(l) ||
        !Number.isFinite(cl)
      ) {
        return reject(lineNo, line, 'NON_FINITE_PRICE', '');
      }
      if (o <= 0 || h <= 0 || l <= 0 || cl <= 0)
        return reject(lineNo, line, 'NON_POSITIVE_PRICE', '');
      if (!isOnTickGrid(o) || !isOnTickGrid(h) || !isOnTickGrid(l) || !isOnTickGrid(cl))
        return reject(lineNo, line, 'OFF_TICK_GRID', '');
      if (h < l || h < Math.max(o, cl) || l > Math.min(o, cl)) {
        return reject(
          lineNo,
          line,
          'HIGH_LOW_INCONSISTENT',
          `open ${o} high ${h} low ${l} close ${cl}`,
        );
      }
      let v: number | null = null;
      if (!volumeAbsent) {
        v = 0;
        for (const vi of c.volume) v += num(f[vi]);
        if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v))
          return reject(
            lineNo,
            line,
            'BAD_VOLUME',
            `volume "${c.volume.map((i) => f[i]).join('+')}"`,
          );
      }
      if (timeframe !== DAY_MINUTES) {
        if (t % tfMs !== 0)
          return reject(
            lineNo,
            line,
            'MISALIGNED_TIME',
            `${new Date(t).toISOString()} is not on the ${timeframe}-minute grid`,
          );
        if (!isTradingMinute(t))
          return reject(
            lineNo,
            line,
            'OUTSIDE_SESSION',
            `${new Date(t).toISOString()} is outside Globex hours`,
          );
      }
      if (spikes.isSpike(h - l, cl)) return reject(lineNo, line, 'SPIKE', `range ${h - l} points`);
      const outcome = store.insertBar(symbol, timeframe, t, o, h, l, cl, v, importId);
      if (outcome === 'conflict')
        return reject(
          lineNo,
          line,
          'DUPLICATE_CONFLICT',
          `${new Date(t).toISOString()} is stored with other values`,
        );
      spikes.accept(h - l);
      if (c.symbol !== undefined) {
        // Contract symbols in the file: a change of contract between bars is a roll.
        const contract = (f[c.symbol] ?? '').trim().replace(/^"|"$/g, '');
        if (prevContract !== undefined && contract !== prevContract && t > prevUtc) {
          symbolRolls.push({
            symbol,
            timeframe,
            time: t,
            fromContract: prevContract,
            toContract: contract,
            gap: o - prevClose,
            source: 'symbol',
            confidence: 1,
          });
        }
        prevContract = contract;
        prevClose = cl;
      }
      prevUtc = t;
      if (outcome === 'duplicate') duplicates++;
      else imported++;
      if (first === null || t < first) first = t;
      if (last === null || t > last) last = t;
    });
    opts.onProgress?.({ file, phase: 'import', bytes: totalBytes, totalBytes, rows: rowsRead });
    let rollsDetected = 0;
    if (symbolRolls.length > 0) {
      store.upsertRolls(symbolRolls);
      rollsDetected = symbolRolls.length;
    }
    // Files without contract symbols: detect rolls from the price jumps near each expiry.
    if (c.symbol === undefined && first !== null && last !== null && imported > 0) {
      const windows = detectRollsInSpan(
        (from, to) => store.bars(symbol, timeframe, from, to).bars,
        symbol,
        timeframe,
        first,
        last,
      );
      for (const w of windows) {
        store.replaceDetectedRolls(symbol, timeframe, w.from, w.to, w.rolls);
        rollsDetected += w.rolls.length;
      }
    }
    const result: ImportSummary = {
      file,
      importId,
      format: layout.format,
      timeZone: zone.zone,
      zoneSource: zone.source,
      zoneNote: zone.note,
      zoneScores: zone.scores.slice(0, 4),
      dateOrder,
      dateOrderSource,
      timeframe,
      volumeAbsent,
      rowsRead,
      imported,
      duplicates,
      quarantined,
      quarantineByReason: Object.fromEntries(
        QUARANTINE_REASONS.filter((r) => byReason[r]).map((r) => [r, byReason[r]]),
      ),
      firstBarUtc: iso(first),
      lastBarUtc: iso(last),
      rollsDetected,
      sha256: scan.sha256,
      seconds: (Date.now() - t0) / 1000,
    };
    store.finishImport(importId, {
      finishedAt: now(),
      rowsRead,
      imported,
      duplicates,
      quarantined,
      firstBar: first,
      lastBar: last,
      summaryJson: JSON.stringify({ ...result, file: basename(file) }),
    });
    return result;
  });
  return summary;
}
