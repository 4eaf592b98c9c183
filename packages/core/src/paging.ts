import { type Db, type Message, messages } from '@switchboard/db';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { AppError } from './errors.ts';
import { type MessageView, toMessageView } from './message-view.ts';

export interface MessagePage {
  items: MessageView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Messages matching `scope`, newest first. The cursor is the id of the last message of the previous page;
 * (createdAt, id) orders messages stored in the same millisecond, so no page repeats or skips one.
 */
export function pageMessages(
  db: Db,
  scope: SQL,
  input: { limit: number; cursor?: string | null },
  belongs: (anchor: Message) => boolean,
): MessagePage {
  const conditions = [scope];
  if (input.cursor) {
    const anchor = db.select().from(messages).where(eq(messages.id, input.cursor)).get();
    if (!anchor || !belongs(anchor)) {
      throw new AppError('BAD_REQUEST', 'The cursor does not belong to this list: start again without one');
    }
    conditions.push(
      or(
        lt(messages.createdAt, anchor.createdAt),
        and(eq(messages.createdAt, anchor.createdAt), lt(messages.id, anchor.id)),
      )!,
    );
  }
  const rows = db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(input.limit + 1)
    .all();
  const items = rows.slice(0, input.limit).map(toMessageView);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
