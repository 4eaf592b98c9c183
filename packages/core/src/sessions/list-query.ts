import { type Account, accounts, type Db, users } from '@switchboard/db';
import type { EngineName, SessionSort, SessionStatus } from '@switchboard/validators';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Access, type Actor, isAdmin } from '../access.ts';
import { searchCondition } from '../search.ts';

/** Who owns a session, as admins see it. */
export interface SessionOwner {
  id: string;
  name: string;
  email: string;
}

/** What narrows and orders a list of sessions; every field is optional. */
export interface SessionQuery {
  /** Part of the name, id or phone number (digits, whatever the punctuation typed). */
  search?: string | null | undefined;
  status?: SessionStatus | readonly SessionStatus[] | null | undefined;
  engine?: EngineName | null | undefined;
  ownerId?: string | null | undefined;
  /** `created` (default: oldest first); `attention`: failed, unlinked and waiting for a scan first, then by name. */
  sort?: SessionSort | null | undefined;
  order?: 'asc' | 'desc' | null | undefined;
}

export interface SessionRow {
  row: Account;
  /** Filled for admins only. */
  owner: SessionOwner | null;
}

/** The statuses that ask an operator to act come first when sorted by attention. */
const ATTENTION: readonly SessionStatus[] = [
  'failed',
  'logged_out',
  'qr',
  'reconnecting',
  'authenticating',
  'starting',
  'connected',
  'stopped',
];
const attentionRank = sql`CASE ${accounts.status} ${sql.join(
  ATTENTION.map((status, rank) => sql`WHEN ${status} THEN ${rank}`),
  sql` `,
)} END`;

/**
 * Sessions the actor may see, filtered and sorted in SQL so a server with a thousand of them answers a
 * search without reading them all; `page` limits the rows read, `total` counts every match.
 */
export function querySessions(
  db: Db,
  access: Access,
  actor: Actor,
  query: SessionQuery,
  page?: { limit: number; offset: number },
): { rows: SessionRow[]; total: number } {
  const where = and(access.accountFilter(actor, accounts.id, 'sessions:read'), ...conditions(query));
  const direction = query.order === 'desc' ? desc : asc;
  const byName = sql`${accounts.name} COLLATE NOCASE`;
  const order: SQL[] = (() => {
    switch (query.sort ?? 'created') {
      case 'name':
        return [direction(byName)];
      case 'created':
        return [direction(accounts.createdAt)];
      case 'lastConnected':
        return [direction(sql`coalesce(${accounts.lastConnectedAt}, 0)`)];
      case 'phone':
        return [direction(sql`coalesce(${accounts.phone}, '')`)];
      case 'attention':
        return [direction(attentionRank), asc(byName)];
    }
  })();
  const admin = isAdmin(actor);
  const base = db
    .select({ row: accounts, ownerName: users.name, ownerEmail: users.email })
    .from(accounts)
    .leftJoin(users, eq(users.id, accounts.ownerId))
    .where(where)
    .orderBy(...order, asc(accounts.id))
    .$dynamic();
  const found = page ? base.limit(page.limit).offset(page.offset).all() : base.all();
  const rows = found.map(({ row, ownerName, ownerEmail }) => ({
    row,
    owner:
      admin && ownerName !== null && ownerEmail !== null
        ? { id: row.ownerId, name: ownerName, email: ownerEmail }
        : null,
  }));
  const total = page ? (db.select({ n: count() }).from(accounts).where(where).get()?.n ?? 0) : rows.length;
  return { rows, total };
}

/** The owner of one session, as admins see it. */
export function ownerOf(db: Db, actor: Actor, row: Account): SessionOwner | null {
  if (!isAdmin(actor)) return null;
  const user = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, row.ownerId))
    .get();
  return user ?? null;
}

function conditions(query: SessionQuery): SQL[] {
  const found: SQL[] = [];
  const search = searchCondition(query.search, [accounts.name, accounts.id], accounts.phone);
  if (search) found.push(search);
  const statuses = typeof query.status === 'string' ? [query.status] : (query.status ?? []);
  if (statuses.length > 0) found.push(inArray(accounts.status, [...statuses]));
  if (query.engine) found.push(eq(accounts.engine, query.engine));
  if (query.ownerId) found.push(eq(accounts.ownerId, query.ownerId));
  return found;
}
