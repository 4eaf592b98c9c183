import { type Account, accounts, type Db, users } from '@switchboard/db';
import { type EngineName, parseProxyUrl, SESSION_NAME_MAX_LENGTH } from '@switchboard/validators';
import { count, eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';

/** What `sessions.update` may change; what is left out stays as it is. */
export interface SessionChanges {
  name?: string | undefined;
  /** Keep it running: started again on boot and retried after failures. */
  autoStart?: boolean | undefined;
  /** WhatsApp Web sessions only; null removes it. Used from the next start. */
  proxy?: string | null | undefined;
}

export function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > SESSION_NAME_MAX_LENGTH)
    throw new AppError('BAD_REQUEST', `Session name must be 1 to ${SESSION_NAME_MAX_LENGTH} characters`);
  return trimmed;
}

/** Checks every change before writing any, then writes them together. */
export function applyChanges(db: Db, row: Account, changes: SessionChanges): void {
  const set: Partial<Pick<Account, 'name' | 'autoStart' | 'proxy'>> = {};
  if (changes.name !== undefined) set.name = checkedName(changes.name);
  if (changes.autoStart !== undefined) set.autoStart = changes.autoStart;
  if (changes.proxy !== undefined) set.proxy = checkedProxy(row, changes.proxy);
  if (Object.keys(set).length === 0)
    throw new AppError('BAD_REQUEST', 'Nothing to change: give a name, autoStart or proxy');
  db.update(accounts)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(accounts.id, row.id))
    .run();
}

function checkedProxy(row: Account, proxy: string | null): string | null {
  if (proxy === null) return null;
  if (row.engine !== 'webjs')
    throw new AppError(
      'BAD_REQUEST',
      `Session ${row.id} runs on the ${row.engine} engine, which has no network of its own: only WhatsApp Web sessions take a proxy`,
    );
  const check = parseProxyUrl(proxy);
  if (!check.ok) throw new AppError('BAD_REQUEST', check.error);
  return proxy.trim();
}

/** Both the database and a transaction handle. */
type Queryable = Pick<Db, 'select'>;

/** How many sessions a user owns, for the per-user limit. */
export const sessionsOwnedBy = (db: Queryable, userId: string) =>
  db.select({ n: count() }).from(accounts).where(eq(accounts.ownerId, userId)).get()?.n ?? 0;

/**
 * Hands the session to another user, within that user's session limit. NOT_FOUND for a user that does not
 * exist; nothing changes when the user owns it already.
 */
export function changeOwner(db: Db, row: Account, ownerId: string, maxSessionsPerUser: number): boolean {
  if (row.ownerId === ownerId) return false;
  // Immediate: the count and the write cannot interleave with a create on another connection.
  return db.transaction(
    (tx) => {
      const user = tx.select({ name: users.name }).from(users).where(eq(users.id, ownerId)).get();
      if (!user) throw new AppError('NOT_FOUND', `User ${ownerId} not found`);
      const owned = sessionsOwnedBy(tx, ownerId);
      if (owned >= maxSessionsPerUser)
        throw new AppError(
          'PRECONDITION_FAILED',
          `${user.name} already has ${owned} sessions, the limit per user (MAX_SESSIONS_PER_USER=${maxSessionsPerUser})`,
        );
      tx.update(accounts).set({ ownerId, updatedAt: Date.now() }).where(eq(accounts.id, row.id)).run();
      return true;
    },
    { behavior: 'immediate' },
  );
}

/** Stores a new (stopped) session within the server's and its owner's session limits. */
export function insertAccount(
  db: Db,
  account: { id: string; name: string; engine: EngineName; ownerId: string },
  limits: { maxSessions: number; maxSessionsPerUser: number },
): void {
  const { maxSessions, maxSessionsPerUser } = limits;
  const now = Date.now();
  db.transaction((tx) => {
    const total = tx.select({ n: count() }).from(accounts).get()?.n ?? 0;
    if (total >= maxSessions) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `This server already has ${total} sessions, its limit (MAX_SESSIONS=${maxSessions}): delete one first`,
      );
    }
    const own = sessionsOwnedBy(tx, account.ownerId);
    if (own >= maxSessionsPerUser) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `You already have ${own} sessions, the limit per user (MAX_SESSIONS_PER_USER=${maxSessionsPerUser}): delete one first`,
      );
    }
    if (tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, account.id)).get()) {
      throw new AppError('CONFLICT', `Session id "${account.id}" is already taken: choose another id`, {
        reason: 'session.id_taken',
        params: { id: account.id },
      });
    }
    tx.insert(accounts)
      .values({ ...account, status: 'stopped', createdAt: now, updatedAt: now, statusChangedAt: now })
      .run();
  });
}
