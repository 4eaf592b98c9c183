import { accounts, type Db } from '@switchboard/db';
import type { EngineRegistry, EngineSession, EventHub } from '@switchboard/engines/contract';
import { removeWithRetry } from '@switchboard/engines/remove-with-retry';
import { type EngineName, isLive, isValidSessionId, type SessionStatus, said } from '@switchboard/validators';
import { type Access, type Actor, isAdmin, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import type { EventBus, SessionEvent } from '../events.ts';
import { deriveSessionId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { SerialQueue } from '../serial-queue.ts';
import { type BulkResult, forEachSession } from './bulk.ts';
import { EngineRunner, type EngineRunnerConfig, type EngineTraffic } from './engine-runner.ts';
import { DEFAULT_HISTORY, type HistoryConfig, SessionHistory } from './history.ts';
import { NO_LIMIT } from './limit.ts';
import type { SessionQuery } from './list-query.ts';
import { Runtimes } from './runtimes.ts';
import { applyChanges, changeOwner, checkedName, insertAccount, type SessionChanges } from './settings.ts';
import { StatusStore } from './status-store.ts';
import { type SessionView, SessionViews } from './views.ts';

export interface SessionManagerConfig extends EngineRunnerConfig {
  maxSessions: number;
  maxSessionsPerUser: number;
  /** How long and how much of each session's history is kept. */
  history?: HistoryConfig;
}

export interface SessionManagerDeps {
  db: Db;
  engines: EngineRegistry;
  bus: EventBus;
  /** Where status changes become webhook deliveries, in the same transaction as the status row. */
  outbox: WebhookOutbox;
  access: Access;
  config: SessionManagerConfig;
  log: Logger;
}

/**
 * Runs every WhatsApp session of the server: one status machine each, persisted before it is published,
 * with start timeouts, reconnects with backoff, restore on boot and isolation between sessions. This file
 * holds the commands; the engine side (`engine-runner.ts`), the stored status (`status-store.ts`) and the
 * views (`views.ts`) are its parts. Lifecycle commands for one session run one at a time.
 */
export class SessionManager {
  readonly #queue = new SerialQueue();
  readonly #runtimes = new Runtimes();
  readonly #store: StatusStore;
  readonly #views: SessionViews;
  readonly #runner: EngineRunner;
  /** Every session's timeline, persisted; the event monitor streams it. */
  readonly history: SessionHistory;

  constructor(private readonly deps: SessionManagerDeps) {
    this.history = new SessionHistory(deps.db, deps.access, deps.config.history ?? DEFAULT_HISTORY, deps.log);
    this.#store = new StatusStore({ ...deps, runtimes: this.#runtimes, history: this.history });
    this.#views = new SessionViews(deps.db, deps.access, this.#runtimes);
    this.#runner = new EngineRunner({
      ...deps,
      queue: this.#queue,
      store: this.#store,
      runtimes: this.#runtimes,
    });
  }

  /** Incoming messages and receipts from every engine, for the messages service. */
  get traffic(): EventHub<EngineTraffic> {
    return this.#runner.traffic;
  }

  // ── Queries ────────────────────────────────────────────────────────────────────────────────────────

  list(actor: Actor, query: SessionQuery = {}): SessionView[] {
    return this.#views.list(actor, query);
  }

  page(actor: Actor, query: SessionQuery, page: { limit: number; offset: number }) {
    return this.#views.page(actor, query, page);
  }

  get(actor: Actor, id: string): SessionView {
    return this.#views.get(actor, id);
  }

  qr(actor: Actor, id: string): NonNullable<SessionView['qr']> {
    return this.#views.qr(actor, id);
  }

  /** The owner of a session the actor may see; NOT_FOUND otherwise (someone else's looks like missing). */
  visibleOwner(actor: Actor, id: string): string {
    return this.deps.access.account(actor, id, 'sessions:read').ownerId;
  }

  snapshot(actor: Actor, eventId: string): SessionEvent[] {
    return this.#views.snapshot(actor, eventId);
  }

  stats(actor: Actor): { total: number; byStatus: Record<SessionStatus, number> } {
    return this.#views.stats(actor);
  }

  /** The engine of a connected session, for sending; PRECONDITION_FAILED naming the status otherwise. */
  connectedEngine(id: string): EngineSession {
    return this.#runner.connectedEngine(id);
  }

  /**
   * The engines this server offers; for those that go out to the network, whether they reached WhatsApp at
   * their last attempt (`reachable` null: not tried yet, or an engine that needs no network).
   */
  engines(): Array<{ name: EngineName; reachable: boolean | null; checkedAt: number | null }> {
    return [...this.deps.engines.values()].map((engine) => {
      const last = engine.reachability?.() ?? null;
      return { name: engine.name, reachable: last?.reachable ?? null, checkedAt: last?.at ?? null };
    });
  }

  /** Asks every running engine that can tell for its resource usage (the lifecycle does this periodically). */
  sampleResources(): Promise<void> {
    return this.#runner.sampleResources();
  }

  // ── Commands ───────────────────────────────────────────────────────────────────────────────────────

  async create(
    actor: Actor,
    input: { id?: string; name: string; engine: EngineName; start?: boolean },
  ): Promise<SessionView> {
    requireScope(actor, 'sessions:manage');
    this.#assertOpen();
    const name = checkedName(input.name);
    const id = input.id ?? deriveSessionId(name);
    if (!isValidSessionId(id)) {
      throw new AppError(
        'BAD_REQUEST',
        `Session id "${id}" is invalid: use 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit`,
      );
    }
    if (!this.deps.engines.has(input.engine)) {
      const available = [...this.deps.engines.keys()];
      throw new AppError(
        'BAD_REQUEST',
        available.length > 0
          ? `Engine "${input.engine}" is not enabled on this server (available: ${available.join(', ')})`
          : `Engine "${input.engine}" is not enabled on this server, nor is any other: enable one (e.g. SANDBOX_ENABLED=true) and restart`,
      );
    }
    insertAccount(this.deps.db, { id, name, engine: input.engine, ownerId: actor.id }, this.deps.config);
    this.deps.log.info('session created', { id, engine: input.engine, owner: actor.id });
    this.#store.publish(this.#store.row(id)!);
    if (input.start !== false) return this.start(actor, id);
    return this.#current(actor, id);
  }

  /** Renames it, turns auto-start on or off, sets or removes its proxy (used from the next start). */
  update(actor: Actor, id: string, changes: SessionChanges): SessionView {
    applyChanges(this.deps.db, this.#managed(actor, id), changes);
    return this.#current(actor, id);
  }

  /**
   * Hands the session to another user (admins only). The live stream tells both: the new owner starts
   * seeing it, the previous one drops it.
   */
  transfer(actor: Actor, id: string, ownerId: string): SessionView {
    const row = this.#managed(actor, id);
    if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin can hand a session to another user');
    if (changeOwner(this.deps.db, row, ownerId, this.deps.config.maxSessionsPerUser)) {
      this.history.record({ id, ownerId }, 'transferred');
      this.deps.bus.publishSession({
        type: 'transferred',
        sessionId: id,
        ownerId,
        previousOwnerId: row.ownerId,
      });
      this.deps.log.info('session transferred', { id, from: row.ownerId, to: ownerId });
    }
    return this.#current(actor, id);
  }

  /** `start`, `stop` or `restart` on several sessions at once, answered per session. */
  bulk(actor: Actor, command: 'start' | 'stop' | 'restart', ids: readonly string[]): Promise<BulkResult[]> {
    requireScope(actor, 'sessions:manage');
    return forEachSession(ids, (id) => this[command](actor, id), this.deps.log);
  }

  /** Starts the session; a session already running is left as it is. */
  async start(actor: Actor, id: string): Promise<SessionView> {
    this.#managed(actor, id);
    this.#assertOpen();
    const launched = await this.#queue.run(id, async () => {
      const row = this.#store.row(id);
      if (!row || isLive(row.status)) return null;
      this.#store.setAutoStart(id, true);
      this.#runtimes.of(id).attempts = 0;
      return this.#runner.launch(id, 'starting');
    });
    // Outside the queue: a Stop sent meanwhile is not held up by this wait.
    await launched?.settled;
    return this.#current(actor, id);
  }

  async stop(actor: Actor, id: string): Promise<SessionView> {
    this.#managed(actor, id);
    await this.#queue.run(id, async () => {
      this.#store.setAutoStart(id, false);
      await this.#runner.teardown(id, 'stop');
      this.#store.set(id, 'stopped', null);
    });
    return this.#current(actor, id);
  }

  async restart(actor: Actor, id: string): Promise<SessionView> {
    this.#managed(actor, id);
    this.#assertOpen();
    const launched = await this.#queue.run(id, async () => {
      await this.#runner.teardown(id, 'stop');
      this.#store.set(id, 'stopped', null);
      this.#store.setAutoStart(id, true);
      this.#runtimes.of(id).attempts = 0;
      return this.#runner.launch(id, 'starting');
    });
    await launched.settled;
    return this.#current(actor, id);
  }

  /** Unlinks from the phone and forgets the auth state: the next start needs a new QR scan. */
  async logout(actor: Actor, id: string): Promise<SessionView> {
    const row = this.#managed(actor, id);
    await this.#queue.run(id, async () => {
      this.#store.setAutoStart(id, false);
      // Not running: the stored auth still has to go, and only the engine knows what it is.
      if (!(await this.#runner.teardown(id, 'logout'))) await this.#runner.logoutDormant(id, row.engine);
      this.#store.set(id, 'logged_out', said('Logged out', 'session.logged_out'), {
        phone: null,
        pushName: null,
        ...NO_LIMIT,
      });
    });
    return this.#current(actor, id);
  }

  /**
   * Deletes the session for good: the engine is logged out (so the phone drops the linked device), its data
   * folder is removed and its rows go with it (messages and webhooks cascade). There is no undo.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    const row = this.#managed(actor, id);
    await this.#queue.run(id, async () => {
      if (!(await this.#runner.teardown(id, 'logout'))) await this.#runner.logoutDormant(id, row.engine);
      this.#runtimes.delete(id);
      await removeWithRetry(this.#runner.dataDir(id));
      this.#store.remove(row);
    });
    this.deps.log.info('session deleted', { id });
  }

  async requestPairingCode(actor: Actor, id: string, phone: string): Promise<string> {
    const row = this.#managed(actor, id);
    const engine = this.#runtimes.get(id)?.engine;
    if (row.status !== 'qr' || !engine) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `Session ${id} is not waiting to be linked (status: ${row.status}): start it and request the code while it shows a QR`,
      );
    }
    return this.#runner.call(id, 'request a pairing code', () => engine.requestPairingCode(phone));
  }

  /** Runs a lookup on a connected session's engine, with a timeout and a readable error. */
  async lookup<T>(
    actor: Actor,
    id: string,
    what: string,
    call: (engine: EngineSession) => Promise<T>,
  ): Promise<T> {
    this.deps.access.account(actor, id, 'sessions:read');
    const engine = this.connectedEngine(id);
    return this.#runner.call(id, what, () => call(engine));
  }

  // ── Boot and shutdown ──────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the stored statuses back to the truth after a restart (nothing runs yet, whatever the rows say)
   * and starts again every session the operator left running — with its stored auth, so without a new QR.
   */
  async restore(): Promise<void> {
    const rows = this.deps.db.select().from(accounts).all();
    const toStart: string[] = [];
    for (const row of rows) {
      if (row.autoStart) toStart.push(row.id);
      else if (isLive(row.status))
        this.#store.force(row.id, 'stopped', said('Server restarted', 'session.server_restarted'));
    }
    for (const id of toStart) this.#store.force(id, 'stopped', null);
    this.deps.log.info('restoring sessions', { count: toStart.length });
    await Promise.all(
      toStart.map((id) =>
        this.#queue.run(id, async () => {
          this.#runtimes.of(id).attempts = 0;
          await this.#runner.launch(id, 'starting');
        }),
      ),
    );
  }

  /** Stops every engine without changing what the operator wants, so the next boot restores them. */
  async shutdown(): Promise<void> {
    this.#runner.close();
    await Promise.all(
      this.#runtimes.ids().map((id) =>
        this.#queue.run(id, async () => {
          await this.#runner.teardown(id, 'stop');
          const row = this.#store.row(id);
          if (row && isLive(row.status))
            this.#store.set(id, 'stopped', said('Server shut down', 'session.server_shut_down'));
        }),
      ),
    );
    await this.#queue.drain();
  }

  /** The row of a session the actor may manage; NOT_FOUND (like a missing one) or FORBIDDEN otherwise. */
  #managed(actor: Actor, id: string) {
    return this.deps.access.account(actor, id, 'sessions:manage');
  }

  /**
   * The session as a command left it. Its caller was checked for `sessions:manage`, which lets it see what it
   * changed; asking for `sessions:read` again would refuse a key after the change was made.
   */
  #current(actor: Actor, id: string): SessionView {
    const row = this.#store.row(id);
    if (!row)
      throw new AppError('NOT_FOUND', `Session ${id} not found`, {
        reason: 'session.not_found',
        params: { id },
      });
    return this.#views.of(actor, row);
  }

  #assertOpen(): void {
    if (this.#runner.closing)
      throw new AppError('PRECONDITION_FAILED', 'The server is shutting down: try again in a moment');
  }
}
