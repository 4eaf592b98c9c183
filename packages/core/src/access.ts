import { type Account, accounts, type Db } from '@switchboard/db';
import { isValidSessionId, type Scope, type UserRole } from '@switchboard/validators';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { accountById } from './account-rows.ts';
import { AppError } from './errors.ts';

/** What an API key narrows its owner down to. It never adds anything the owner could not do. */
export interface KeyGrant {
  id: string;
  scopes: readonly Scope[];
  /** The only accounts the key may act on; null for every account its owner sees. */
  accountIds: readonly string[] | null;
}

/**
 * Who is asking: a signed-in user (who holds every scope), or an API key acting for its user. `id` and
 * `role` are always the user's, read fresh for every request, so demoting or deleting the owner narrows
 * or ends what their keys can do at once.
 */
export interface Actor {
  id: string;
  role: UserRole;
  key?: KeyGrant;
}

/** A signed-in user acting for themself. */
export const userActor = (user: { id: string; role: UserRole }): Actor => ({ id: user.id, role: user.role });

/**
 * Admin-only things (global webhooks, every account's data at once): an admin, and not through a key that
 * is limited to some accounts.
 */
export const isAdmin = (actor: Actor) => actor.role === 'admin' && !actor.key?.accountIds;

export const hasScope = (actor: Actor, scope: Scope) => !actor.key || actor.key.scopes.includes(scope);

/** FORBIDDEN naming the missing scope. Checked before anything is looked up, so it reveals nothing. */
export function requireScope(actor: Actor, scope: Scope): void {
  if (!hasScope(actor, scope))
    throw new AppError('FORBIDDEN', `This API key lacks the "${scope}" scope needed for this`);
}

/**
 * Whether the actor may see an account: its owner or an admin, and inside a key's account list. Pure, for
 * filtering event streams, whose events carry the account's id and owner.
 */
export function canSeeAccount(actor: Actor, account: { id: string; ownerId: string }): boolean {
  if (actor.role !== 'admin' && account.ownerId !== actor.id) return false;
  return !actor.key?.accountIds || actor.key.accountIds.includes(account.id);
}

/**
 * The one place that answers "may this actor do that to this account" for every domain. Each question names
 * the scope it needs; an account the actor may not see answers exactly like a missing one.
 */
export class Access {
  readonly #row: (id: string) => Account | undefined;

  constructor(private readonly db: Db) {
    this.#row = accountById(db);
  }

  /** The account, if the actor holds `scope` and may see it; NOT_FOUND otherwise, like a missing one. */
  account(actor: Actor, id: string, scope: Scope): Account {
    const row = this.visible(actor, id, scope);
    if (!row)
      throw new AppError('NOT_FOUND', `Session ${id} not found`, {
        reason: 'session.not_found',
        params: { id },
      });
    return row;
  }

  /** Like `account`, but undefined instead of NOT_FOUND, for callers that name what was not found. */
  visible(actor: Actor, id: string, scope: Scope): Account | undefined {
    requireScope(actor, scope);
    const row = isValidSessionId(id) ? this.#row(id) : undefined;
    return row && canSeeAccount(actor, row) ? row : undefined;
  }

  /** Every account the actor sees, oldest first. */
  accounts(actor: Actor, scope: Scope): Account[] {
    requireScope(actor, scope);
    return this.db.select().from(accounts).where(this.#ownCondition(actor)).orderBy(accounts.createdAt).all();
  }

  /**
   * A condition limiting `column` (an account id) to the accounts the actor sees, for list queries;
   * undefined when it sees them all.
   */
  accountFilter(actor: Actor, column: SQLiteColumn, scope: Scope): SQL | undefined {
    requireScope(actor, scope);
    const own = this.#ownCondition(actor);
    return own && inArray(column, this.db.select({ id: accounts.id }).from(accounts).where(own));
  }

  #ownCondition(actor: Actor): SQL | undefined {
    const conditions: SQL[] = [];
    if (actor.role !== 'admin') conditions.push(eq(accounts.ownerId, actor.id));
    if (actor.key?.accountIds) conditions.push(inArray(accounts.id, [...actor.key.accountIds]));
    return conditions.length > 0 ? and(...conditions) : undefined;
  }
}
