import type { Db, Message } from '@switchboard/db';
import type { InboundMessage } from '@switchboard/engines/contract';
import { newId } from '../ids.ts';
import type { InboxService } from '../inbox/service.ts';
import type { MediaLinks } from '../media/links.ts';
import type { MessageFile } from '../media/service.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { transaction } from '../prepared.ts';
import { messageStatements, type NewMessage } from './statements.ts';
import { webhookData } from './webhook-data.ts';

/** Rolls the transaction back when the message turns out to be stored already. */
const DUPLICATE = Symbol('already stored');

/**
 * Stores a received message — its type, text, file (as kept, or why not) and place — with its conversation
 * and its `message.received` delivery, in one transaction. The same message reported twice is stored (and
 * reported) once: the second time this returns undefined.
 */
export function insertInbound(
  deps: { db: Db; inbox: InboxService; outbox: WebhookOutbox; links: MediaLinks },
  sessionId: string,
  received: InboundMessage,
  file: MessageFile | null,
): (Message & { conversationId: string }) | undefined {
  const { db, inbox, outbox, links } = deps;
  const now = Date.now();
  const message: Omit<NewMessage, 'conversationId'> = {
    id: newId(),
    accountId: sessionId,
    direction: 'in',
    type: received.location ? 'location' : (received.media?.kind ?? 'text'),
    peer: received.from,
    peerName: received.fromName ?? null,
    body: received.text,
    status: 'received',
    externalId: received.externalId,
    media: file?.info ?? null,
    mediaId: file?.mediaId ?? null,
    location: received.location ? { name: null, address: null, ...received.location } : null,
    groupId: received.groupId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    return transaction(db, () => {
      const conversation = inbox.attach(message, received.fromName, received.fromLid);
      const stored = messageStatements(db).insertReceived({ ...message, conversationId: conversation.id });
      // Already stored (reported twice): the conversation must not count it again.
      if (!stored) throw DUPLICATE;
      outbox.enqueue({
        type: 'message.received',
        accountId: sessionId,
        data: () => webhookData(stored, links),
        at: now,
      });
      return stored as Message & { conversationId: string };
    });
  } catch (error) {
    if (error === DUPLICATE) return undefined;
    throw error;
  }
}
