import { accounts, type Db, users } from '@switchboard/db';
import { asc, eq, or, sql } from 'drizzle-orm';

/** Someone a conversation may be assigned to. */
export interface Assignee {
  id: string;
  name: string;
}

/**
 * The users who may see an account — its owner and every admin (as `canSeeAccount` rules) — by name: whom
 * its conversations may be assigned to.
 */
export function assignableUsers(db: Db, accountId: string): Assignee[] {
  const owner = db.select({ id: accounts.ownerId }).from(accounts).where(eq(accounts.id, accountId));
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(or(eq(users.role, 'admin'), eq(users.id, sql`(${owner})`)))
    .orderBy(sql`${users.name} collate nocase`, asc(users.id))
    .all();
}
