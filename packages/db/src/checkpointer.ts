import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.ts';

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

/** How often the thread copies the log back: about 3 MB of log at a thousand sends a second. */
const INTERVAL_MS = 100;
/** SQLite's own `wal_autocheckpoint`. */
const SQLITE_DEFAULT_PAGES = 1000;

/**
 * Left to itself, SQLite copies the write-ahead log back into the database file inside the commit that
 * makes the log reach 1,000 pages, fsyncs included — on better-sqlite3 that stalls the event loop, and every
 * request waiting on it, several times a second under load. This does it from another thread instead. The
 * serving connection still checkpoints by itself should the log reach `fallbackPages` (the thread fell
 * behind, or writes never paused long enough for the log to start over), so the log stays bounded either
 * way; a checkpoint never loses a committed write.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  private constructor(worker: Worker) {
    this.#worker = worker;
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  static start(db: Db, path: string, fallbackPages = 4000): Checkpointer {
    db.$client.pragma(`wal_autocheckpoint = ${fallbackPages}`);
    // A burst that grew the log past the fallback leaves no larger file behind once the log starts over.
    const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
    db.$client.pragma(`journal_size_limit = ${fallbackPages * pageSize}`);
    // No TypeScript loader in the thread (it needs none), and it never keeps the process alive by itself.
    const worker = new Worker(WORKER, { workerData: { path, intervalMs: INTERVAL_MS }, execArgv: [] });
    worker.unref();
    // Should the thread fail (a disk error, say), the serving connection goes back to SQLite's own cadence.
    worker.on('error', () => {
      if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    });
    return new Checkpointer(worker);
  }

  /** Checkpoints now; resolves with the log's size in pages and how many of them are in the database file. */
  async checkpoint(): Promise<{ log: number; checkpointed: number }> {
    this.#worker.postMessage('checkpoint');
    const [result] = await once(this.#worker, 'message');
    return result;
  }

  /** Ends the thread and closes its connection. */
  async stop(): Promise<void> {
    // Held from here on: waiting for the thread must keep the process alive until it has closed the database.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await this.#exited;
  }
}
