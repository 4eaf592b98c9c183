import {
  type Account,
  accounts,
  campaigns,
  type Db,
  messages,
  type Pool,
  poolAccounts,
  poolContacts,
  pools,
} from '@switchboard/db';
import { FINISHED_CAMPAIGN_STATUSES, type Scope } from '@switchboard/validators';
import { and, count, eq, gt, inArray, notInArray } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import type { ReachOutLimits } from '../campaigns/limits.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';

export const POOL_NAME_MAX_LENGTH = 100;
export const POOL_MAX_ACCOUNTS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PoolView {
  id: string;
  name: string;
  ownerId: string;
  sessionIds: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * Pools: named groups of accounts that a send or a campaign can name instead of one account. Each number is
 * sticky to the first account of the pool it heard from, for as long as that account can send.
 */
export class PoolService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly limits: ReachOutLimits,
  ) {}

  list(actor: Actor): PoolView[] {
    requireScope(actor, 'sessions:read');
    return this.#visiblePools(actor);
  }

  /** The ids of the pools the actor may see, for filtering what belongs to them (campaigns). */
  visibleIds(actor: Actor): string[] {
    return this.#visiblePools(actor).map((p) => p.id);
  }

  #visiblePools(actor: Actor): PoolView[] {
    const own = actor.role === 'admin' ? undefined : eq(pools.ownerId, actor.id);
    return this.db
      .select()
      .from(pools)
      .where(own)
      .orderBy(pools.createdAt)
      .all()
      .map((p) => this.#view(p))
      .filter((p) => this.#visible(actor, p));
  }

  /** The pool if the actor holds `scope` and may see it and all its accounts; NOT_FOUND otherwise. */
  get(actor: Actor, id: string, scope: Scope = 'sessions:read'): PoolView {
    requireScope(actor, scope);
    const row = this.db.select().from(pools).where(eq(pools.id, id)).get();
    const view = row && this.#view(row);
    if (!view || !this.#visible(actor, view)) throw new AppError('NOT_FOUND', `Pool ${id} not found`);
    return view;
  }

  create(actor: Actor, input: { name: string; sessionIds: string[] }): PoolView {
    requireScope(actor, 'sessions:manage');
    const name = checkedName(input.name);
    const members = this.#members(actor, input.sessionIds);
    const now = Date.now();
    const id = newId();
    this.db.transaction((tx) => {
      tx.insert(pools).values({ id, ownerId: actor.id, name, createdAt: now, updatedAt: now }).run();
      tx.insert(poolAccounts)
        .values(members.map((accountId) => ({ poolId: id, accountId })))
        .run();
    });
    return this.get(actor, id);
  }

  update(actor: Actor, input: { id: string; name?: string; sessionIds?: string[] }): PoolView {
    const pool = this.get(actor, input.id, 'sessions:manage');
    const name = input.name === undefined ? pool.name : checkedName(input.name);
    const members = input.sessionIds === undefined ? null : this.#members(actor, input.sessionIds);
    this.db.transaction((tx) => {
      tx.update(pools).set({ name, updatedAt: Date.now() }).where(eq(pools.id, pool.id)).run();
      if (!members) return;
      tx.delete(poolAccounts).where(eq(poolAccounts.poolId, pool.id)).run();
      tx.insert(poolAccounts)
        .values(members.map((accountId) => ({ poolId: pool.id, accountId })))
        .run();
      // Numbers stuck to an account that left the pool are free to be picked again.
      tx.delete(poolContacts)
        .where(and(eq(poolContacts.poolId, pool.id), notInArray(poolContacts.accountId, members)))
        .run();
    });
    return this.get(actor, pool.id);
  }

  /** Deletes the pool with its finished campaigns; refused while a campaign of it may still send. */
  delete(actor: Actor, id: string): void {
    const pool = this.get(actor, id, 'sessions:manage');
    const active = this.db
      .select({ n: count() })
      .from(campaigns)
      .where(
        and(eq(campaigns.poolId, pool.id), notInArray(campaigns.status, [...FINISHED_CAMPAIGN_STATUSES])),
      )
      .get();
    if ((active?.n ?? 0) > 0)
      throw new AppError(
        'PRECONDITION_FAILED',
        `Pool ${pool.name} has ${active?.n} campaigns that are not finished: cancel or delete them first`,
      );
    this.db.delete(pools).where(eq(pools.id, pool.id)).run();
  }

  /** The account rows of a pool, in the order they were added. */
  accountsOf(poolId: string): Account[] {
    return this.db
      .select({ account: accounts })
      .from(poolAccounts)
      .innerJoin(accounts, eq(accounts.id, poolAccounts.accountId))
      .where(eq(poolAccounts.poolId, poolId))
      .all()
      .map((r) => r.account);
  }

  /** The account a number is stuck to in a pool, if it heard from one. */
  stickyAccount(poolId: string, phone: string): string | undefined {
    return this.db
      .select({ accountId: poolContacts.accountId })
      .from(poolContacts)
      .where(and(eq(poolContacts.poolId, poolId), eq(poolContacts.phone, phone)))
      .get()?.accountId;
  }

  /** The number heard from this account: it stays with it (a number keeps its first account). */
  remember(poolId: string, phone: string, accountId: string): void {
    this.db.insert(poolContacts).values({ poolId, phone, accountId }).onConflictDoNothing().run();
  }

  /**
   * The account a single send to `phone` goes out from: the one the number is stuck to while it can send,
   * else the connected, unlimited account that sent least in the last 24 hours.
   */
  pickForSend(actor: Actor, poolId: string, phone: string): Account {
    const pool = this.get(actor, poolId, 'messages:send');
    const members = this.accountsOf(pool.id);
    const usable = members.filter((a) => a.status === 'connected' && !this.limits.holds(a));
    if (usable.length === 0) {
      const states = members.map((a) => `${a.id}: ${this.limits.holds(a) ? 'limited' : a.status}`);
      throw new AppError(
        'PRECONDITION_FAILED',
        `No account of pool ${pool.name} can send now (${states.join(', ') || 'it has no accounts'})`,
      );
    }
    const sticky = this.stickyAccount(pool.id, phone);
    const stuck = usable.find((a) => a.id === sticky);
    if (stuck) return stuck;
    const sentByAccount = this.#sentInLastDay(usable.map((a) => a.id));
    return usable.reduce((best, a) =>
      (sentByAccount.get(a.id) ?? 0) < (sentByAccount.get(best.id) ?? 0) ? a : best,
    );
  }

  #sentInLastDay(accountIds: string[]): Map<string, number> {
    const rows = this.db
      .select({ accountId: messages.accountId, n: count() })
      .from(messages)
      .where(
        and(
          inArray(messages.accountId, accountIds),
          eq(messages.direction, 'out'),
          gt(messages.createdAt, Date.now() - DAY_MS),
        ),
      )
      .groupBy(messages.accountId)
      .all();
    return new Map(rows.map((r) => [r.accountId, r.n]));
  }

  /** Member ids the actor may manage, de-duplicated, at least one; NOT_FOUND names one it may not see. */
  #members(actor: Actor, sessionIds: string[]): string[] {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) throw new AppError('BAD_REQUEST', 'A pool needs at least one session');
    if (ids.length > POOL_MAX_ACCOUNTS)
      throw new AppError('BAD_REQUEST', `A pool holds at most ${POOL_MAX_ACCOUNTS} sessions`);
    for (const id of ids) this.access.account(actor, id, 'sessions:manage');
    return ids;
  }

  #view(pool: Pool): PoolView {
    const members = this.db
      .select({ accountId: poolAccounts.accountId })
      .from(poolAccounts)
      .where(eq(poolAccounts.poolId, pool.id))
      .all();
    return {
      id: pool.id,
      name: pool.name,
      ownerId: pool.ownerId,
      sessionIds: members.map((m) => m.accountId),
      createdAt: pool.createdAt,
      updatedAt: pool.updatedAt,
    };
  }

  /** Its owner or an admin, and every account of it inside an API key's list. */
  #visible(actor: Actor, pool: PoolView): boolean {
    if (actor.role !== 'admin' && pool.ownerId !== actor.id) return false;
    const allowed = actor.key?.accountIds;
    return !allowed || pool.sessionIds.every((id) => allowed.includes(id));
  }
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > POOL_NAME_MAX_LENGTH)
    throw new AppError('BAD_REQUEST', `Pool name must be 1 to ${POOL_NAME_MAX_LENGTH} characters`);
  return trimmed;
}
