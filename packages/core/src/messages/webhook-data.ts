import type { Message } from '@switchboard/db';
import type { MediaLinks } from '../media/links.ts';
import { mediaOf } from '../message-view.ts';
import type { WebhookEventData } from '../outbox/webhook-events.ts';

/**
 * A message as webhook payloads carry it. Its file comes with a signed link that works without a sign-in
 * until it expires (payloads are fixed when the event happens, so a late retry may carry an expired one:
 * the authenticated `GET /api/v1/media/{id}` still works then).
 */
export function webhookData(m: Message, links: MediaLinks): WebhookEventData<'message.received'> {
  return {
    messageId: m.id,
    externalId: m.externalId,
    direction: m.direction,
    type: m.type,
    from: m.direction === 'in' ? m.peer : null,
    to: m.direction === 'out' ? m.peer : null,
    senderName: m.peerName,
    text: m.body,
    media: mediaOf(m, (mediaId) => links.sign(mediaId)),
    location: m.location ?? null,
    isGroup: m.groupId !== null,
    groupId: m.groupId,
    status: m.status,
    error: m.error,
    conversationId: m.conversationId,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}
