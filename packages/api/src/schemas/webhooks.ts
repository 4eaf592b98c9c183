import { webhookPayload } from '@switchboard/core';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '@switchboard/validators';
import { z } from 'zod';
import { sessionId } from './common.ts';

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
  payload: webhookPayload.describe('The exact body sent: the envelope, and `data` as its event type defines'),
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

const webhookId = z.string().min(1).max(100);
const url = z.string().trim().min(1, 'URL is required').max(2048, 'URL must be at most 2048 characters');
const description = z.string().trim().max(500, 'Description must be at most 500 characters');
const events = z.array(webhookEvent).min(1, 'Choose at least one event');

export const webhookListInput = z.object({ sessionId: sessionId.nullish() }).optional();

export const webhookCreateInput = z.object({
  sessionId: sessionId.nullable(),
  url,
  description: description.optional(),
  events: events.optional().describe('Default: every event except session.qr'),
  enabled: z.boolean().optional(),
});

export const webhookUpdateInput = z.object({
  id: webhookId,
  url: url.optional(),
  description: description.optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
});

export const webhookIdInput = z.object({ id: webhookId });

export const webhookTestResult = z.object({
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
});

export const deliveryListInput = z.object({
  webhookId: webhookId.nullish(),
  status: deliveryStatus.nullish(),
  eventType: z.string().max(50).nullish(),
  // Each delivery carries its payload and every attempt: pages stay small.
  limit: z.number().int().min(1).max(50).default(25),
  cursor: z.number().int().positive().nullish(),
});

export const deliveryPage = z.object({ items: z.array(webhookDelivery), nextCursor: z.number().nullable() });

/** One of the two: a delivery, or an endpoint's failed deliveries (the service says so when both or neither). */
export const replayInput = z.object({
  deliveryId: z.string().min(1).max(100).optional().describe('Send this delivery again'),
  webhookId: webhookId.optional().describe("Send this endpoint's failed deliveries again"),
});

export const webhookStreamInput = z
  .object({
    webhookId: webhookId.nullish().describe("One endpoint's deliveries"),
    sessionId: sessionId.nullish().describe("The deliveries of one account's endpoints"),
  })
  .optional();

/** A delivery as it is now (queued, attempted, queued again), with its endpoint's health after it. */
export const webhookUpdate = z.object({ webhook, delivery: webhookDelivery });

/** An endpoint was added, changed, turned off or on, or removed (by anyone): read it again if it matters. */
export const endpointChangeUpdate = z.object({
  endpoint: z.object({ id: z.string(), accountId: z.string().nullable() }),
});

/** What `webhooks.onUpdate` streams: a delivery with its endpoint's health, or an endpoint's change. */
export const webhookStreamUpdate = z.union([webhookUpdate, endpointChangeUpdate]);

export const replayResult = z.object({ replayed: z.number() });
