/** The WhatsApp accounts, what happened to them, and the pools that group them. */
import { type Coded, ENGINE_NAMES, SESSION_HISTORY_TYPES, SESSION_STATUSES } from '@switchboard/validators';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { createdAt, timestamp } from './columns.ts';

/** A WhatsApp account ("session") run by one engine. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    engine: text('engine', { enum: ENGINE_NAMES }).notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('stopped'),
    statusReason: text('status_reason'),
    /** The status reason as a code with its values, for the dashboard to say in the operator's language. */
    statusReasonCoded: text('status_reason_coded', { mode: 'json' }).$type<Coded>(),
    /** Whether the operator wants it running: sessions with true start again on boot. */
    autoStart: integer('auto_start', { mode: 'boolean' }).notNull().default(false),
    phone: text('phone'),
    pushName: text('push_name'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
    statusChangedAt: timestamp('status_changed_at').notNull(),
    lastConnectedAt: timestamp('last_connected_at'),
    /**
     * WhatsApp limits the account from starting chats (error 463, the reach-out limit): why, and until when
     * when WhatsApp said. Not a status: the session stays connected and replies go out.
     */
    limitedReason: text('limited_reason'),
    limitedUntil: timestamp('limited_until'),
    /** The proxy the engine reaches WhatsApp through (WhatsApp Web engine only), as the operator typed it. */
    proxy: text('proxy'),
  },
  (t) => [index('accounts_owner_idx').on(t.ownerId)],
);

/**
 * A session's history, newest last: what happened to it, kept for HISTORY_RETENTION_DAYS and at most
 * HISTORY_MAX_PER_SESSION rows a session. AUTOINCREMENT: ids are never reused after trimming, so a client's
 * last seen id stays a valid place to resume from.
 */
export const sessionEvents = sqliteTable(
  'session_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type', { enum: SESSION_HISTORY_TYPES }).notNull(),
    /** The status it went to, for `status` rows. */
    status: text('status', { enum: SESSION_STATUSES }),
    /** The reason, the limit's wording, a failed send's recipient and error. */
    detail: text('detail'),
    detailCoded: text('detail_coded', { mode: 'json' }).$type<Coded>(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('session_events_account_idx').on(t.accountId, t.id), index('session_events_at_idx').on(t.at)],
);

/** Since when an account has its current number: the warm-up cap grows with it. */
export const accountLinks = sqliteTable('account_links', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  linkedAt: timestamp('linked_at').notNull(),
});

/** A named group of accounts that sends and campaigns can spread over. */
export const pools = sqliteTable(
  'pools',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('pools_owner_idx').on(t.ownerId)],
);

export const poolAccounts = sqliteTable(
  'pool_accounts',
  {
    poolId: text('pool_id')
      .notNull()
      .references(() => pools.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.poolId, t.accountId] }),
    index('pool_accounts_account_idx').on(t.accountId),
  ],
);

/** Which of a pool's accounts a number first heard from: it keeps hearing from that one while it is up. */
export const poolContacts = sqliteTable(
  'pool_contacts',
  {
    poolId: text('pool_id')
      .notNull()
      .references(() => pools.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.phone] })],
);

/** The account a user's sends go from when they name no sender. Goes with the user or the account. */
export const defaultAccounts = sqliteTable('default_accounts', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
});

export type Account = typeof accounts.$inferSelect;
export type SessionEventRow = typeof sessionEvents.$inferSelect;
export type Pool = typeof pools.$inferSelect;
