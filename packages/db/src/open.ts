import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this file, not the working directory, so any process can open the database. */
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Opens (creating if needed) the SQLite database at `path` and applies pending migrations.
 * `':memory:'` gives a fresh, fully migrated database — what the tests use.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another program holding the write lock makes a write wait this long, then fail with SQLITE_BUSY (and be
  // retried or reported). Kept short: better-sqlite3 waits synchronously, stalling the whole server meanwhile.
  sqlite.pragma('busy_timeout = 200');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * A second, read-only connection to a database another connection of this process opened (and migrated):
 * for work on another thread that only reads. WAL lets it read while the first one writes.
 */
export function openDatabaseReader(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  return drizzle(sqlite, { schema });
}
