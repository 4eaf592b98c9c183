import { randomUUID } from 'node:crypto';
import {
  CAMPAIGN_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  PAUSE_REASONS,
  SESSION_STATUSES,
  type WebhookEvent,
} from '@switchboard/validators';
import { z } from 'zod';
import { messageLocation, messageMedia } from '../message-view.ts';

/**
 * Every webhook event's `data`, one schema per event type. Integrators depend on these shapes: payloads are
 * built through them (so nothing undocumented slips in) and the API describes deliveries with them.
 */

const message = z.object({
  messageId: z.string(),
  externalId: z.string().nullable().describe("WhatsApp's id for the message, once it has one"),
  direction: z.enum(MESSAGE_DIRECTIONS),
  type: z.enum(MESSAGE_TYPES),
  from: z
    .string()
    .nullable()
    .describe("The sender's number (or LID, `…@lid`, when WhatsApp does not tell it), for incoming messages"),
  to: z.string().nullable().describe("The recipient's number (or LID), for outgoing messages"),
  senderName: z.string().nullable(),
  text: z.string().describe('The text, or a file’s caption'),
  media: messageMedia.nullable().describe('The file, with a signed download link while it is stored'),
  location: messageLocation.nullable(),
  isGroup: z.boolean(),
  groupId: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  error: z.string().nullable(),
  conversationId: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601'),
});

/** How many of a campaign's recipients are in each state, and how many replied. */
export const campaignCounts = z.object({
  total: z.number(),
  pending: z.number(),
  sending: z.number(),
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  failed: z.number(),
  skipped: z.number(),
  opted_out: z.number(),
  unknown: z.number(),
  replied: z.number(),
});

const campaign = {
  campaignId: z.string(),
  name: z.string(),
  sessionId: z.string().nullable().describe('The account it sends from; null when it sends from a pool'),
  poolId: z.string().nullable(),
  counts: campaignCounts,
};

export const WEBHOOK_EVENT_DATA = {
  'message.received': message,
  'message.sent': message,
  'message.status': message,
  'session.status': z.object({
    status: z.enum(SESSION_STATUSES),
    previousStatus: z.enum(SESSION_STATUSES),
    reason: z.string().nullable(),
    pushName: z.string().nullable(),
    limited: z
      .object({ reason: z.string(), until: z.string().nullable().describe('ISO 8601, when WhatsApp said') })
      .nullable()
      .describe(
        "WhatsApp's reach-out limit (error 463) while it holds: no new chats, replies still go out. Its start and end are sent as session.status events whose status equals previousStatus",
      ),
  }),
  'session.qr': z.object({
    qr: z.string(),
    expiresAt: z.string().describe('ISO 8601'),
    last: z.boolean().describe('true on the final code: linking stops when it expires'),
  }),
  'campaign.status': z.object({
    ...campaign,
    status: z.enum(CAMPAIGN_STATUSES),
    previousStatus: z.enum(CAMPAIGN_STATUSES),
    pauseReason: z.enum(PAUSE_REASONS).nullable(),
    pauseDetail: z.string().nullable().describe('Why it paused and what to do'),
  }),
  'campaign.completed': z.object({
    ...campaign,
    startedAt: z.string().nullable().describe('ISO 8601'),
    completedAt: z.string().describe('ISO 8601'),
  }),
  /** What `webhooks.test` sends; not an event endpoints subscribe to. */
  'webhook.test': z.object({ webhookId: z.string(), message: z.string() }),
} as const satisfies Record<WebhookEvent | 'webhook.test', z.ZodType>;

export type WebhookPayloadType = keyof typeof WEBHOOK_EVENT_DATA;
export type WebhookEventData<T extends WebhookPayloadType> = z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;

/** The envelope every body shares, in the order it is sent. */
const variant = <T extends WebhookPayloadType>(type: T) =>
  z.object({
    id: z.string().describe('Unique per event (the same for every endpoint that gets it)'),
    type: z.literal(type),
    timestamp: z.string().describe('ISO 8601, when the event happened'),
    accountId: z.string().nullable(),
    accountPhone: z.string().nullable(),
    data: WEBHOOK_EVENT_DATA[type],
  });

export const webhookPayload = z.discriminatedUnion('type', [
  variant('message.received'),
  variant('message.sent'),
  variant('message.status'),
  variant('session.status'),
  variant('session.qr'),
  variant('campaign.status'),
  variant('campaign.completed'),
  variant('webhook.test'),
]);
export type WebhookPayload = z.infer<typeof webhookPayload>;

export const newEventId = () => `evt_${randomUUID().replaceAll('-', '')}`;
export const newDeliveryId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/** A body for one event, checked against (and ordered by) the event's schema. */
export function buildPayload<T extends WebhookPayloadType>(
  type: T,
  event: { accountId: string | null; accountPhone: string | null; at: number; data: WebhookEventData<T> },
): WebhookPayload {
  return webhookPayload.parse({
    id: newEventId(),
    type,
    timestamp: new Date(event.at).toISOString(),
    accountId: event.accountId,
    accountPhone: event.accountPhone,
    data: event.data,
  });
}
