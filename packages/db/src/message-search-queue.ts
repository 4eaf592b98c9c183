import type Database from 'better-sqlite3';

const prepared = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  // The rowid of the `limit`-th queued message, oldest first: the batch ends there.
  const last = sqlite
    .prepare(
      'SELECT max(message_rowid) FROM (SELECT message_rowid FROM messages_fts_queue ORDER BY 1 LIMIT ?)',
    )
    .pluck();
  const index = sqlite.prepare(
    `INSERT INTO messages_fts (rowid, body)
     SELECT m.rowid, m.body FROM messages_fts_queue q JOIN messages m ON m.rowid = q.message_rowid
     WHERE q.message_rowid <= ? ORDER BY q.message_rowid`,
  );
  const dequeue = sqlite.prepare('DELETE FROM messages_fts_queue WHERE message_rowid <= ?');
  return sqlite.transaction((limit: number): number => {
    const upTo = last.get(limit) as number | null;
    if (upTo === null) return 0;
    index.run(upTo);
    return dequeue.run(upTo).changes;
  });
}

/**
 * Adds up to `limit` queued messages to the search index, oldest first, in one transaction; returns how many.
 * Messages wait in `messages_fts_queue` from the commit that stores them (migration 0019): one batch writes
 * the index once for all of them, where indexing each in its own commit rewrote the index's pages each time.
 */
export function indexQueuedMessages(sqlite: Database.Database, limit = Number.MAX_SAFE_INTEGER): number {
  let run = prepared.get(sqlite);
  if (!run) {
    run = prepare(sqlite);
    prepared.set(sqlite, run);
  }
  return run(limit);
}
