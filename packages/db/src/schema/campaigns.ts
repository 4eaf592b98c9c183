/** Campaigns, their recipients, and the opt-out lists they honour. */
import {
  CAMPAIGN_STATUSES,
  type Coded,
  MEDIA_TYPES,
  PAUSE_REASONS,
  type Pacing,
  RECIPIENT_STATES,
} from '@switchboard/validators';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts, pools } from './accounts.ts';
import { users } from './auth.ts';
import { createdAt, timestamp } from './columns.ts';

export const SUPPRESSION_SOURCES = ['stop_word', 'manual', 'import'] as const;

/** An account's opt-out list: numbers its campaigns never message. */
export const suppressions = sqliteTable(
  'suppressions',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    source: text('source', { enum: SUPPRESSION_SOURCES }).notNull(),
    /** The reply that opted them out, or what the operator noted. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.phone] })],
);

/** How an account handles opt-out replies; no row means the default stop words and no confirmation. */
export const optOutSettings = sqliteTable('opt_out_settings', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** Null: the default stop words. */
  stopWords: text('stop_words', { mode: 'json' }).$type<string[]>(),
  /** Sent back to whoever opted out; null sends nothing. */
  confirmation: text('confirmation'),
  updatedAt: timestamp('updated_at').notNull(),
});

/** A message sent to an audience from one account or a pool, paced. Recipients are its rows below. */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The account it sends from, or null when it sends from a pool. */
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    poolId: text('pool_id').references(() => pools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    pauseReason: text('pause_reason', { enum: PAUSE_REASONS }),
    /** What happened and what to do, for people. */
    pauseDetail: text('pause_detail'),
    pauseDetailCoded: text('pause_detail_coded', { mode: 'json' }).$type<Coded>(),
    /** When a pause that ends by itself is expected to end, when known. */
    resumeAt: timestamp('resume_at'),
    /** Up to five wordings; one is picked per recipient. */
    variants: text('variants', { mode: 'json' }).$type<string[]>().notNull(),
    pacing: text('pacing', { mode: 'json' }).$type<Pacing>().notNull(),
    /**
     * The stored file (`media.id`) every recipient gets, with the wording as its caption; kept while the
     * campaign can still send (see MediaRetention). No foreign key: SQLite cannot add one that lets the file's
     * account be deleted, so a file that went with its account is simply not found. Null: text only.
     */
    mediaId: text('media_id'),
    /** What the file is sent as; set with `mediaId`. */
    mediaType: text('media_type', { enum: MEDIA_TYPES }),
    /** Ask WhatsApp whether each number is on it before sending, and skip those that are not. */
    checkNumbers: integer('check_numbers', { mode: 'boolean' }).notNull().default(false),
    /** Failed sends in a row; reset by one that goes out. */
    failureStreak: integer('failure_streak').notNull().default(0),
    scheduledAt: timestamp('scheduled_at'),
    startedAt: timestamp('started_at'),
    completedAt: timestamp('completed_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('campaigns_status_idx').on(t.status),
    index('campaigns_account_idx').on(t.accountId),
    index('campaigns_pool_idx').on(t.poolId),
  ],
);

/**
 * One recipient of a campaign with its own state. Claimed (`sending`) in a transaction of its own before the
 * engine is called, so a crash can never send it twice.
 */
export const campaignRecipients = sqliteTable(
  'campaign_recipients',
  {
    /** Import order, which is also sending order. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    name: text('name'),
    /** Template values by variable key (CSV columns, the contact's name). */
    variables: text('variables', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    state: text('state', { enum: RECIPIENT_STATES }).notNull().default('pending'),
    /** The account that sent it (for pools: the one picked for this number). */
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    messageId: text('message_id'),
    /** Which wording it got (index into the campaign's variants). */
    variant: integer('variant'),
    error: text('error'),
    errorCoded: text('error_coded', { mode: 'json' }).$type<Coded>(),
    /** When it was claimed for sending: what daily caps and gaps count. */
    claimedAt: timestamp('claimed_at'),
    /** It was a first message to someone who never wrote to the account (counts toward that cap). */
    newContact: integer('new_contact', { mode: 'boolean' }),
    repliedAt: timestamp('replied_at'),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('campaign_recipients_campaign_phone_idx').on(t.campaignId, t.phone),
    index('campaign_recipients_campaign_state_idx').on(t.campaignId, t.state, t.id),
    index('campaign_recipients_message_idx').on(t.messageId),
    index('campaign_recipients_account_claimed_idx').on(t.accountId, t.claimedAt),
    index('campaign_recipients_phone_idx').on(t.phone),
  ],
);

export type Suppression = typeof suppressions.$inferSelect;
export type SuppressionSource = (typeof SUPPRESSION_SOURCES)[number];
export type Campaign = typeof campaigns.$inferSelect;
export type CampaignRecipient = typeof campaignRecipients.$inferSelect;
