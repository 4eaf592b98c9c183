import { type Db, type Message, messages } from '@switchboard/db';
import type { InboundMessage } from '@switchboard/engines/contract';
import { newId } from '../ids.ts';
import type { InboxService } from '../inbox/service.ts';
import type { MediaLinks } from '../media/links.ts';
import type { MessageFile } from '../media/service.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { webhookData } from './webhook-data.ts';

/**
 * Stores a received message — its type, text, file (as kept, or why not) and place — with its conversation
 * and its `message.received` delivery, in one transaction. The same message reported twice is stored (and
 * reported) once: the second time this returns undefined.
 */
export function insertInbound(
  deps: { db: Db; inbox: InboxService; outbox: WebhookOutbox; links: MediaLinks },
  sessionId: string,
  message: InboundMessage,
  file: MessageFile | null,
): (Message & { conversationId: string }) | undefined {
  const { db, inbox, outbox, links } = deps;
  const now = Date.now();
  return db.transaction(() => {
    const inserted = db
      .insert(messages)
      .values({
        id: newId(),
        accountId: sessionId,
        direction: 'in',
        type: message.location ? 'location' : (message.media?.kind ?? 'text'),
        peer: message.from,
        peerName: message.fromName ?? null,
        body: message.text,
        status: 'received',
        externalId: message.externalId,
        media: file?.info ?? null,
        mediaId: file?.mediaId ?? null,
        location: message.location ? { name: null, address: null, ...message.location } : null,
        groupId: message.groupId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning()
      .get();
    if (!inserted) return undefined;
    const conversation = inbox.attach(inserted, message.fromName, message.fromLid);
    const stored = { ...inserted, conversationId: conversation.id };
    outbox.enqueue({
      type: 'message.received',
      accountId: sessionId,
      data: webhookData(stored, links),
      at: now,
    });
    return stored;
  });
}
