/**
 * SQLite access (better-sqlite3): WAL, foreign keys on, one writer per file, numbered
 * migrations applied in one transaction each. The order/fill journal opens with
 * `synchronous=FULL` (a confirmed write survives power loss); the market-data cache with
 * `NORMAL`.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/** One schema step; `id`s are consecutive from 1 and never reused. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export interface OpenOptions {
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly migrations: readonly Migration[];
  readonly readonly?: boolean;
}

/** Opens (creating if needed) a database and brings its schema up to date. */
export function openDatabase(path: string, opts: OpenOptions): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${opts.synchronous}`);
  db.pragma('busy_timeout = 5000');
  migrate(db, opts.migrations);
  return db;
}

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migration ${m.name} has id ${m.id}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `database ${db.name} has schema version ${current}, newer than this build knows (${migrations.length}); refusing to open it`,
    );
  }
  let applied = 0;
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.id}`);
    })();
    applied++;
  }
  return applied;
}
