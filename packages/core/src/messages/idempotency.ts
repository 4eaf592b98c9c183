import { createHash } from 'node:crypto';
import { type Db, type Message, messages, sendIdempotency } from '@switchboard/db';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { perDatabase } from '../prepared.ts';
import type { Composed } from './compose.ts';

/** How long an idempotency key is remembered: a retry after that sends again. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** One send made with an idempotency key: whose, which key, and what it asked for. */
export interface IdempotentSend {
  userId: string;
  key: string;
  fingerprint: string;
}

/**
 * What makes two sends "the same message": sender, recipient and the checked content — type, text or
 * caption, the file (upload id or URL) with its name, or the place.
 */
export function sendFingerprint(accountId: string, to: string, content: Composed): string {
  return createHash('sha256')
    .update(JSON.stringify([accountId, to, content]))
    .digest('hex');
}

const p = sql.placeholder;

/** A keyed send looks its key up and records it: both prepared once, off the per-send path. */
const statements = perDatabase((db) => {
  const sameKey = and(eq(sendIdempotency.userId, p('userId')), eq(sendIdempotency.key, p('key')));
  return {
    earlier: db
      .select({ fingerprint: sendIdempotency.fingerprint, message: messages })
      .from(sendIdempotency)
      .innerJoin(messages, eq(messages.id, sendIdempotency.messageId))
      .where(and(sameKey, gt(sendIdempotency.createdAt, p('since'))))
      .prepare(),
    forgetExpired: db
      .delete(sendIdempotency)
      .where(and(sameKey, lte(sendIdempotency.createdAt, p('before'))))
      .prepare(),
    record: db
      .insert(sendIdempotency)
      .values({
        userId: p('userId'),
        key: p('key'),
        fingerprint: p('fingerprint'),
        messageId: p('messageId'),
        createdAt: p('createdAt'),
      })
      .onConflictDoNothing()
      .prepare(),
  };
});

/**
 * Idempotency keys of sends, per user, for 24 hours: a send repeated with the same key gets the first one's
 * message (as it is now) and sends nothing. Only accepted sends are remembered — a refused one stored
 * nothing, so trying again with the same key tries again.
 */
export class SendIdempotency {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The message an earlier send with this key made, if any; CONFLICT when that send was another message. */
  earlier(send: IdempotentSend): Message | undefined {
    const found = statements(this.db).earlier.get({
      userId: send.userId,
      key: send.key,
      since: this.now() - IDEMPOTENCY_WINDOW_MS,
    });
    if (!found) return undefined;
    if (found.fingerprint !== send.fingerprint)
      throw new AppError(
        'CONFLICT',
        `The idempotency key "${send.key}" was used for a different message in the last 24 hours: use a new key for a new message`,
      );
    return found.message;
  }

  /**
   * Remembers the key for the message just stored (call it in the same transaction). Another server that
   * stored one for the same key first wins: this send is then refused, and nothing of it stays.
   */
  record(send: IdempotentSend, messageId: string): void {
    const now = this.now();
    const { forgetExpired, record } = statements(this.db);
    // A key older than the window is free again.
    forgetExpired.run({ userId: send.userId, key: send.key, before: now - IDEMPOTENCY_WINDOW_MS });
    const stored = record.run({ ...send, messageId, createdAt: now });
    if (stored.changes === 0)
      throw new AppError(
        'CONFLICT',
        `A send with the idempotency key "${send.key}" is under way: repeat the request to get its result`,
      );
  }

  /** Forgets keys past the window (they are ignored anyway; this keeps the table small). */
  purge(): number {
    return this.db
      .delete(sendIdempotency)
      .where(lte(sendIdempotency.createdAt, this.now() - IDEMPOTENCY_WINDOW_MS))
      .run().changes;
  }
}
