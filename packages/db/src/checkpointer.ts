import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.ts';

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

/** How often the thread copies the log back: about 3 MB of log at a thousand sends a second. */
const INTERVAL_MS = 100;
/** SQLite's own `wal_autocheckpoint`. */
const SQLITE_DEFAULT_PAGES = 1000;

interface Progress {
  /** The log's size in pages. */
  log: number;
  /** How many of them are in the database file. */
  checkpointed: number;
}
type FromThread = { pass: Progress } | { asked: Progress };

/**
 * Left to itself, SQLite copies the write-ahead log back into the database file inside the commit that
 * makes the log reach 1,000 pages, fsyncs included — on better-sqlite3 that stalls the event loop, and every
 * request waiting on it, several times a second under load. This does it from another thread instead.
 *
 * The thread cannot make the log start over, though: SQLite does that at a write that finds the whole log
 * copied, and under steady writes frames keep arriving while the thread copies. So the serving connection
 * finishes the job itself, right after one of the thread's passes once the log is `restartPages` long: then
 * only the few frames since that pass are left to copy and fsync. (Left to its own `fallbackPages`, it did
 * so at a random moment with up to a whole interval of log still unsynced: a 10–25 ms stall each time.) The
 * fallback stays, should the thread fall behind; a checkpoint never loses a committed write.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  private constructor(worker: Worker) {
    this.#worker = worker;
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  static start(
    db: Db,
    path: string,
    fallbackPages = 4000,
    restartPages = (fallbackPages * 3) / 4,
  ): Checkpointer {
    db.$client.pragma(`wal_autocheckpoint = ${fallbackPages}`);
    // A burst that grew the log far past the fallback leaves no larger file behind once the log starts over;
    // the usual cycle, a little past `restartPages`, reuses the file as it is instead of truncating it each time.
    const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
    db.$client.pragma(`journal_size_limit = ${4 * fallbackPages * pageSize}`);
    // No TypeScript loader in the thread (it needs none), and it never keeps the process alive by itself.
    const worker = new Worker(WORKER, { workerData: { path, intervalMs: INTERVAL_MS }, execArgv: [] });
    worker.on('message', (message: FromThread) => {
      if (!('pass' in message) || message.pass.log < restartPages || !db.$client.open) return;
      try {
        db.$client.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // The write that follows meets the same disk and reports it; the fallback still bounds the log.
      }
    });
    worker.unref();
    // Should the thread fail (a disk error, say), the serving connection goes back to SQLite's own cadence.
    worker.on('error', () => {
      if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    });
    return new Checkpointer(worker);
  }

  /** Checkpoints now; resolves with the log's size in pages and how many of them are in the database file. */
  async checkpoint(): Promise<Progress> {
    this.#worker.postMessage('checkpoint');
    for (;;) {
      const [message] = (await once(this.#worker, 'message')) as [FromThread];
      if ('asked' in message) return message.asked;
    }
  }

  /** Ends the thread and closes its connection. */
  async stop(): Promise<void> {
    // Held from here on: waiting for the thread must keep the process alive until it has closed the database.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await this.#exited;
  }
}
