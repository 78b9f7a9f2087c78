/**
 * The market-data database (`market.sqlite`, synchronous=NORMAL): instruments and
 * contracts, bars of every stored timeframe (1-minute bars and the native bars of coarser
 * files, flagged by `timeframe` in minutes), the roll table (per series: vendors roll on
 * different dates), the import log and the
 * quarantine of rejected rows. Bars are unadjusted; adjusted views are derived on request.
 */
import { openDatabase, type Migration, type SqliteDatabase } from '../database';

export const MARKET_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'market data',
    sql: `
      CREATE TABLE instruments (
        symbol TEXT PRIMARY KEY,
        description TEXT NOT NULL,
        multiplier REAL NOT NULL,
        tick_size REAL NOT NULL
      );
      INSERT INTO instruments VALUES ('NQ', 'E-mini Nasdaq-100', 20, 0.25), ('MNQ', 'Micro E-mini Nasdaq-100', 2, 0.25);
      CREATE TABLE contracts (
        local_symbol TEXT PRIMARY KEY,
        symbol TEXT NOT NULL REFERENCES instruments(symbol),
        month TEXT NOT NULL,
        last_trade INTEGER
      );
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        format TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        date_order TEXT NOT NULL,
        timeframe INTEGER NOT NULL,
        symbol TEXT NOT NULL REFERENCES instruments(symbol),
        volume_absent INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        rows_read INTEGER NOT NULL DEFAULT 0,
        imported INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        quarantined INTEGER NOT NULL DEFAULT 0,
        first_bar INTEGER,
        last_bar INTEGER,
        summary_json TEXT
      );
      CREATE TABLE bars (
        symbol TEXT NOT NULL REFERENCES instruments(symbol),
        timeframe INTEGER NOT NULL,
        time INTEGER NOT NULL,
        open REAL NOT NULL,
        high REAL NOT NULL,
        low REAL NOT NULL,
        close REAL NOT NULL,
        volume REAL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        PRIMARY KEY (symbol, timeframe, time)
      ) WITHOUT ROWID;
      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        file TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        line INTEGER NOT NULL,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        UNIQUE (file_sha256, line)
      );
      CREATE INDEX quarantine_by_import ON quarantine(import_id);
      CREATE TABLE rolls (
        symbol TEXT NOT NULL REFERENCES instruments(symbol),
        timeframe INTEGER NOT NULL,
        time INTEGER NOT NULL,
        from_contract TEXT,
        to_contract TEXT,
        gap REAL NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('symbol', 'detected', 'manual')),
        confidence REAL,
        PRIMARY KEY (symbol, timeframe, time)
      );
    `,
  },
];

/** Opens the market database. */
export function openMarketDb(path: string): SqliteDatabase {
  return openDatabase(path, { synchronous: 'NORMAL', migrations: MARKET_MIGRATIONS });
}
