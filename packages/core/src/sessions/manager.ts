import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Account, accounts, type Db } from '@switchboard/db';
import {
  type EngineEvent,
  type EngineRegistry,
  type EngineSession,
  EngineStartError,
  EventHub,
  type ResourceUsage,
} from '@switchboard/engines/contract';
import { removeWithRetry } from '@switchboard/engines/remove-with-retry';
import { type EngineName, isLive, isValidSessionId, type SessionStatus } from '@switchboard/validators';
import { count, eq } from 'drizzle-orm';
import { type Actor, canSee, isAdmin } from '../actor.ts';
import { backoffDelay } from '../backoff.ts';
import { AppError } from '../errors.ts';
import type { EventBus, SessionEvent } from '../events.ts';
import { deriveSessionId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { SerialQueue } from '../serial-queue.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import type { WebhookOutbox } from '../webhooks/outbox.ts';
import { canTransition } from './status-machine.ts';

export interface SessionManagerConfig {
  /** Parent folder of every session's engine data (`DATA_DIR/sessions`). */
  sessionsDir: string;
  maxSessions: number;
  maxSessionsPerUser: number;
  /** How long an engine may take from start to its first sign of life (QR, authenticated, ready). */
  startTimeoutMs: number;
  /** How long stop/logout may take before the engine is abandoned. */
  stopTimeoutMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** How often to sample engines' resource usage (browser memory); 0 turns sampling off. */
  resourceSampleMs?: number;
}

export interface SessionView {
  id: string;
  name: string;
  engine: EngineName;
  ownerId: string;
  status: SessionStatus;
  statusReason: string | null;
  phone: string | null;
  pushName: string | null;
  autoStart: boolean;
  /** The QR code currently shown, while status is `qr`. */
  qr: { qr: string; expiresAt: number } | null;
  /** When the next reconnect or retry is due, while one is scheduled. */
  nextRetryAt: number | null;
  /** The engine's latest resource sample (e.g. its browser's memory), for engines that report one. */
  resources: (ResourceUsage & { sampledAt: number }) | null;
  createdAt: number;
  updatedAt: number;
  statusChangedAt: number;
  lastConnectedAt: number | null;
}

/** Engine events the manager does not handle itself, for the services that do (messages, acks). */
export interface EngineTraffic {
  sessionId: string;
  ownerId: string;
  event: Extract<EngineEvent, { type: 'message' | 'ack' }>;
}

interface Runtime {
  /** Bumped whenever the engine session is replaced or torn down; events from older ones are ignored. */
  generation: number;
  engine?: EngineSession;
  unsubscribe?: () => void;
  qr?: { qr: string; expiresAt: number };
  startTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  nextRetryAt?: number;
  /** Consecutive failed reconnects/retries; reset when the session connects. */
  attempts: number;
  /** Ends the wait of a command for the current start() to settle (called on teardown). */
  settleLaunch?: () => void;
  resources?: ResourceUsage & { sampledAt: number };
}

type LaunchMode = 'starting' | 'reconnecting';

/**
 * Runs every WhatsApp session of the server: one status machine each, persisted before it is published,
 * with start timeouts, reconnects with backoff, restore on boot and isolation between sessions.
 */
export class SessionManager {
  readonly traffic = new EventHub<EngineTraffic>();
  readonly #runtimes = new Map<string, Runtime>();
  readonly #queue = new SerialQueue();
  readonly #sampler: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(
    private readonly db: Db,
    private readonly engines: EngineRegistry,
    private readonly bus: EventBus,
    private readonly config: SessionManagerConfig,
    private readonly log: Logger,
    /** Where status changes become webhook deliveries, in the same transaction as the status row. */
    private readonly outbox?: WebhookOutbox,
  ) {
    const every = config.resourceSampleMs ?? 30_000;
    if (every > 0) this.#sampler = setInterval(() => void this.sampleResources(), every).unref();
  }

  /** Asks every running engine that can tell for its resource usage; one that does not answer is skipped. */
  async sampleResources(): Promise<void> {
    await Promise.all(
      [...this.#runtimes.entries()].map(async ([id, rt]) => {
        const engine = rt.engine;
        if (!engine?.resourceUsage) {
          rt.resources = undefined;
          return;
        }
        try {
          const usage = await withTimeout(() => engine.resourceUsage!(), 5_000, 'resource sample timed out');
          if (rt.engine === engine) rt.resources = usage ? { ...usage, sampledAt: Date.now() } : undefined;
        } catch (error) {
          this.log.debug('resource sample failed', { id, error: errorMessage(error) });
        }
      }),
    );
  }

  // ── Queries ────────────────────────────────────────────────────────────────────────────────────────

  list(actor: Actor): SessionView[] {
    const rows = isAdmin(actor)
      ? this.db.select().from(accounts).orderBy(accounts.createdAt).all()
      : this.db
          .select()
          .from(accounts)
          .where(eq(accounts.ownerId, actor.id))
          .orderBy(accounts.createdAt)
          .all();
    return rows.map((row) => this.#view(row));
  }

  get(actor: Actor, id: string): SessionView {
    return this.#view(this.#visibleRow(actor, id));
  }

  /** The owner of a session the actor may see; NOT_FOUND otherwise (someone else's looks like missing). */
  visibleOwner(actor: Actor, id: string): string {
    return this.#visibleRow(actor, id).ownerId;
  }

  /** Ids of sessions the actor may see — for filtering event streams. */
  canSee(actor: Actor, ownerId: string): boolean {
    return canSee(actor, ownerId);
  }

  /** The engine of a connected session, for sending; PRECONDITION_FAILED naming the status otherwise. */
  connectedEngine(id: string): EngineSession {
    const row = this.#row(id);
    const engine = this.#runtimes.get(id)?.engine;
    if (row?.status !== 'connected' || !engine) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `Session ${id} is not connected (status: ${row?.status ?? 'deleted'})`,
      );
    }
    return engine;
  }

  engineNames(): EngineName[] {
    return [...this.engines.keys()];
  }

  /**
   * The current state as events — a status for every visible session and the QR on display — for a new
   * subscriber. They carry `eventId` (the bus's newest) so a later resume continues from here.
   */
  snapshot(actor: Actor, eventId: string): SessionEvent[] {
    const events: SessionEvent[] = [];
    for (const s of this.list(actor)) {
      const base = { id: eventId, sessionId: s.id, ownerId: s.ownerId, at: s.statusChangedAt };
      events.push({
        ...base,
        type: 'status',
        status: s.status,
        reason: s.statusReason,
        phone: s.phone,
        pushName: s.pushName,
        lastConnectedAt: s.lastConnectedAt,
        nextRetryAt: s.nextRetryAt,
      });
      if (s.qr) events.push({ ...base, type: 'qr', qr: s.qr.qr, expiresAt: s.qr.expiresAt });
    }
    return events;
  }

  /** Status counts for the sessions the actor may see. */
  stats(actor: Actor): { total: number; byStatus: Record<SessionStatus, number> } {
    const byStatus: Record<SessionStatus, number> = {
      stopped: 0,
      starting: 0,
      qr: 0,
      authenticating: 0,
      connected: 0,
      reconnecting: 0,
      logged_out: 0,
      failed: 0,
    };
    const list = this.list(actor);
    for (const s of list) byStatus[s.status] += 1;
    return { total: list.length, byStatus };
  }

  // ── Commands ───────────────────────────────────────────────────────────────────────────────────────

  async create(
    actor: Actor,
    input: { id?: string; name: string; engine: EngineName; start?: boolean },
  ): Promise<SessionView> {
    this.#assertOpen();
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) {
      throw new AppError('BAD_REQUEST', 'Session name must be 1 to 100 characters');
    }
    const id = input.id ?? deriveSessionId(name);
    if (!isValidSessionId(id)) {
      throw new AppError(
        'BAD_REQUEST',
        `Session id "${id}" is invalid: use 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit`,
      );
    }
    if (!this.engines.has(input.engine)) {
      const available = [...this.engines.keys()];
      throw new AppError(
        'BAD_REQUEST',
        available.length > 0
          ? `Engine "${input.engine}" is not enabled on this server (available: ${available.join(', ')})`
          : `Engine "${input.engine}" is not enabled on this server, nor is any other: enable one (e.g. SANDBOX_ENABLED=true) and restart`,
      );
    }
    const now = Date.now();
    this.db.transaction((tx) => {
      const total = tx.select({ n: count() }).from(accounts).get()?.n ?? 0;
      if (total >= this.config.maxSessions) {
        throw new AppError(
          'PRECONDITION_FAILED',
          `This server already has ${total} sessions, its limit (MAX_SESSIONS=${this.config.maxSessions}): delete one first`,
        );
      }
      const own =
        tx.select({ n: count() }).from(accounts).where(eq(accounts.ownerId, actor.id)).get()?.n ?? 0;
      if (own >= this.config.maxSessionsPerUser) {
        throw new AppError(
          'PRECONDITION_FAILED',
          `You already have ${own} sessions, the limit per user (MAX_SESSIONS_PER_USER=${this.config.maxSessionsPerUser}): delete one first`,
        );
      }
      if (tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id)).get()) {
        throw new AppError('CONFLICT', `Session id "${id}" is already taken: choose another id`);
      }
      tx.insert(accounts)
        .values({
          id,
          name,
          engine: input.engine,
          ownerId: actor.id,
          status: 'stopped',
          createdAt: now,
          updatedAt: now,
          statusChangedAt: now,
        })
        .run();
    });
    this.log.info('session created', { id, engine: input.engine, owner: actor.id });
    this.#publishStatus(this.#row(id)!);
    if (input.start !== false) return this.start(actor, id);
    return this.get(actor, id);
  }

  rename(actor: Actor, id: string, name: string): SessionView {
    this.#visibleRow(actor, id);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) {
      throw new AppError('BAD_REQUEST', 'Session name must be 1 to 100 characters');
    }
    this.db.update(accounts).set({ name: trimmed, updatedAt: Date.now() }).where(eq(accounts.id, id)).run();
    return this.get(actor, id);
  }

  /** Starts the session; a session already running is left as it is. */
  async start(actor: Actor, id: string): Promise<SessionView> {
    this.#visibleRow(actor, id);
    this.#assertOpen();
    const launched = await this.#queue.run(id, async () => {
      const row = this.#row(id);
      if (!row || isLive(row.status)) return null;
      this.#update(id, { autoStart: true });
      this.#runtime(id).attempts = 0;
      return this.#launch(id, 'starting');
    });
    // Outside the queue: a Stop sent meanwhile is not held up by this wait.
    await launched?.settled;
    return this.get(actor, id);
  }

  async stop(actor: Actor, id: string): Promise<SessionView> {
    this.#visibleRow(actor, id);
    await this.#queue.run(id, async () => {
      this.#update(id, { autoStart: false });
      await this.#teardown(id, 'stop');
      this.#setStatus(id, 'stopped', null);
    });
    return this.get(actor, id);
  }

  async restart(actor: Actor, id: string): Promise<SessionView> {
    this.#visibleRow(actor, id);
    this.#assertOpen();
    const launched = await this.#queue.run(id, async () => {
      await this.#teardown(id, 'stop');
      this.#setStatus(id, 'stopped', null);
      this.#update(id, { autoStart: true });
      this.#runtime(id).attempts = 0;
      return this.#launch(id, 'starting');
    });
    await launched.settled;
    return this.get(actor, id);
  }

  /** Unlinks from the phone and forgets the auth state: the next start needs a new QR scan. */
  async logout(actor: Actor, id: string): Promise<SessionView> {
    const row = this.#visibleRow(actor, id);
    await this.#queue.run(id, async () => {
      this.#update(id, { autoStart: false });
      // Not running: the stored auth still has to go, and only the engine knows what it is.
      if (!(await this.#teardown(id, 'logout'))) await this.#logoutDormant(id, row.engine);
      this.#setStatus(id, 'logged_out', 'Logged out', { phone: null, pushName: null });
    });
    return this.get(actor, id);
  }

  /**
   * Deletes the session for good: the engine is logged out (so the phone drops the linked device), its data
   * folder is removed and its rows go with it (messages and webhooks cascade). There is no undo.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    const row = this.#visibleRow(actor, id);
    await this.#queue.run(id, async () => {
      if (!(await this.#teardown(id, 'logout'))) await this.#logoutDormant(id, row.engine);
      this.#runtimes.delete(id);
      await removeWithRetry(this.#dataDir(id));
      this.db.delete(accounts).where(eq(accounts.id, id)).run();
    });
    this.log.info('session deleted', { id });
    this.bus.publishSession({ type: 'deleted', sessionId: id, ownerId: row.ownerId });
  }

  async requestPairingCode(actor: Actor, id: string, phone: string): Promise<string> {
    const row = this.#visibleRow(actor, id);
    const engine = this.#runtimes.get(id)?.engine;
    if (row.status !== 'qr' || !engine) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `Session ${id} is not waiting to be linked (status: ${row.status}): start it and request the code while it shows a QR`,
      );
    }
    return this.#engineCall(id, 'request a pairing code', () => engine.requestPairingCode(phone));
  }

  /** Runs a lookup on a connected session's engine, with a timeout and a readable error. */
  async lookup<T>(
    actor: Actor,
    id: string,
    what: string,
    call: (engine: EngineSession) => Promise<T>,
  ): Promise<T> {
    this.#visibleRow(actor, id);
    const engine = this.connectedEngine(id);
    return this.#engineCall(id, what, () => call(engine));
  }

  // ── Boot and shutdown ──────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the stored statuses back to the truth after a restart (nothing runs yet, whatever the rows say)
   * and starts again every session the operator left running — with its stored auth, so without a new QR.
   */
  async restore(): Promise<void> {
    const rows = this.db.select().from(accounts).all();
    const toStart: string[] = [];
    for (const row of rows) {
      if (row.autoStart) toStart.push(row.id);
      else if (isLive(row.status)) this.#forceStatus(row.id, 'stopped', 'Server restarted');
    }
    for (const id of toStart) this.#forceStatus(id, 'stopped', null);
    this.log.info('restoring sessions', { count: toStart.length });
    await Promise.all(
      toStart.map((id) =>
        this.#queue.run(id, async () => {
          this.#runtime(id).attempts = 0;
          await this.#launch(id, 'starting');
        }),
      ),
    );
  }

  /** Stops every engine without changing what the operator wants, so the next boot restores them. */
  async shutdown(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#sampler);
    const ids = [...this.#runtimes.keys()];
    await Promise.all(
      ids.map((id) =>
        this.#queue.run(id, async () => {
          await this.#teardown(id, 'stop');
          const row = this.#row(id);
          if (row && isLive(row.status)) this.#setStatus(id, 'stopped', 'Server shut down');
        }),
      ),
    );
    await this.#queue.drain();
  }

  // ── Engine lifecycle ───────────────────────────────────────────────────────────────────────────────

  /**
   * Creates and starts a fresh engine session. Resolves once the engine session exists; the returned
   * `settled` resolves when its start() has settled (or the session was torn down meanwhile), for commands
   * that want to answer with the outcome of a quick failure such as a missing browser.
   */
  async #launch(id: string, mode: LaunchMode): Promise<{ settled: Promise<void> }> {
    const done = { settled: Promise.resolve() };
    const row = this.#row(id);
    if (!row || this.#closing) return done;
    const rt = this.#runtime(id);
    this.#clearRetry(rt);
    if (mode === 'starting') this.#setStatus(id, 'starting', null);

    const engine = this.engines.get(row.engine);
    if (!engine) {
      this.#fail(id, `Engine "${row.engine}" is not enabled on this server`, false);
      return done;
    }
    let session: EngineSession;
    try {
      await mkdir(this.#dataDir(id), { recursive: true });
      session = engine.createSession({ id, dataDir: this.#dataDir(id) });
    } catch (error) {
      this.#startFailed(id, mode, `Could not create the engine session: ${errorMessage(error)}`);
      return done;
    }
    const generation = ++rt.generation;
    rt.engine = session;
    rt.unsubscribe = session.onEvent((event) => this.#onEngineEvent(id, generation, event));
    this.#armStartTimer(id, generation);
    // start() runs outside this session's command queue: a start that hangs must not hold up Stop or
    // shutdown. The start timer above turns a start that shows no sign of life into a failure.
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    rt.settleLaunch = settle;
    Promise.resolve()
      .then(() => session.start())
      .then(
        () => settle(),
        (error: unknown) =>
          this.#queue
            .run(id, async () => {
              if (rt.generation !== generation) return;
              await this.#teardown(id, 'stop');
              const retryable = !(error instanceof EngineStartError) || error.retryable;
              this.#startFailed(id, mode, errorMessage(error), retryable);
            })
            .finally(settle),
      );
    return { settled };
  }

  /** A start that shows no sign of life (QR, authenticated, ready) in time is a failure, not an eternal "starting". */
  #armStartTimer(id: string, generation: number): void {
    const rt = this.#runtime(id);
    clearTimeout(rt.startTimer);
    rt.startTimer = setTimeout(() => {
      void this.#queue.run(id, async () => {
        if (rt.generation !== generation) return;
        const status = this.#row(id)?.status;
        const mode: LaunchMode = status === 'reconnecting' ? 'reconnecting' : 'starting';
        const seconds = Math.round(this.config.startTimeoutMs / 1000);
        const what = status === 'authenticating' ? 'finish linking' : 'start';
        await this.#teardown(id, 'stop');
        this.#startFailed(id, mode, `The session did not ${what} within ${seconds} s`);
      });
    }, this.config.startTimeoutMs);
    rt.startTimer.unref();
  }

  #startFailed(id: string, mode: LaunchMode, reason: string, retryable = true): void {
    this.log.warn('session start failed', { id, reason });
    if (mode === 'reconnecting' && retryable) this.#scheduleRetry(id, 'reconnecting', reason);
    else this.#fail(id, reason, retryable);
  }

  #fail(id: string, reason: string, retryable: boolean): void {
    this.#setStatus(id, 'failed', reason);
    if (retryable && this.#row(id)?.autoStart) this.#scheduleRetry(id, 'failed', reason);
    else this.#update(id, { autoStart: false });
  }

  /** Next attempt after an exponential, jittered, capped delay — forever, until the operator stops it. */
  #scheduleRetry(id: string, status: 'reconnecting' | 'failed', reason: string): void {
    if (this.#closing) return;
    const rt = this.#runtime(id);
    const delay = backoffDelay(rt.attempts, {
      baseMs: this.config.reconnectBaseMs,
      maxMs: this.config.reconnectMaxMs,
    });
    rt.attempts += 1;
    rt.nextRetryAt = Date.now() + delay;
    const seconds = Math.max(1, Math.round(delay / 1000));
    this.#setStatus(id, status, `${reason} — retrying in ${seconds} s (attempt ${rt.attempts})`);
    rt.retryTimer = setTimeout(() => {
      rt.retryTimer = undefined;
      rt.nextRetryAt = undefined;
      void this.#queue.run(id, async () => {
        const row = this.#row(id);
        if (!row?.autoStart || this.#closing) return;
        if (row.status !== 'reconnecting' && row.status !== 'failed') return;
        await this.#launch(id, row.status === 'reconnecting' ? 'reconnecting' : 'starting');
      });
    }, delay);
    rt.retryTimer.unref();
  }

  #onEngineEvent(id: string, generation: number, event: EngineEvent): void {
    const rt = this.#runtimes.get(id);
    if (!rt || rt.generation !== generation) return;
    const row = this.#row(id);
    if (!row) return;
    switch (event.type) {
      case 'qr':
        clearTimeout(rt.startTimer);
        // Set before the status is published, so a reader woken by it finds the QR; undone if refused.
        rt.qr = { qr: event.qr, expiresAt: event.expiresAt };
        if (!this.#setStatus(id, 'qr', null)) {
          rt.qr = undefined;
          return;
        }
        this.outbox?.enqueue({
          type: 'session.qr',
          accountId: id,
          data: { qr: event.qr, expiresAt: new Date(event.expiresAt).toISOString() },
        });
        this.bus.publishSession({
          type: 'qr',
          sessionId: id,
          ownerId: row.ownerId,
          qr: event.qr,
          expiresAt: event.expiresAt,
        });
        return;
      case 'pairing_code':
        this.bus.publishSession({
          type: 'pairing_code',
          sessionId: id,
          ownerId: row.ownerId,
          code: event.code,
        });
        return;
      case 'authenticated':
        rt.qr = undefined;
        this.#setStatus(id, 'authenticating', null);
        // Linking can hang too (a phone that never finishes syncing): give it its own deadline.
        this.#armStartTimer(id, generation);
        return;
      case 'ready':
        clearTimeout(rt.startTimer);
        rt.qr = undefined;
        rt.attempts = 0;
        this.#setStatus(id, 'connected', null, {
          phone: event.me.phone,
          pushName: event.me.name ?? null,
          lastConnectedAt: Date.now(),
        });
        return;
      case 'disconnected':
        void this.#queue.run(id, async () => {
          if (rt.generation !== generation) return;
          if (event.loggedOut) {
            this.#update(id, { autoStart: false });
            await this.#teardown(id, 'logout');
            this.#setStatus(id, 'logged_out', event.reason, { phone: null, pushName: null });
          } else {
            await this.#teardown(id, 'stop');
            this.#scheduleRetry(id, 'reconnecting', event.reason);
          }
        });
        return;
      case 'failed':
        void this.#queue.run(id, async () => {
          if (rt.generation !== generation) return;
          await this.#teardown(id, 'stop');
          this.#fail(id, event.reason, event.retryable);
        });
        return;
      case 'message':
      case 'ack':
        this.traffic.emit({ sessionId: id, ownerId: row.ownerId, event });
        return;
    }
  }

  /**
   * Cancels pending timers and detaches and stops (or logs out) the current engine session, abandoning it
   * if it hangs. Returns whether there was an engine session to stop.
   */
  async #teardown(id: string, how: 'stop' | 'logout'): Promise<boolean> {
    const rt = this.#runtimes.get(id);
    if (!rt) return false;
    rt.generation += 1;
    // Queued, so a command waiting on the launch reads the status the current task is about to write.
    const settle = rt.settleLaunch;
    rt.settleLaunch = undefined;
    if (settle) void this.#queue.run(id, async () => settle());
    clearTimeout(rt.startTimer);
    this.#clearRetry(rt);
    rt.qr = undefined;
    rt.resources = undefined;
    const engine = rt.engine;
    rt.unsubscribe?.();
    rt.engine = undefined;
    rt.unsubscribe = undefined;
    if (!engine) return false;
    try {
      await withTimeout(
        () => (how === 'logout' ? engine.logout() : engine.stop()),
        this.config.stopTimeoutMs,
        `did not ${how} within ${Math.round(this.config.stopTimeoutMs / 1000)} s`,
      );
    } catch (error) {
      this.log.warn(`engine ${how} failed; abandoning it`, { id, error: errorMessage(error) });
    }
    return true;
  }

  async #logoutDormant(id: string, engineName: EngineName): Promise<void> {
    const engine = this.engines.get(engineName);
    if (!engine) return;
    try {
      await mkdir(this.#dataDir(id), { recursive: true });
      const session = engine.createSession({ id, dataDir: this.#dataDir(id) });
      await withTimeout(() => session.logout(), this.config.stopTimeoutMs, 'logout timed out');
    } catch (error) {
      this.log.warn('logout of a stopped session failed', { id, error: errorMessage(error) });
    }
  }

  async #engineCall<T>(id: string, what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(
        call,
        this.config.startTimeoutMs,
        `timed out after ${this.config.startTimeoutMs} ms`,
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('PRECONDITION_FAILED', `Session ${id} could not ${what}: ${errorMessage(error)}`);
    }
  }

  // ── Status rows ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes the status (if the machine allows it), then publishes it: readers never see an event before the
   * row. Returns whether the session now has that status.
   */
  #setStatus(
    id: string,
    status: SessionStatus,
    reason: string | null,
    extra: Partial<Pick<Account, 'phone' | 'pushName' | 'lastConnectedAt'>> = {},
  ): boolean {
    const row = this.#row(id);
    if (!row) return false;
    if (row.status === status && row.statusReason === reason && Object.keys(extra).length === 0) return true;
    if (row.status !== status && !canTransition(row.status, status)) {
      this.log.error('refused status transition', { id, from: row.status, to: status });
      return false;
    }
    const now = Date.now();
    const updated = this.db.transaction(() => {
      const written = this.db
        .update(accounts)
        .set({
          status,
          statusReason: reason,
          updatedAt: now,
          ...(row.status !== status ? { statusChangedAt: now } : {}),
          ...extra,
        })
        .where(eq(accounts.id, id))
        .returning()
        .get()!;
      if (row.status !== status) {
        this.outbox?.enqueue({
          type: 'session.status',
          accountId: id,
          // A logout clears the number; the event still says which one it was.
          accountPhone: written.phone ?? row.phone,
          data: { status, previousStatus: row.status, reason, pushName: written.pushName },
          at: now,
        });
      }
      return written;
    });
    if (row.status !== status || row.statusReason !== reason || extra.phone !== undefined)
      this.#publishStatus(updated);
    if (row.status !== status) this.log.info('session status', { id, from: row.status, to: status, reason });
    return true;
  }

  /** For boot-time repair only: the stored status is stale and no transition led there. */
  #forceStatus(id: string, status: SessionStatus, reason: string | null): void {
    this.db
      .update(accounts)
      .set({ status, statusReason: reason, statusChangedAt: Date.now(), updatedAt: Date.now() })
      .where(eq(accounts.id, id))
      .run();
  }

  #publishStatus(row: Account): void {
    this.bus.publishSession({
      type: 'status',
      sessionId: row.id,
      ownerId: row.ownerId,
      status: row.status,
      reason: row.statusReason,
      phone: row.phone,
      pushName: row.pushName,
      lastConnectedAt: row.lastConnectedAt,
      nextRetryAt: this.#runtimes.get(row.id)?.nextRetryAt ?? null,
    });
  }

  #update(id: string, values: Partial<Pick<Account, 'autoStart'>>): void {
    this.db
      .update(accounts)
      .set({ ...values, updatedAt: Date.now() })
      .where(eq(accounts.id, id))
      .run();
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────────────

  #row(id: string): Account | undefined {
    return this.db.select().from(accounts).where(eq(accounts.id, id)).get();
  }

  #visibleRow(actor: Actor, id: string): Account {
    const row = isValidSessionId(id) ? this.#row(id) : undefined;
    if (!row || !canSee(actor, row.ownerId)) throw new AppError('NOT_FOUND', `Session ${id} not found`);
    return row;
  }

  #runtime(id: string): Runtime {
    let rt = this.#runtimes.get(id);
    if (!rt) {
      rt = { generation: 0, attempts: 0 };
      this.#runtimes.set(id, rt);
    }
    return rt;
  }

  #clearRetry(rt: Runtime): void {
    clearTimeout(rt.retryTimer);
    rt.retryTimer = undefined;
    rt.nextRetryAt = undefined;
  }

  #dataDir(id: string): string {
    return join(this.config.sessionsDir, id);
  }

  #assertOpen(): void {
    if (this.#closing)
      throw new AppError('PRECONDITION_FAILED', 'The server is shutting down: try again in a moment');
  }

  #view(row: Account): SessionView {
    const rt = this.#runtimes.get(row.id);
    return {
      id: row.id,
      name: row.name,
      engine: row.engine,
      ownerId: row.ownerId,
      status: row.status,
      statusReason: row.statusReason,
      phone: row.phone,
      pushName: row.pushName,
      autoStart: row.autoStart,
      qr: row.status === 'qr' && rt?.qr ? rt.qr : null,
      nextRetryAt: rt?.nextRetryAt ?? null,
      resources: rt?.resources ?? null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      statusChangedAt: row.statusChangedAt,
      lastConnectedAt: row.lastConnectedAt,
    };
  }
}
