import { unwritableReason } from './database-errors.ts';
import type { Logger } from './logger.ts';
import { errorMessage } from './timeout.ts';

export interface WriteRetryOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Most writes kept waiting; past it the oldest is given up (and logged) rather than memory. */
  maxPending?: number;
}

/**
 * Writes that must not be lost when the database briefly cannot be written (locked by another program, a
 * full disk): what WhatsApp reported — receipts, incoming messages, a send's outcome — happened whether or
 * not we could store it. A write that fails so is kept and tried again with a growing delay, in order, and
 * later writes queue behind it so they never overtake it.
 */
export class WriteRetry {
  readonly #pending: Array<{ what: string; write: () => void }> = [];
  readonly #firstDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxPending: number;
  #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #lastReason: string | null = null;

  constructor(
    private readonly log: Logger,
    options: WriteRetryOptions = {},
  ) {
    this.#firstDelayMs = options.firstDelayMs ?? 100;
    this.#maxDelayMs = options.maxDelayMs ?? 5_000;
    this.#maxPending = options.maxPending ?? 10_000;
    this.#delayMs = this.#firstDelayMs;
  }

  /** Writes now, or after the writes still waiting. Errors other than "cannot be written" are thrown. */
  run(what: string, write: () => void): void {
    if (this.#pending.length === 0) {
      try {
        write();
        return;
      } catch (error) {
        this.#keep(error);
      }
    }
    this.#pending.push({ what, write });
    if (this.#pending.length > this.#maxPending) {
      const dropped = this.#pending.shift();
      this.log.error('gave up a write the database has not taken for too long', { what: dropped?.what });
    }
    this.#schedule();
  }

  /** Writes waiting for the database, and why it refused the last one; null when none wait. */
  get backlog(): { count: number; reason: string } | null {
    if (this.#pending.length === 0) return null;
    return { count: this.#pending.length, reason: this.#lastReason ?? 'The database cannot be written' };
  }

  /** Tries what waits once more, now (at shutdown); says in the log what could not be written. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#drain();
    if (this.#pending.length > 0) {
      this.log.error('changes could not be written to the database before stopping', {
        count: this.#pending.length,
        reason: this.#lastReason,
      });
    }
  }

  #keep(error: unknown): void {
    const reason = unwritableReason(error);
    if (!reason) throw error;
    if (this.#lastReason === null) this.log.warn('the database refused a write; will retry', { reason });
    this.#lastReason = reason;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
      if (this.#pending.length > 0) {
        this.#delayMs = Math.min(this.#maxDelayMs, this.#delayMs * 2);
        this.#schedule();
      }
    }, this.#delayMs);
    this.#timer.unref();
  }

  #drain(): void {
    while (this.#pending.length > 0) {
      const next = this.#pending[0]!;
      try {
        next.write();
      } catch (error) {
        if (unwritableReason(error)) {
          this.#lastReason = unwritableReason(error);
          return;
        }
        // A write that fails for another reason would fail for ever: report it and go on with the rest.
        this.log.error('a retried write failed', { what: next.what, error: errorMessage(error) });
      }
      this.#pending.shift();
    }
    if (this.#lastReason !== null) this.log.info('the database takes writes again');
    this.#lastReason = null;
    this.#delayMs = this.#firstDelayMs;
  }
}
