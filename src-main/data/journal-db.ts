/**
 * The journal database (`journal.sqlite`): the trading state and its audit trail now;
 * orders, fills and decisions in later migrations. Opened with synchronous=FULL.
 */
import { openDatabase, type Migration, type SqliteDatabase } from './database';

export const JOURNAL_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'trading state',
    sql: `
      CREATE TABLE trading_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'REDUCING', 'HALTED')),
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        changed_at INTEGER NOT NULL
      );
      CREATE TABLE trading_state_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL
      );
    `,
  },
];

/** Opens the journal under `dataDir`. */
export function openJournal(path: string): SqliteDatabase {
  return openDatabase(path, { synchronous: 'FULL', migrations: JOURNAL_MIGRATIONS });
}
