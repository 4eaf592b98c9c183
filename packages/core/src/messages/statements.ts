import { type Message, messages } from '@switchboard/db';
import type { MessageStatus } from '@switchboard/validators';
import { and, eq, ne, sql } from 'drizzle-orm';
import { direct, perDatabase } from '../prepared.ts';

const p = sql.placeholder;

/**
 * Outbound progress only moves forward: a late "delivered" never overwrites "read". `unknown` (handed to
 * WhatsApp, then the send failed) sits below `sent`, so any receipt settles it.
 */
export const RANK: Record<MessageStatus, number> = {
  queued: 0,
  unknown: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  failed: 6,
  received: 0,
};

/** `RANK` in SQL, for a status column. */
const rankOf = (column: typeof messages.status) =>
  sql.join(
    [
      sql`case ${column}`,
      ...Object.entries(RANK).map(([status, rank]) => sql`when ${status} then ${sql.raw(String(rank))}`),
      sql`end`,
    ],
    sql` `,
  );

/** A message row as one insert writes it, its conversation included. */
export type NewMessage = Omit<Message, 'peerName' | 'externalId' | 'error' | 'errorCoded' | 'groupId'> &
  Partial<Pick<Message, 'peerName' | 'externalId' | 'error' | 'errorCoded' | 'groupId'>>;

/** How a send or a receipt left a message: its status and, when it failed, why (in words and as a code). */
type Outcome = Pick<Message, 'status' | 'error' | 'errorCoded'>;

/**
 * The statements of a message's life, prepared once: stored (with its conversation, in one insert), found
 * by id or by WhatsApp's id, and moved on by its outcome and its receipts.
 */
export const messageStatements = perDatabase((db) => {
  const insert = (ignoreDuplicate: boolean) => {
    const query = db.insert(messages).values({
      id: p('id'),
      accountId: p('accountId'),
      direction: p('direction'),
      type: p('type'),
      peer: p('peer'),
      peerName: p('peerName'),
      body: p('body'),
      status: p('status'),
      externalId: p('externalId'),
      error: p('error'),
      errorCoded: sql`${p('errorCoded')}`,
      conversationId: p('conversationId'),
      // Bound as JSON text here: a bound placeholder would store a null as the text 'null'.
      media: sql`${p('media')}`,
      mediaId: p('mediaId'),
      location: sql`${p('location')}`,
      groupId: p('groupId'),
      createdAt: p('createdAt'),
      updatedAt: p('updatedAt'),
    });
    return direct<Message>((ignoreDuplicate ? query.onConflictDoNothing() : query).returning().prepare());
  };
  const stored = { sent: insert(false), received: insert(true) };
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  const complete = (row: NewMessage) => ({
    peerName: null,
    externalId: null,
    error: null,
    groupId: null,
    ...row,
    errorCoded: json(row.errorCoded),
    media: json(row.media),
    location: json(row.location),
  });
  const byId = direct<Message>(
    db
      .select()
      .from(messages)
      .where(eq(messages.id, p('id')))
      .prepare(),
  );
  const byExternalId = direct<Message>(
    db
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, p('accountId')), eq(messages.externalId, p('externalId'))))
      .prepare(),
  );
  const setOutcome = direct<Message>(
    db
      .update(messages)
      .set({
        status: sql`${p('status')}`,
        externalId: sql`${p('externalId')}`,
        error: sql`${p('error')}`,
        errorCoded: sql`${p('errorCoded')}`,
        updatedAt: sql`${p('now')}`,
      })
      .where(eq(messages.id, p('id')))
      .returning()
      .prepare(),
  );
  // A receipt: the sent message WhatsApp knows by this id moves on, if it is not failed and this is further.
  const advance = direct<Message>(
    db
      .update(messages)
      .set({
        status: sql`${p('status')}`,
        error: sql`${p('error')}`,
        errorCoded: sql`${p('errorCoded')}`,
        updatedAt: sql`${p('now')}`,
      })
      .where(
        and(
          eq(messages.accountId, p('accountId')),
          eq(messages.externalId, p('externalId')),
          eq(messages.direction, 'out'),
          ne(messages.status, 'failed'),
          sql`${rankOf(messages.status)} < ${p('rank')}`,
        ),
      )
      .returning()
      .prepare(),
  );
  return {
    /** Stores an outbound message; returns the row. */
    insertSent: (row: NewMessage): Message => stored.sent.get(complete(row))!,
    /** Stores a received message; undefined when the same message (same WhatsApp id) is already stored. */
    insertReceived: (row: NewMessage): Message | undefined => stored.received.get(complete(row)),
    byId: (id: string): Message | undefined => byId.get({ id }),
    byExternalId: (accountId: string, externalId: string): Message | undefined =>
      byExternalId.get({ accountId, externalId }),
    /** How a send ended; the updated row, or undefined when it is gone. */
    setOutcome: (
      id: string,
      values: Outcome & Pick<Message, 'externalId'>,
      now: number,
    ): Message | undefined => setOutcome.get({ id, ...values, errorCoded: json(values.errorCoded), now }),
    /** A receipt for WhatsApp's id: the row it moved forward, or undefined when it moved none. */
    advance: (accountId: string, externalId: string, values: Outcome, now: number): Message | undefined =>
      advance.get({
        accountId,
        externalId,
        ...values,
        errorCoded: json(values.errorCoded),
        now,
        rank: RANK[values.status],
      }),
  };
});
