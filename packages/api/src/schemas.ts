import {
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  ENGINE_NAMES,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  SESSION_ID_PATTERN,
  SESSION_STATUSES,
  USER_ROLES,
  WEBHOOK_EVENTS,
} from '@switchboard/validators';

import { z } from 'zod';

/** The wire shapes. REST/OpenAPI can be generated from these later, so every field is described here once. */

export const sessionId = z
  .string()
  .regex(
    SESSION_ID_PATTERN,
    'Session id must be 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit',
  );

export const sessionStatus = z.enum(SESSION_STATUSES);
export const engineName = z.enum(ENGINE_NAMES);
export const userRole = z.enum(USER_ROLES);

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRole,
  createdAt: z.number(),
});

export const session = z.object({
  id: z.string(),
  name: z.string(),
  engine: engineName,
  ownerId: z.string(),
  status: sessionStatus,
  statusReason: z.string().nullable(),
  phone: z.string().nullable(),
  pushName: z.string().nullable(),
  autoStart: z.boolean(),
  qr: z.object({ qr: z.string(), expiresAt: z.number() }).nullable(),
  nextRetryAt: z.number().nullable(),
  resources: z
    .object({ rssBytes: z.number(), processes: z.number(), sampledAt: z.number() })
    .nullable()
    .describe("The engine's latest resource sample (browser memory), for engines that report one"),
  createdAt: z.number(),
  updatedAt: z.number(),
  statusChangedAt: z.number(),
  lastConnectedAt: z.number().nullable(),
});

export const message = z.object({
  id: z.string(),
  accountId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  peer: z.string(),
  peerName: z.string().nullable(),
  body: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  externalId: z.string().nullable(),
  error: z.string().nullable(),
  conversationId: z.string().nullable(),
  media: z
    .object({
      type: z.string(),
      mimetype: z.string().optional(),
      size: z.number().optional(),
      filename: z.string().optional(),
    })
    .nullable(),
  groupId: z.string().nullable().describe('Group chat id when the message was posted in a group'),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const webhookEvent = z.enum(WEBHOOK_EVENTS);

export const webhook = z.object({
  id: z.string(),
  accountId: z.string().nullable().describe("null: a global endpoint that gets every account's events"),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEvent),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  previousSecretExpiresAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable().describe('When the endpoint last answered 2xx, if ever'),
  consecutiveFailures: z.number().describe('Failed attempts since the last success'),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const webhookWithSecret = webhook.extend({
  secret: z.string().describe('Shown once: store it now'),
});

export const deliveryStatus = z.enum(DELIVERY_STATUSES);

export const webhookDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  accountId: z.string().nullable(),
  payload: z.object({
    id: z.string(),
    type: z.string(),
    timestamp: z.string(),
    accountId: z.string().nullable(),
    accountPhone: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
  status: deliveryStatus,
  attempts: z.number(),
  nextAttemptAt: z.number(),
  lastAttemptAt: z.number().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  attemptLog: z.array(
    z.object({
      id: z.number(),
      at: z.number(),
      statusCode: z.number().nullable(),
      durationMs: z.number(),
      responseExcerpt: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});

export const contact = z.object({
  id: z.string(),
  accountId: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const conversationStatus = z.enum(CONVERSATION_STATUSES);

export const conversation = z.object({
  id: z.string(),
  accountId: z.string(),
  contact,
  status: conversationStatus,
  unreadCount: z.number(),
  lastMessageAt: z.number(),
  lastMessagePreview: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** Newest-first cursor paging: pass `nextCursor` back as `cursor` for the next (older) page. */
export const pageInput = {
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).nullish(),
};
export const messagePage = z.object({ items: z.array(message), nextCursor: z.string().nullable() });

const eventBase = { id: z.string(), sessionId: z.string(), ownerId: z.string(), at: z.number() };

export const sessionEvent = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('status'),
    status: sessionStatus,
    reason: z.string().nullable(),
    phone: z.string().nullable(),
    pushName: z.string().nullable(),
    lastConnectedAt: z.number().nullable(),
    nextRetryAt: z.number().nullable(),
  }),
  z.object({ ...eventBase, type: z.literal('qr'), qr: z.string(), expiresAt: z.number() }),
  z.object({ ...eventBase, type: z.literal('pairing_code'), code: z.string() }),
  z.object({ ...eventBase, type: z.literal('deleted') }),
]);

export const messageEvent = z.object({ ...eventBase, type: z.literal('message'), message });

export const conversationEvent = z.object({ ...eventBase, type: z.literal('conversation'), conversation });

export const ok = z.object({ ok: z.literal(true) });

/** For procedures that take nothing: no input at all, or `{}` (what plain HTTP clients tend to send). */
export const noInput = z.object({}).strict().optional();

/** Free-form phone input; the services normalise it and say precisely what is wrong. */
export const phoneInput = z.string().min(1, 'Phone number is required').max(40, 'Phone number is too long');
