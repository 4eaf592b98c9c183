import type { Db } from '@switchboard/db';
import { unwritableReason } from './database-errors.ts';
import type { WriteRetry } from './write-retry.ts';

/** A health check is answered from this long a probe at most: `/health` is public and may be asked often. */
const PROBE_EVERY_MS = 1_000;

/**
 * Whether the database can be written, for `/health`: writes still waiting for it (say, on a full disk),
 * or a probe for the write lock (another program holding it). The probe waits at most the short busy
 * timeout, so asking never stalls the server for long.
 */
export class DatabaseHealth {
  #probedAt = Number.NEGATIVE_INFINITY;
  #probed: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly writes: WriteRetry,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why the database cannot be written now, or null when it can. */
  problem(): string | null {
    const backlog = this.writes.backlog;
    if (backlog) return `${backlog.reason} (${backlog.count} changes are waiting to be written)`;
    if (this.now() - this.#probedAt >= PROBE_EVERY_MS) {
      this.#probedAt = this.now();
      this.#probed = this.#probe();
    }
    return this.#probed;
  }

  #probe(): string | null {
    try {
      this.db.$client.exec('BEGIN IMMEDIATE');
      this.db.$client.exec('ROLLBACK');
      return null;
    } catch (error) {
      return unwritableReason(error) ?? 'The database cannot be written';
    }
  }
}
