import { EventEmitter, on } from 'node:events';
import { accounts, type Db, type SessionEventRow, sessionEvents } from '@switchboard/db';
import type { Coded, Said, SessionHistoryType, SessionStatus } from '@switchboard/validators';
import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type Access, type Actor, canSeeAccount } from '../access.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface HistoryConfig {
  /** Entries older than this are removed; 0 keeps them. */
  retentionMs: number;
  /** The oldest entries of a session are removed past this many; 0 for no cap. */
  maxPerSession: number;
}

export const DEFAULT_HISTORY: HistoryConfig = { retentionMs: 30 * 24 * 60 * 60 * 1000, maxPerSession: 1000 };

/** One thing that happened to a session, as the API shows it. `id` orders entries and resumes streams. */
export interface HistoryEntry {
  id: string;
  sessionId: string;
  ownerId: string;
  type: SessionHistoryType;
  status: SessionStatus | null;
  detail: string | null;
  /** `detail` as a code with its values, for the dashboard to say in the operator's language. */
  detailCoded: Coded | null;
  at: number;
}

export interface HistoryFilter {
  /** One session's entries; every visible session's without. */
  sessionId?: string | null | undefined;
  types?: SessionHistoryType | readonly SessionHistoryType[] | null | undefined;
}

const typesOf = (filter: HistoryFilter): readonly SessionHistoryType[] =>
  typeof filter.types === 'string' ? [filter.types] : (filter.types ?? []);

/** Rows a resuming stream reads at most from the table before going live. */
const RESUME_MAX = 1000;

/**
 * The persisted history of every session, so it outlives the page that watched it and a server restart.
 * Recording never gets in the way of what it records: a write that fails is logged, not thrown. Live
 * entries go to the listeners of `stream` only, so they cost nothing when nobody watches.
 */
export class SessionHistory {
  readonly #live = new EventEmitter<{ entry: [HistoryEntry] }>();

  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly config: HistoryConfig,
    private readonly log: Logger,
  ) {
    this.#live.setMaxListeners(0);
  }

  record(
    account: { id: string; ownerId: string },
    type: SessionHistoryType,
    fields: { status?: SessionStatus; detail?: Said | null } = {},
  ): void {
    try {
      const row = this.db
        .insert(sessionEvents)
        .values({
          accountId: account.id,
          type,
          status: fields.status ?? null,
          detail: fields.detail?.text ?? null,
          detailCoded: fields.detail?.coded ?? null,
          at: Date.now(),
        })
        .returning()
        .get();
      if (this.#live.listenerCount('entry') > 0) this.#live.emit('entry', entryOf(row, account.ownerId));
    } catch (error) {
      this.log.warn('could not record session history', { id: account.id, type, error: String(error) });
    }
  }

  /** Newest first, `limit` at a time; `cursor` is the last id of the previous page. */
  page(
    actor: Actor,
    filter: HistoryFilter,
    input: { limit: number; cursor?: string | null | undefined },
  ): { items: HistoryEntry[]; nextCursor: string | null } {
    const conditions = this.#conditions(actor, filter);
    if (input.cursor) conditions.push(lt(sessionEvents.id, cursorId(input.cursor)));
    const rows = this.#select(and(...conditions))
      .orderBy(desc(sessionEvents.id))
      .limit(input.limit + 1)
      .all();
    const items = rows.slice(0, input.limit).map(({ row, ownerId }) => entryOf(row, ownerId));
    return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
  }

  /**
   * Entries as they are recorded, for the actor and the filter, until `signal` aborts. With `after` (the last
   * id a client saw, even before a restart) it first gives what was recorded since, oldest first. Checks
   * access and starts listening at once, before reading anything, so nothing falls between the two;
   * `actorNow` is asked again for every entry, so a sign-out or a transfer narrows the stream at once.
   */
  stream(
    actor: Actor,
    filter: HistoryFilter,
    options: { after?: string | null | undefined; signal?: AbortSignal | undefined; actorNow: () => Actor },
  ): AsyncGenerator<HistoryEntry> {
    const conditions = this.#conditions(actor, filter);
    const after = options.after ? cursorId(options.after) : null;
    const live = on(this.#live, 'entry', options.signal ? { signal: options.signal } : {}) as AsyncIterable<
      [HistoryEntry]
    >;
    return this.#entries(conditions, after, live, filter, options.actorNow);
  }

  async *#entries(
    conditions: SQL[],
    after: number | null,
    live: AsyncIterable<[HistoryEntry]>,
    filter: HistoryFilter,
    actorNow: () => Actor,
  ): AsyncGenerator<HistoryEntry> {
    let last = 0;
    if (after !== null) {
      const missed = this.#select(and(...conditions, gt(sessionEvents.id, after)))
        .orderBy(asc(sessionEvents.id))
        .limit(RESUME_MAX)
        .all();
      for (const { row, ownerId } of missed) {
        last = row.id;
        yield entryOf(row, ownerId);
      }
    }
    const wanted = typesOf(filter);
    const types = wanted.length > 0 ? new Set(wanted) : null;
    for await (const [entry] of live) {
      if (Number(entry.id) <= last) continue;
      if (filter.sessionId && entry.sessionId !== filter.sessionId) continue;
      if (types && !types.has(entry.type)) continue;
      if (!canSeeAccount(actorNow(), { id: entry.sessionId, ownerId: entry.ownerId })) continue;
      yield entry;
    }
  }

  /** Removes entries past their retention time, then each session's oldest past its cap. Returns how many. */
  trim(now = Date.now()): number {
    const { retentionMs, maxPerSession } = this.config;
    let removed = 0;
    if (retentionMs > 0)
      removed += this.db
        .delete(sessionEvents)
        .where(lt(sessionEvents.at, now - retentionMs))
        .run().changes;
    if (maxPerSession > 0) {
      removed += this.db.run(sql`
        DELETE FROM ${sessionEvents} WHERE ${sessionEvents.id} IN (
          SELECT id FROM (
            SELECT ${sessionEvents.id} AS id,
              row_number() OVER (PARTITION BY ${sessionEvents.accountId} ORDER BY ${sessionEvents.id} DESC) AS n
            FROM ${sessionEvents}
          ) WHERE n > ${maxPerSession}
        )`).changes;
    }
    if (removed > 0) this.log.info('session history trimmed', { rows: removed });
    return removed;
  }

  #conditions(actor: Actor, filter: HistoryFilter): SQL[] {
    const conditions: SQL[] = [];
    if (filter.sessionId) {
      this.access.account(actor, filter.sessionId, 'sessions:read');
      conditions.push(eq(sessionEvents.accountId, filter.sessionId));
    } else {
      const visible = this.access.accountFilter(actor, sessionEvents.accountId, 'sessions:read');
      if (visible) conditions.push(visible);
    }
    const types = typesOf(filter);
    if (types.length > 0) conditions.push(inArray(sessionEvents.type, [...types]));
    return conditions;
  }

  #select(where: SQL | undefined) {
    return this.db
      .select({ row: sessionEvents, ownerId: accounts.ownerId })
      .from(sessionEvents)
      .innerJoin(accounts, eq(accounts.id, sessionEvents.accountId))
      .where(where)
      .$dynamic();
  }
}

function cursorId(cursor: string): number {
  const id = Number(cursor);
  if (!Number.isSafeInteger(id) || id < 0)
    throw new AppError('BAD_REQUEST', 'The cursor is not one this list gave: start again without one');
  return id;
}

const entryOf = (row: SessionEventRow, ownerId: string): HistoryEntry => ({
  id: String(row.id),
  sessionId: row.accountId,
  ownerId,
  type: row.type,
  status: row.status,
  detail: row.detail,
  detailCoded: row.detailCoded,
  at: row.at,
});
