import type { Db } from '@switchboard/db';
import { transaction } from './prepared.ts';

interface Pending {
  write: () => unknown;
  committed: (value: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes that arrive in the same tick of the event loop commit together: one transaction for all of them
 * instead of one each, since the commit costs more than a small write. Each write runs in a savepoint of its
 * own, so one that throws is rolled back and fails only its own caller; the others commit. A caller hears
 * of its write only once it has committed (`committed` runs then, in the order the writes came, before any
 * caller's promise settles), so nothing answered is lost if the process dies a moment later.
 */
export class GroupCommit {
  #pending: Pending[] = [];

  constructor(private readonly db: Db) {}

  /** Runs `write` in the next commit; `committed` runs right after that commit, in order of arrival. */
  write<T>(write: () => T, committed: (value: T) => void = () => {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({
        write,
        committed: committed as (value: unknown) => void,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (this.#pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is waiting now (the next tick, shutdown and tests). */
  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    let outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
    try {
      outcomes = transaction(this.db, () =>
        batch.map((item) => {
          try {
            // Nested: a savepoint, rolled back alone when this write throws.
            return { ok: true as const, value: transaction(this.db, item.write) };
          } catch (error) {
            return { ok: false as const, error };
          }
        }),
      );
    } catch (error) {
      // The commit itself failed: none of them is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    // Promises settle after this loop's synchronous work, so every `committed` runs before any caller resumes.
    for (const [i, item] of batch.entries()) {
      const outcome = outcomes[i]!;
      if (!outcome.ok) {
        item.reject(outcome.error);
        continue;
      }
      try {
        item.committed(outcome.value);
        item.resolve(outcome.value);
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
