import { type Account, accounts, type Db } from '@switchboard/db';
import { eq, sql } from 'drizzle-orm';
import { perDatabase } from './prepared.ts';

const statements = perDatabase((db) =>
  db
    .select()
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * An account row by id, through one prepared statement: the server's most frequent read (each request's
 * access check, each engine event). Always read fresh, so nothing here can go stale.
 */
export const accountById =
  (db: Db) =>
  (id: string): Account | undefined =>
    statements(db).get({ id });
