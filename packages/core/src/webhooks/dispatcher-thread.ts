import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger, LogLevel } from '../logger.ts';
import type { WebhookDispatchConfig } from './delivery-loops.ts';
import type { Outcome } from './outcomes.ts';
import { BUNDLE, bundleIsFresh } from './worker-bundle.mjs';

/** What the dispatcher's thread is told. */
export type ToWorker =
  | { type: 'wake'; webhookIds: readonly string[] }
  /** Endpoints changed: read them again before the next delivery. */
  | { type: 'forget' }
  | { type: 'recorded'; id: number; ok: boolean }
  | { type: 'stop' };

/** What it tells back. */
export type FromWorker =
  | { type: 'record'; id: number; webhookId: string; outcomes: Outcome[] }
  | { type: 'log'; level: Exclude<LogLevel, 'silent'>; message: string; fields?: Record<string, unknown> }
  | { type: 'stopped' };

export interface WorkerSetup {
  /** The database file; the thread reads it through a read-only connection of its own. */
  dbPath: string;
  config: WebhookDispatchConfig;
  /** The TypeScript module the boot file loads when there is no up-to-date bundle of it. */
  entry: string;
  /** The thread's code bundled into plain JavaScript, when up to date (see worker-bundle.mjs): loaded instead. */
  bundle: string | null;
}

const BOOT = new URL('./dispatcher-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./dispatcher-worker.ts', import.meta.url).href;

/**
 * The delivery loops in a worker thread: there they read pending deliveries, sign and send them on an event
 * loop of their own, so a delivery's answer is handled at once instead of waiting its turn behind every
 * request the server is busy taking in. Answers are written down here, on the server's own connection (the
 * database keeps one writer, and a refused write is handled as before), and the thread is told when.
 */
export class DispatcherThread {
  readonly #worker: Worker;
  #stopping = false;
  readonly #stopped: Promise<void>;

  constructor(
    setup: Omit<WorkerSetup, 'entry' | 'bundle'>,
    log: Logger,
    /** Writes answers down; false when the database refused. */
    record: (webhookId: string, outcomes: Outcome[]) => boolean,
    /** The thread ended without being asked to (it is replaced by the next wake). */
    onCrash: () => void,
  ) {
    const bundle = bundleIsFresh() ? pathToFileURL(BUNDLE).href : null;
    this.#worker = new Worker(BOOT, { workerData: { ...setup, entry: ENTRY, bundle } satisfies WorkerSetup });
    this.#worker.on('message', (message: FromWorker) => {
      if (message.type === 'record') {
        const ok = record(message.webhookId, message.outcomes);
        this.#post({ type: 'recorded', id: message.id, ok });
      } else if (message.type === 'log') {
        log[message.level](message.message, message.fields);
      }
    });
    this.#worker.on('error', (error) => log.error('webhook dispatcher thread failed', { error }));
    this.#stopped = new Promise((resolve) => {
      this.#worker.on('message', (message: FromWorker) => {
        if (message.type === 'stopped') resolve();
      });
      this.#worker.once('exit', () => {
        resolve();
        if (!this.#stopping) onCrash();
      });
    });
  }

  wake(webhookIds: readonly string[]): void {
    this.#post({ type: 'wake', webhookIds });
  }

  forget(): void {
    this.#post({ type: 'forget' });
  }

  /** Lets the thread finish as the loops stop (answers written down), then ends it. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#post({ type: 'stop' });
    await this.#stopped;
    await this.#worker.terminate();
  }

  #post(message: ToWorker): void {
    this.#worker.postMessage(message);
  }
}
