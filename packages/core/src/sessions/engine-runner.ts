import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EngineEvent,
  type EngineRegistry,
  type EngineSession,
  EngineStartError,
  EventHub,
} from '@switchboard/engines/contract';
import {
  type Coded,
  coded,
  type EngineName,
  parseProxyUrl,
  plainText,
  type Said,
  said,
} from '@switchboard/validators';
import { backoffDelay } from '../backoff.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SerialQueue } from '../serial-queue.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import { logoutDormant, teardownEngine } from './engine-teardown.ts';
import { limitAfterConnect, NO_LIMIT } from './limit.ts';
import { sampleResources } from './resource-samples.ts';
import { clearRetry, type Runtimes } from './runtimes.ts';
import type { StatusStore } from './status-store.ts';

export interface EngineRunnerConfig {
  /** Parent folder of every session's engine data (`DATA_DIR/sessions`). */
  sessionsDir: string;
  /** How long an engine may take from start to its first sign of life (QR, authenticated, ready). */
  startTimeoutMs: number;
  /** How long stop/logout may take before the engine is abandoned. */
  stopTimeoutMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
}

/** Engine events the runner does not handle itself, for the services that do (messages, acks). */
export interface EngineTraffic {
  sessionId: string;
  ownerId: string;
  event: Extract<EngineEvent, { type: 'message' | 'ack' }>;
}

export type LaunchMode = 'starting' | 'reconnecting';

/**
 * The engine side of every session: launching engine sessions, the start timer, reconnects and retries with
 * backoff, teardown (abandoning an engine that hangs), the engine's events and its resource samples. Its
 * callers hold the session's place in the command queue; timers and events queue themselves.
 */
export class EngineRunner {
  readonly traffic = new EventHub<EngineTraffic>();
  #closing = false;

  constructor(
    private readonly deps: {
      engines: EngineRegistry;
      queue: SerialQueue;
      store: StatusStore;
      runtimes: Runtimes;
      config: EngineRunnerConfig;
      log: Logger;
    },
  ) {}

  get closing(): boolean {
    return this.#closing;
  }

  /** From now on nothing launches or retries (shutdown). */
  close(): void {
    this.#closing = true;
  }

  dataDir(id: string): string {
    return join(this.deps.config.sessionsDir, id);
  }

  /** The engine of a connected session, for sending; PRECONDITION_FAILED naming the status otherwise. */
  connectedEngine(id: string): EngineSession {
    const row = this.deps.store.row(id);
    const engine = this.deps.runtimes.get(id)?.engine;
    if (row?.status !== 'connected' || !engine) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `Session ${id} is not connected (status: ${row?.status ?? 'deleted'})`,
      );
    }
    return engine;
  }

  /** Runs an engine call with a timeout; anything but a domain error becomes a readable PRECONDITION_FAILED. */
  async call<T>(id: string, what: string, call: () => Promise<T>): Promise<T> {
    const { startTimeoutMs } = this.deps.config;
    try {
      return await withTimeout(call, startTimeoutMs, `timed out after ${startTimeoutMs} ms`);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('PRECONDITION_FAILED', `Session ${id} could not ${what}: ${errorMessage(error)}`);
    }
  }

  /** See `sampleResources`. */
  sampleResources(): Promise<void> {
    return sampleResources(this.deps.runtimes, this.deps.log);
  }

  /**
   * Creates and starts a fresh engine session. Resolves once the engine session exists; the returned
   * `settled` resolves when its start() has settled (or the session was torn down meanwhile), for commands
   * that want to answer with the outcome of a quick failure such as a missing browser.
   */
  async launch(id: string, mode: LaunchMode): Promise<{ settled: Promise<void> }> {
    const { engines, queue, store, runtimes } = this.deps;
    const done = { settled: Promise.resolve() };
    const row = store.row(id);
    if (!row || this.#closing) return done;
    const rt = runtimes.of(id);
    clearRetry(rt);
    if (mode === 'starting') store.set(id, 'starting', null);

    const engine = engines.get(row.engine);
    if (!engine) {
      this.#fail(
        id,
        said(`Engine "${row.engine}" is not enabled on this server`, 'session.engine_disabled', {
          engine: row.engine,
        }),
        false,
      );
      return done;
    }
    let session: EngineSession;
    try {
      await mkdir(this.dataDir(id), { recursive: true });
      session = engine.createSession({ id, dataDir: this.dataDir(id), ...proxyOf(row.proxy) });
    } catch (error) {
      this.#startFailed(
        id,
        mode,
        said(`Could not create the engine session: ${errorMessage(error)}`, 'session.engine_create_failed', {
          error: errorMessage(error),
        }),
      );
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
          queue
            .run(id, async () => {
              if (rt.generation !== generation) return;
              await this.teardown(id, 'stop');
              const retryable = !(error instanceof EngineStartError) || error.retryable;
              const failure = error instanceof EngineStartError ? error.coded : undefined;
              this.#startFailed(
                id,
                mode,
                engineSaid({ reason: errorMessage(error), coded: failure }),
                retryable,
              );
            })
            .finally(settle),
      );
    return { settled };
  }

  /** Stops (or logs out) the current engine session: see `teardownEngine`. */
  teardown(id: string, how: 'stop' | 'logout'): Promise<boolean> {
    return teardownEngine(this.deps, id, how);
  }

  /** Logs out a session that is not running: see `logoutDormant`. */
  logoutDormant(id: string, engineName: EngineName): Promise<void> {
    return logoutDormant(this.deps, { id, dataDir: this.dataDir(id), engineName });
  }

  /** A start that shows no sign of life (QR, authenticated, ready) in time is a failure, not an eternal "starting". */
  #armStartTimer(id: string, generation: number): void {
    const { queue, store, runtimes, config } = this.deps;
    const rt = runtimes.of(id);
    clearTimeout(rt.startTimer);
    rt.startTimer = setTimeout(() => {
      void queue.run(id, async () => {
        if (rt.generation !== generation) return;
        const status = store.row(id)?.status;
        const mode: LaunchMode = status === 'reconnecting' ? 'reconnecting' : 'starting';
        const seconds = Math.round(config.startTimeoutMs / 1000);
        const linking = status === 'authenticating';
        await this.teardown(id, 'stop');
        this.#startFailed(
          id,
          mode,
          said(
            `The session did not ${linking ? 'finish linking' : 'start'} within ${seconds} s`,
            linking ? 'session.link_timeout' : 'session.start_timeout',
            { seconds },
          ),
        );
      });
    }, config.startTimeoutMs);
    rt.startTimer.unref();
  }

  #startFailed(id: string, mode: LaunchMode, reason: Said, retryable = true): void {
    this.deps.log.warn('session start failed', { id, reason: reason.text });
    if (mode === 'reconnecting' && retryable) this.#scheduleRetry(id, 'reconnecting', reason);
    else this.#fail(id, reason, retryable);
  }

  #fail(id: string, reason: Said, retryable: boolean): void {
    const { store } = this.deps;
    store.set(id, 'failed', reason);
    if (retryable && store.row(id)?.autoStart) this.#scheduleRetry(id, 'failed', reason);
    else store.setAutoStart(id, false);
  }

  /** Next attempt after an exponential, jittered, capped delay — forever, until the operator stops it. */
  #scheduleRetry(id: string, status: 'reconnecting' | 'failed', reason: Said): void {
    if (this.#closing) return;
    const { queue, store, runtimes, config } = this.deps;
    const rt = runtimes.of(id);
    const delay = backoffDelay(rt.attempts, { baseMs: config.reconnectBaseMs, maxMs: config.reconnectMaxMs });
    rt.attempts += 1;
    rt.nextRetryAt = Date.now() + delay;
    const seconds = Math.max(1, Math.round(delay / 1000));
    store.set(id, status, {
      text: `${reason.text} — retrying in ${seconds} s (attempt ${rt.attempts})`,
      coded: { ...coded('session.retrying', { seconds, attempt: rt.attempts }), cause: reason.coded },
    });
    rt.retryTimer = setTimeout(() => {
      rt.retryTimer = undefined;
      rt.nextRetryAt = undefined;
      void queue.run(id, async () => {
        const row = store.row(id);
        if (!row?.autoStart || this.#closing) return;
        if (row.status !== 'reconnecting' && row.status !== 'failed') return;
        await this.launch(id, row.status === 'reconnecting' ? 'reconnecting' : 'starting');
      });
    }, delay);
    rt.retryTimer.unref();
  }

  #onEngineEvent(id: string, generation: number, event: EngineEvent): void {
    const { queue, store, runtimes } = this.deps;
    const rt = runtimes.get(id);
    if (!rt || rt.generation !== generation) return;
    const row = store.row(id);
    if (!row) return;
    switch (event.type) {
      case 'qr': {
        clearTimeout(rt.startTimer);
        const { type: _, ...qr } = event;
        // Set before the status is published, so a reader woken by it finds the QR; undone if refused.
        rt.qr = qr;
        if (!store.set(id, 'qr', null)) {
          rt.qr = undefined;
          return;
        }
        store.qrShown(row, qr);
        return;
      }
      case 'pairing_code':
        store.pairingCodeShown(row, event.code);
        return;
      case 'authenticated':
        rt.qr = undefined;
        store.set(id, 'authenticating', null);
        // Linking can hang too (a phone that never finishes syncing): give it its own deadline.
        this.#armStartTimer(id, generation);
        return;
      case 'ready':
        clearTimeout(rt.startTimer);
        rt.qr = undefined;
        rt.attempts = 0;
        store.set(id, 'connected', null, {
          phone: event.me.phone,
          pushName: event.me.name ?? null,
          lastConnectedAt: Date.now(),
          ...limitAfterConnect(row),
        });
        return;
      case 'disconnected':
        void queue.run(id, async () => {
          if (rt.generation !== generation) return;
          if (event.loggedOut) {
            store.setAutoStart(id, false);
            await this.teardown(id, 'logout');
            store.set(id, 'logged_out', engineSaid(event), { phone: null, pushName: null, ...NO_LIMIT });
          } else {
            await this.teardown(id, 'stop');
            this.#scheduleRetry(id, 'reconnecting', engineSaid(event));
          }
        });
        return;
      case 'failed':
        void queue.run(id, async () => {
          if (rt.generation !== generation) return;
          await this.teardown(id, 'stop');
          this.#fail(id, engineSaid(event), event.retryable);
        });
        return;
      case 'message':
      case 'ack':
        this.traffic.emit({ sessionId: id, ownerId: row.ownerId, event });
        return;
      // WhatsApp's reach-out limit changes nothing about the connection: nothing restarts, no status moves.
      case 'limited':
        store.setLimit(id, { reason: event.reason, until: event.until ?? null });
        return;
      case 'limit_lifted':
        store.setLimit(id, null);
        return;
    }
  }
}

/** An engine's reason with its code, or as plain words when the engine gave none. */
const engineSaid = (event: { reason: string; coded?: Coded }): Said =>
  event.coded ? { text: event.reason, coded: event.coded } : plainText(event.reason);

/** The stored proxy URL as the engine takes it (it was checked when it was set). */
function proxyOf(url: string | null) {
  const check = url ? parseProxyUrl(url) : null;
  return check?.ok ? { proxy: check.proxy } : {};
}
