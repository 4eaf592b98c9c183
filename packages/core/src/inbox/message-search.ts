import { setTimeout as sleep } from 'node:timers/promises';
import { conversations, type Db, indexQueuedMessages } from '@switchboard/db';
import { type SQL, sql } from 'drizzle-orm';
import { unwritableReason } from '../database-errors.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';

/** A conversation found by the text of one of its messages: the newest such message, around the match. */
export interface MessageMatch {
  messageId: string;
  /** A few words either side of the match, `…` where the message goes on. */
  text: string;
}

/** Words either side of a match that `MessageMatch.text` keeps. */
const SNIPPET_TOKENS = 12;

/**
 * A search box's text as an FTS5 query: every word must appear, each as a word's beginning ("ord" finds
 * "order"). Words are quoted, so what a user types is never read as FTS5 syntax (`AND`, `NEAR`, `*`, `"`).
 * Undefined when nothing searchable is left (punctuation only).
 */
export function messageSearchQuery(input: string | null | undefined): string | undefined {
  const words = (input ?? '')
    .split(/\s+/)
    .map((word) => word.replaceAll('"', ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length > 0 ? words.map((word) => `"${word}"*`).join(' ') : undefined;
}

/**
 * How often, and how many at a time, queued messages are added to the search index in the background. A
 * message costs ~4 µs in a batch; small batches keep each one to a millisecond or so of the event loop (a
 * thousand at once held it 10–20 ms under load, the size of the send path's whole p99).
 */
const INDEX_EVERY_MS = 100;
const INDEX_BATCH = 200;
/**
 * Between two batches of a long queue (after a restart, or rows another program wrote), the write lock is left
 * free this long, so such a program writing to the same file (a migration, an import) gets it in turn.
 */
const INDEX_GAP_MS = 10;
/**
 * How long indexing waits after the database could not be written. Not the next tick: a locked database makes
 * each try wait out the busy timeout on the event loop first.
 */
const PAUSE_WHILE_UNWRITABLE_MS = 5_000;

/**
 * Adds stored messages to the search index in the background, a batch at a time with the event loop served
 * in between, so the index stays a fraction of a second behind. A search indexes the rest first
 * (`indexForSearch`).
 */
export function messageIndexing(db: Db, log: Logger): BackgroundService {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  /** Why the database cannot be written, told once until indexing works again. */
  let paused: string | null = null;
  let pausedUntil = 0;
  const catchUp = async () => {
    while (!stopped && indexQueuedMessages(db.$client, INDEX_BATCH) === INDEX_BATCH)
      await sleep(INDEX_GAP_MS);
    if (paused) log.info('message search indexing resumed');
    paused = null;
  };
  const failed = (error: unknown) => {
    const reason = unwritableReason(error);
    if (!reason) log.error('message search indexing failed', { error });
    else {
      // A lock or a full disk can pass: the queue waits, and indexing tries again in a while.
      pausedUntil = Date.now() + PAUSE_WHILE_UNWRITABLE_MS;
      if (paused !== reason) log.warn('message search indexing paused', { reason });
      paused = reason;
    }
  };
  const tick = () => {
    if (Date.now() < pausedUntil) return;
    running ??= catchUp()
      .catch(failed)
      .finally(() => {
        running = undefined;
      });
  };
  return {
    name: 'message search indexing',
    start() {
      stopped = false;
      timer = setInterval(tick, INDEX_EVERY_MS).unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Every stored message in the search index, so a search that follows misses none. While the database cannot
 * be written (another program holds the lock), the search goes on with what is indexed already.
 */
export function indexForSearch(db: Db): void {
  try {
    indexQueuedMessages(db.$client);
  } catch (error) {
    if (!unwritableReason(error)) throw error;
  }
}

/** Conversations with a message matching `query` (from `messageSearchQuery`), through the FTS5 index. */
export const hasMessageMatching = (query: string): SQL =>
  sql`${conversations.id} in (select m.conversation_id from messages_fts join messages m on m.rowid = messages_fts.rowid where messages_fts match ${query})`;

/**
 * The newest message matching `query` in each of the conversations `ids` (those with one), with the words
 * around the match. The newest is picked first, so the snippet is only built once per conversation.
 */
export function newestMatches(db: Db, query: string, ids: readonly string[]): Map<string, MessageMatch> {
  const found = new Map<string, MessageMatch>();
  if (ids.length === 0) return found;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // SQLite's bare columns: beside max(), `rowid` comes from the row holding the maximum.
  const newest = db.all<{ rowid: number }>(sql`
    select m.rowid as rowid, max(m.created_at) from messages_fts join messages m on m.rowid = messages_fts.rowid
    where messages_fts match ${query} and m.conversation_id in (${list})
    group by m.conversation_id`);
  if (newest.length === 0) return found;
  const rowids = sql.join(
    newest.map((row) => sql`${row.rowid}`),
    sql`, `,
  );
  const rows = db.all<{ conversationId: string; messageId: string; text: string }>(sql`
    select m.conversation_id as conversationId, m.id as messageId,
      snippet(messages_fts, 0, '', '', '…', ${SNIPPET_TOKENS}) as text
    from messages_fts join messages m on m.rowid = messages_fts.rowid
    where messages_fts match ${query} and messages_fts.rowid in (${rowids})`);
  for (const row of rows) found.set(row.conversationId, { messageId: row.messageId, text: row.text });
  return found;
}
