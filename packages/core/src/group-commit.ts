import type { Db } from '@switchboard/db';
import { transaction } from './prepared.ts';

interface Pending {
  write: () => unknown;
  committed: (value: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Work that joins a tick's commit after the tick's writes (the status changes of messages sent earlier):
 * it shares the commit, but never decides whether the writes are stored.
 */
export interface CommitPart {
  /** Runs inside the tick's transaction, after its writes, in a savepoint of its own. */
  write(): void;
  /** After the commit that stored it. */
  committed(): void;
  /** Nothing of it was stored: its savepoint was rolled back, or the commit failed. */
  failed(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Writes that arrive in the same tick of the event loop commit together: one transaction for all of them
 * instead of one each, since the commit costs more than a small write. Each write runs in a savepoint of its
 * own, so one that throws is rolled back and fails only its own caller; the others commit. A caller hears
 * of its write only once it has committed (`committed` runs then, in the order the writes came, before any
 * caller's promise settles), so nothing answered is lost if the process dies a moment later. Parts joined
 * with `join` (the tick's status changes) come after the writes in the same commit, so a tick writes the
 * messages' pages once; a part that throws is rolled back alone and told so, and the writes still commit.
 * A tick is first tried whole without savepoints; only when something in it throws is it run again with
 * them, so writes and parts must be safe to run twice (each is rolled back before it runs again).
 */
export class GroupCommit {
  #pending: Pending[] = [];
  #parts: CommitPart[] = [];
  #scheduled = false;

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
      this.#schedule();
    });
  }

  /** Adds `part` to the next commit, after its writes. */
  join(part: CommitPart): void {
    this.#parts.push(part);
    this.#schedule();
  }

  /** Commits what is waiting now (the next tick, shutdown and tests). */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0 && this.#parts.length === 0) return;
    const batch = this.#pending;
    const parts = this.#parts;
    this.#pending = [];
    this.#parts = [];
    let outcomes: Outcome[];
    let partOutcomes: Outcome[];
    try {
      [outcomes, partOutcomes] = this.#together(batch, parts) ?? this.#apart(batch, parts);
    } catch (error) {
      // The commit itself failed: none of them is stored.
      for (const item of batch) item.reject(error);
      for (const part of parts) part.failed(error);
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
    for (const [i, part] of parts.entries()) {
      const outcome = partOutcomes[i]!;
      if (outcome.ok) part.committed();
      else part.failed(outcome.error);
    }
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * The common case, where nothing throws: every write and part in one transaction, without savepoints — in
   * a savepoint SQLite first copies each page the tick already changed before changing it again, which cost
   * more than the commit saved. Null when anything threw: then the whole of it was rolled back.
   */
  #together(batch: Pending[], parts: CommitPart[]): [Outcome[], Outcome[]] | null {
    try {
      return transaction(this.db, () => [
        batch.map((item): Outcome => ({ ok: true, value: item.write() })),
        parts.map((part): Outcome => {
          part.write();
          return { ok: true, value: undefined };
        }),
      ]);
    } catch {
      return null;
    }
  }

  /** Each write and part again in a savepoint of its own, so the one that throws is rolled back alone. */
  #apart(batch: Pending[], parts: CommitPart[]): [Outcome[], Outcome[]] {
    return transaction(this.db, () => [
      batch.map((item) => this.#savepoint(item.write)),
      parts.map((part) => this.#savepoint(() => part.write())),
    ]);
  }

  /** Nested: a savepoint, rolled back alone when `work` throws. */
  #savepoint(work: () => unknown): Outcome {
    try {
      return { ok: true, value: transaction(this.db, work) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
