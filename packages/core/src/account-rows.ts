import { type Account, accounts, type Db } from '@switchboard/db';
import { eq, sql } from 'drizzle-orm';
import { direct, perDatabase } from './prepared.ts';

/** The SQL function the accounts table's triggers call with the id of a row that changed or went. */
const CHANGED = 'switchboard_account_changed';

/**
 * Account rows by id, remembered until the row changes. SQLite itself says when: temporary triggers on this
 * connection call back on every update and delete of the table, whichever code (or cascade) made it, so no
 * write can leave a stale row behind. Rows are remembered only when read outside a transaction — what a
 * transaction wrote may yet be rolled back — and only rows that exist, so an insert needs no notice. A
 * change committed by another connection (someone's sqlite3 shell) fires no trigger here, but it moves
 * SQLite's `data_version`, asked before the first lookup of each turn of the event loop (asking before every
 * lookup cost a send several of them): then everything remembered is forgotten. So such a change is seen
 * from the next turn on, as if it had committed a moment later.
 */
const cachedRows = perDatabase((db) => {
  const read = direct<Account>(
    db
      .select()
      .from(accounts)
      .where(eq(accounts.id, sql.placeholder('id')))
      .prepare(),
  );
  const client = db.$client;
  if (client.readonly) return (id: string): Account | undefined => read.get({ id });
  const rows = new Map<string, Account>();
  const version = client.prepare('PRAGMA data_version').pluck();
  let seen = version.get();
  let asked = false;
  const askAgain = () => {
    asked = false;
  };
  client.function(CHANGED, { deterministic: false }, (id: unknown) => {
    rows.delete(String(id));
    return null;
  });
  client.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS switchboard_account_updated AFTER UPDATE ON main.accounts
      BEGIN SELECT ${CHANGED}(OLD.id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS switchboard_account_deleted AFTER DELETE ON main.accounts
      BEGIN SELECT ${CHANGED}(OLD.id); END;
  `);
  return (id: string): Account | undefined => {
    if (!asked) {
      asked = true;
      setImmediate(askAgain);
      const now = version.get();
      if (now !== seen) {
        rows.clear();
        seen = now;
      }
    }
    const known = rows.get(id);
    if (known) return known;
    const row = read.get({ id });
    // Frozen: every caller gets this same object, so none may change it for the others.
    if (row && !client.inTransaction) rows.set(id, Object.freeze(row));
    return row;
  };
});

/**
 * An account row by id: the server's most frequent read (each request's access check, each engine event).
 * Remembered until the row changes (see `cachedRows`), so a change is seen by the very next read.
 */
export const accountById =
  (db: Db) =>
  (id: string): Account | undefined =>
    cachedRows(db)(id);
