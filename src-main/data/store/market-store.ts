/**
 * Reads and writes the market database. Writers (imports, backfills) run inside one
 * transaction each; readers get columnar bars. Volume absent in the source is stored as
 * NULL and read back as NaN, with `volumeAbsent` set so volume features can be disabled.
 */
import { BarColumns } from '@shared/market/bar-columns';
import type { SqliteDatabase } from '../database';
import { openMarketDb } from './market-db';

export type InsertOutcome = 'inserted' | 'duplicate' | 'conflict';

export interface StoredBars {
  readonly bars: BarColumns;
  /** True when any bar in the span has no volume. */
  readonly volumeAbsent: boolean;
}

export interface SeriesInfo {
  readonly symbol: string;
  readonly timeframe: number;
  readonly bars: number;
  readonly first: number;
  readonly last: number;
  readonly volumeAbsent: boolean;
}

export interface Roll {
  readonly symbol: string;
  /** The series (bar length in minutes) the roll belongs to. */
  readonly timeframe: number;
  /** First bar of the new contract, UTC ms. */
  readonly time: number;
  readonly fromContract: string | null;
  readonly toContract: string | null;
  /** New contract's price minus the old one's at the roll, points. */
  readonly gap: number;
  readonly source: 'symbol' | 'detected' | 'manual';
  readonly confidence: number | null;
}

export interface ImportRecord {
  readonly id: number;
  readonly file: string;
  readonly fileSha256: string;
  readonly fileSize: number;
  readonly format: string;
  readonly timeZone: string;
  readonly dateOrder: string;
  readonly timeframe: number;
  readonly symbol: string;
  readonly volumeAbsent: boolean;
  readonly startedAt: number;
}

export class MarketStore {
  readonly db: SqliteDatabase;
  private readonly insertStmt;
  private readonly existingStmt;
  private readonly quarantineStmt;

  constructor(pathOrDb: string | SqliteDatabase) {
    this.db = typeof pathOrDb === 'string' ? openMarketDb(pathOrDb) : pathOrDb;
    this.insertStmt = this.db.prepare(
      `INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.existingStmt = this.db
      .prepare(
        'SELECT open, high, low, close, volume FROM bars WHERE symbol = ? AND timeframe = ? AND time = ?',
      )
      .raw(true);
    this.quarantineStmt = this.db.prepare(
      `INSERT INTO quarantine (import_id, file, file_sha256, line, raw, reason, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
  }

  /** Runs `fn` in one transaction: everything or nothing. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Starts an import record (inside the import's transaction); returns its id. */
  beginImport(r: Omit<ImportRecord, 'id'>): number {
    const res = this.db
      .prepare(
        `INSERT INTO imports (file, file_sha256, file_size, format, time_zone, date_order, timeframe, symbol, volume_absent, started_at)
         VALUES (@file, @fileSha256, @fileSize, @format, @timeZone, @dateOrder, @timeframe, @symbol, @volumeAbsent, @startedAt)`,
      )
      .run({ ...r, volumeAbsent: r.volumeAbsent ? 1 : 0 });
    return Number(res.lastInsertRowid);
  }

  finishImport(
    id: number,
    c: {
      finishedAt: number;
      rowsRead: number;
      imported: number;
      duplicates: number;
      quarantined: number;
      firstBar: number | null;
      lastBar: number | null;
      summaryJson: string;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE imports SET finished_at = @finishedAt, rows_read = @rowsRead, imported = @imported, duplicates = @duplicates,
           quarantined = @quarantined, first_bar = @firstBar, last_bar = @lastBar, summary_json = @summaryJson WHERE id = @id`,
      )
      .run({ id, ...c });
  }

  /** Inserts a bar unless one exists at that time: then reports duplicate (same values) or conflict. */
  insertBar(
    symbol: string,
    tf: number,
    time: number,
    o: number,
    h: number,
    l: number,
    c: number,
    v: number | null,
    importId: number,
  ): InsertOutcome {
    if (this.insertStmt.run(symbol, tf, time, o, h, l, c, v, importId).changes === 1)
      return 'inserted';
    const row = this.existingStmt.get(symbol, tf, time) as [
      number,
      number,
      number,
      number,
      number | null,
    ];
    return row[0] === o && row[1] === h && row[2] === l && row[3] === c && row[4] === v
      ? 'duplicate'
      : 'conflict';
  }

  quarantine(
    importId: number,
    file: string,
    sha: string,
    line: number,
    raw: string,
    reason: string,
    detail: string,
  ): void {
    this.quarantineStmt.run(importId, file, sha, line, raw.slice(0, 2000), reason, detail);
  }

  /** Stored bars of one timeframe in [from, to), oldest first. */
  bars(symbol: string, timeframe: number, from = -8.64e15, to = 8.64e15): StoredBars {
    const rows = this.db
      .prepare(
        'SELECT time, open, high, low, close, volume FROM bars WHERE symbol = ? AND timeframe = ? AND time >= ? AND time < ? ORDER BY time',
      )
      .raw(true)
      .iterate(symbol, timeframe, from, to) as IterableIterator<
      [number, number, number, number, number, number | null]
    >;
    const out = new BarColumns(4096);
    let volumeAbsent = false;
    for (const r of rows) {
      const v = r[5];
      if (v === null) volumeAbsent = true;
      out.push(r[0], r[1], r[2], r[3], r[4], v === null ? Number.NaN : v);
    }
    return { bars: out, volumeAbsent };
  }

  /** The newest `limit` stored bars before `before`, oldest first. */
  barsBefore(symbol: string, timeframe: number, before: number, limit: number): StoredBars {
    const rows = this.db
      .prepare(
        'SELECT time, open, high, low, close, volume FROM bars WHERE symbol = ? AND timeframe = ? AND time < ? ORDER BY time DESC LIMIT ?',
      )
      .raw(true)
      .all(symbol, timeframe, before, limit) as [
      number,
      number,
      number,
      number,
      number,
      number | null,
    ][];
    const out = new BarColumns(rows.length + 1);
    let volumeAbsent = false;
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i] as [number, number, number, number, number, number | null];
      if (r[5] === null) volumeAbsent = true;
      out.push(r[0], r[1], r[2], r[3], r[4], r[5] === null ? Number.NaN : r[5]);
    }
    return { bars: out, volumeAbsent };
  }

  /** Every stored series with its span. */
  series(): SeriesInfo[] {
    return (
      this.db
        .prepare(
          `SELECT symbol, timeframe, COUNT(*) AS bars, MIN(time) AS first, MAX(time) AS last,
             SUM(volume IS NULL) > 0 AS volumeAbsent FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe`,
        )
        .all() as (Omit<SeriesInfo, 'volumeAbsent'> & { volumeAbsent: number })[]
    ).map((r) => ({ ...r, volumeAbsent: r.volumeAbsent === 1 }));
  }

  rolls(symbol: string, timeframe?: number): Roll[] {
    return this.db
      .prepare(
        `SELECT symbol, timeframe, time, from_contract AS fromContract, to_contract AS toContract, gap, source, confidence
         FROM rolls WHERE symbol = ? AND (? IS NULL OR timeframe = ?) ORDER BY timeframe, time`,
      )
      .all(symbol, timeframe ?? null, timeframe ?? null) as Roll[];
  }

  /** Replaces the detected rolls of one series within [from, to]; symbol and manual rolls stay. */
  replaceDetectedRolls(
    symbol: string,
    timeframe: number,
    from: number,
    to: number,
    rolls: readonly Roll[],
  ): void {
    this.db
      .prepare(
        "DELETE FROM rolls WHERE symbol = ? AND timeframe = ? AND source = 'detected' AND time >= ? AND time <= ?",
      )
      .run(symbol, timeframe, from, to);
    const ins = this.db.prepare(
      `INSERT INTO rolls (symbol, timeframe, time, from_contract, to_contract, gap, source, confidence)
       VALUES (@symbol, @timeframe, @time, @fromContract, @toContract, @gap, @source, @confidence) ON CONFLICT DO NOTHING`,
    );
    for (const r of rolls) ins.run(r);
  }

  /** Inserts or replaces rolls known from contract symbols (or entered by hand). */
  upsertRolls(rolls: readonly Roll[]): void {
    const ins = this.db.prepare(
      `INSERT INTO rolls (symbol, timeframe, time, from_contract, to_contract, gap, source, confidence)
       VALUES (@symbol, @timeframe, @time, @fromContract, @toContract, @gap, @source, @confidence)
       ON CONFLICT (symbol, timeframe, time) DO UPDATE SET from_contract = excluded.from_contract,
         to_contract = excluded.to_contract, gap = excluded.gap, source = excluded.source, confidence = excluded.confidence`,
    );
    for (const r of rolls) ins.run(r);
  }

  /** Counts for `nqh data info` and the Data panel. */
  counts(): { bars: number; imports: number; quarantined: number; rolls: number } {
    const one = (sql: string): number => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    return {
      bars: one('SELECT COUNT(*) FROM bars'),
      imports: one('SELECT COUNT(*) FROM imports WHERE finished_at IS NOT NULL'),
      quarantined: one('SELECT COUNT(*) FROM quarantine'),
      rolls: one('SELECT COUNT(*) FROM rolls'),
    };
  }

  /** Quarantined rows of a file, by content hash (a re-import does not duplicate them). */
  quarantined(
    fileSha256: string,
    limit = 500,
  ): { line: number; reason: string; detail: string; raw: string }[] {
    return this.db
      .prepare(
        'SELECT line, reason, detail, raw FROM quarantine WHERE file_sha256 = ? ORDER BY line LIMIT ?',
      )
      .all(fileSha256, limit) as { line: number; reason: string; detail: string; raw: string }[];
  }

  /** Time of the first bar after `after`, or undefined (replay skipping a gap). */
  nextBarTime(symbol: string, timeframe: number, after: number): number | undefined {
    return (
      (this.db
        .prepare('SELECT MIN(time) FROM bars WHERE symbol = ? AND timeframe = ? AND time > ?')
        .pluck()
        .get(symbol, timeframe, after) as number | undefined) ?? undefined
    );
  }

  /**
   * The summary (JSON text) and last bar of the newest finished import of `symbol` in
   * `format`, if any.
   */
  latestImport(
    symbol: string,
    format: string,
  ): { summary: string | null; lastBar: number | null } | undefined {
    return this.db
      .prepare(
        `SELECT summary_json AS summary, last_bar AS lastBar FROM imports
         WHERE symbol = ? AND format = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(symbol, format) as { summary: string | null; lastBar: number | null } | undefined;
  }

  /** The latest finished imports, newest first. */
  recentImports(limit = 20): {
    id: number;
    file: string;
    sha256: string;
    finishedAt: number | null;
    imported: number;
    quarantined: number;
  }[] {
    return this.db
      .prepare(
        `SELECT id, file, file_sha256 AS sha256, finished_at AS finishedAt, imported, quarantined
         FROM imports WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as {
      id: number;
      file: string;
      sha256: string;
      finishedAt: number | null;
      imported: number;
      quarantined: number;
    }[];
  }

  close(): void {
    this.db.close();
  }
}
