/** Webhook endpoints, the deliveries queued for them, and every attempt. */
import { DELIVERY_STATUSES, type WebhookEvent } from '@switchboard/validators';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';
import { createdAt, timestamp } from './columns.ts';

/**
 * A webhook endpoint: per account, or global (`accountId` null, admins only) for every account's events.
 * During a secret rotation the previous secret keeps signing until `previousSecretExpiresAt`.
 */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at'),
    events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Why the server turned it off (e.g. the endpoint answered 410 Gone). */
    disabledReason: text('disabled_reason'),
    /** The URL was set by an admin, which is what lets it reach private and loopback addresses. */
    urlSetByAdmin: integer('url_set_by_admin', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('webhooks_account_idx').on(t.accountId)],
);

/**
 * One event for one endpoint (the outbox). Written in the same transaction as the change it reports;
 * `seq` orders deliveries per endpoint.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** Sent as `webhook-id`: the same on every retry, so receivers can drop duplicates. */
    id: text('id').notNull().unique(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    accountId: text('account_id'),
    /** The exact JSON body, so every retry sends the same bytes. */
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lastAttemptAt: timestamp('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_webhook_status_idx').on(t.webhookId, t.status, t.seq),
    index('webhook_deliveries_status_idx').on(t.status),
  ],
);

/** Every delivery attempt, for the operator to see what the endpoint answered. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    /** The start of the response body, capped (1 KiB). */
    responseExcerpt: text('response_excerpt'),
    /** The answer came from a private or loopback address: its excerpt is shown to admins only. */
    privateTarget: integer('private_target', { mode: 'boolean' }).notNull().default(false),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
