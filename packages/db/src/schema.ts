import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Milliseconds since epoch; SQLite has no date type and ms keep ordering exact. */
const timestamp = (name: string) => integer(name, { mode: 'number' });
const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const USER_ROLES = ['admin', 'operator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** A browser login. The cookie holds a random token; only its SHA-256 is stored here. */
export const loginSessions = sqliteTable(
  'login_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('login_sessions_user_idx').on(t.userId)],
);

export const SESSION_STATUSES = [
  'stopped',
  'starting',
  'qr',
  'authenticating',
  'connected',
  'reconnecting',
  'logged_out',
  'failed',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A WhatsApp account ("session") run by one engine. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    engine: text('engine').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('stopped'),
    statusReason: text('status_reason'),
    /** Whether the operator wants it running: sessions with true start again on boot. */
    autoStart: integer('auto_start', { mode: 'boolean' }).notNull().default(false),
    phone: text('phone'),
    pushName: text('push_name'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
    statusChangedAt: timestamp('status_changed_at').notNull(),
    lastConnectedAt: timestamp('last_connected_at'),
  },
  (t) => [index('accounts_owner_idx').on(t.ownerId)],
);

export const WEBHOOK_EVENTS = [
  'message.received',
  'message.sent',
  'message.status',
  'session.status',
  'session.qr',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('webhooks_account_idx').on(t.accountId)],
);

export const MESSAGE_DIRECTIONS = ['out', 'in'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    /** The other side's phone digits: recipient for out, sender for in. */
    peer: text('peer').notNull(),
    peerName: text('peer_name'),
    body: text('body').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    externalId: text('external_id'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('messages_account_created_idx').on(t.accountId, t.createdAt, t.id),
    uniqueIndex('messages_account_external_idx').on(t.accountId, t.externalId),
  ],
);

export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type Message = typeof messages.$inferSelect;
