import type { Logger } from '../logger.ts';
import { DispatcherThread, type WorkerSetup } from './dispatcher-thread.ts';
import type { Outcome } from './outcomes.ts';

/**
 * The delivery loops spread over `count` worker threads (`WEBHOOK_THREADS`), so endpoints delivered to side
 * by side are not all held to one thread's core. Each endpoint is given to one thread the first time it has
 * something to send — the one with the fewest enabled endpoints then — and stays on it while the server
 * runs: one loop per endpoint, so its order holds and nothing goes out twice. A thread starts when its first
 * endpoint does; one that ended unexpectedly is replaced by the next wake.
 */
export class DispatcherThreads {
  readonly #threads: Array<DispatcherThread | null>;
  /** Which thread each endpoint is delivered from; never moved while the server runs. */
  readonly #assigned = new Map<string, number>();

  constructor(
    count: number,
    private readonly setup: Omit<WorkerSetup, 'entry' | 'bundle'>,
    private readonly log: Logger,
    private readonly record: (webhookId: string, outcomes: Outcome[]) => boolean,
    /** A thread ended without being asked to; the caller wakes its endpoints again later. */
    private readonly onCrash: () => void,
  ) {
    this.#threads = Array.from({ length: Math.max(1, count) }, () => null);
  }

  /**
   * Starts as many threads as `endpoints` will spread over, ahead of any delivery (a thread takes a moment
   * to load), so the first event after an endpoint is added does not wait for it.
   */
  warm(endpoints: number): void {
    for (let i = 0; i < Math.min(endpoints, this.#threads.length); i++) this.#thread(i);
  }

  /** Wakes each endpoint on its own thread; `enabled` are the endpoints that count when placing a new one. */
  wake(webhookIds: readonly string[], enabled: () => readonly string[]): void {
    const byThread = new Map<number, string[]>();
    for (const id of webhookIds) {
      const index = this.#assigned.get(id) ?? this.#place(id, enabled());
      const ids = byThread.get(index);
      if (ids) ids.push(id);
      else byThread.set(index, [id]);
    }
    for (const [index, ids] of byThread) this.#thread(index).wake(ids);
  }

  forget(): void {
    for (const thread of this.#threads) thread?.forget();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread?.stop()));
    this.#threads.fill(null);
  }

  #place(webhookId: string, enabled: readonly string[]): number {
    const load = this.#threads.map(() => 0);
    for (const id of enabled) {
      const index = this.#assigned.get(id);
      if (index !== undefined) load[index]! += 1;
    }
    const index = load.indexOf(Math.min(...load));
    this.#assigned.set(webhookId, index);
    return index;
  }

  #thread(index: number): DispatcherThread {
    const running = this.#threads[index];
    if (running) return running;
    const thread = new DispatcherThread(this.setup, this.log, this.record, () => {
      this.#threads[index] = null;
      this.log.error('a webhook dispatcher thread ended; starting a new one');
      this.onCrash();
    });
    this.#threads[index] = thread;
    return thread;
  }
}
