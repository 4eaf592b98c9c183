import {
  CAMPAIGN_STATUSES,
  CONVERSATION_STATUSES,
  type Coded,
  DELIVERY_STATUSES,
  ENGINE_NAMES,
  LOCALES,
  MEDIA_ORIGINS,
  MEDIA_TYPES,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageLocation,
  PAUSE_REASONS,
  type Pacing,
  RECIPIENT_STATES,
  type Scope,
  SESSION_HISTORY_TYPES,
  SESSION_STATUSES,
  USER_ROLES,
  type WebhookEvent,
} from '@switchboard/validators';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Milliseconds since epoch; SQLite has no date type and ms keep ordering exact. */
const timestamp = (name: string) => integer(name, { mode: 'number' });
const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  /** The dashboard language the user chose; null until they choose (the browser's language applies). */
  locale: text('locale', { enum: LOCALES }),
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

/**
 * An API key: acts for its user, narrowed to `scopes` and, when set, to `accountIds`. The key itself is shown
 * once; only its SHA-256 and its visible prefix are kept. Revoked keys stay listed (with when they were last
 * used) but never work again.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `sbk_` and the first characters of the secret: how people tell keys apart, and how a key is found. */
    prefix: text('prefix').notNull(),
    /** SHA-256 (hex) of the whole key. */
    hash: text('hash').notNull().unique(),
    scopes: text('scopes', { mode: 'json' }).$type<Scope[]>().notNull(),
    /** The only accounts the key may act on; null for every account its user sees. */
    accountIds: text('account_ids', { mode: 'json' }).$type<string[]>(),
    expiresAt: timestamp('expires_at'),
    /** Written at most once a minute per key. */
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_prefix_idx').on(t.prefix), index('api_keys_user_idx').on(t.userId)],
);

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

/**
 * Someone an account talks to, found or created per account by phone number or by LID (a privacy id
 * WhatsApp names some people by without telling their number).
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Their number's digits, or their LID (`…@lid`) while WhatsApp has not told the number. */
    phone: text('phone').notNull(),
    /** Their LID, when WhatsApp gave it: it names the same person as the number. */
    lid: text('lid'),
    /** From WhatsApp's push name until someone edits it. */
    name: text('name'),
    nameEdited: integer('name_edited', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('contacts_account_phone_idx').on(t.accountId, t.phone),
    uniqueIndex('contacts_account_lid_idx').on(t.accountId, t.lid),
  ],
);

/** One thread per (account, contact): what the inbox lists. */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at').notNull(),
    lastMessagePreview: text('last_message_preview').notNull().default(''),
    /**
     * The user answering it. No foreign key: SQLite cannot add a column with one that clears itself, so
     * deleting the user clears it (`UsersService.delete`).
     */
    assigneeId: text('assignee_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_account_contact_idx').on(t.accountId, t.contactId),
    index('conversations_last_message_idx').on(t.lastMessageAt),
    index('conversations_assignee_idx').on(t.assigneeId),
  ],
);

/**
 * A stored file, once however many uploads and messages use it: content-addressed, its SHA-256 names it
 * under `DATA_DIR/media/`. Its type is what its bytes are, sniffed when it arrived.
 */
export const mediaFiles = sqliteTable('media_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mimetype: text('mimetype').notNull(),
  createdAt: createdAt(),
});

/**
 * One use of a file by an account: an upload, a fetched URL or a received message's file. Deleted with its
 * account or by the retention policy; a file no row uses any more is removed.
 */
export const media = sqliteTable(
  'media',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    sha256: text('sha256')
      .notNull()
      .references(() => mediaFiles.sha256),
    /** The name it came with (shown for documents). */
    filename: text('filename'),
    origin: text('origin', { enum: MEDIA_ORIGINS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('media_account_idx').on(t.accountId),
    index('media_sha256_idx').on(t.sha256),
    index('media_created_idx').on(t.createdAt),
  ],
);

/** What a message says about its file; kept when the file itself is not (too large, expired, removed). */
export interface MessageMedia {
  mimetype: string | null;
  size: number | null;
  filename: string | null;
  sha256: string | null;
  /** Why the file is not (or no longer) stored; null while it is. */
  missing: string | null;
}

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    type: text('type', { enum: MESSAGE_TYPES }).notNull().default('text'),
    /** The other side's phone digits: recipient for out, sender for in. */
    peer: text('peer').notNull(),
    peerName: text('peer_name'),
    /** The text, or a file's caption. */
    body: text('body').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    externalId: text('external_id'),
    error: text('error'),
    errorCoded: text('error_coded', { mode: 'json' }).$type<Coded>(),
    /** The inbox thread it belongs to (set for every message stored since conversations exist). */
    conversationId: text('conversation_id'),
    media: text('media', { mode: 'json' }).$type<MessageMedia>(),
    /** The stored file, while it is kept (cleared before the file's row is deleted). */
    mediaId: text('media_id').references(() => media.id),
    location: text('location', { mode: 'json' }).$type<MessageLocation>(),
    /** Group chat id when the message was posted in a group. */
    groupId: text('group_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt, t.id),
    index('messages_account_created_idx').on(t.accountId, t.createdAt, t.id),
    // The overview's daily counts: each (account, status, day) is one range of this index, counted without
    // reading a row.
    index('messages_account_status_created_idx').on(t.accountId, t.status, t.createdAt),
    uniqueIndex('messages_account_external_idx').on(t.accountId, t.externalId),
    index('messages_media_idx').on(t.mediaId),
  ],
);

/** Labels on a contact ("vip", "newsletter"), lowercase; campaigns pick their audience by them. */
export const contactTags = sqliteTable(
  'contact_tags',
  {
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The contact's account, repeated so an account's tags are found without a join. */
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.tag] }),
    index('contact_tags_account_tag_idx').on(t.accountId, t.tag),
  ],
);

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

/** Secrets the server generates once and keeps (e.g. the key that signs media download links). */
export const serverSecrets = sqliteTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/** The account a user's sends go from when they name no sender. Goes with the user or the account. */
export const defaultAccounts = sqliteTable('default_accounts', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
});

/**
 * A send made with an idempotency key: the same user sending with the same key within 24 hours gets this
 * message back instead of a second one. The primary key makes the second of two racing sends lose.
 */
export const sendIdempotency = sqliteTable(
  'send_idempotency',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of what was asked (sender, recipient, content): the same key for a different message is refused. */
    fingerprint: text('fingerprint').notNull(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('send_idempotency_created_idx').on(t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type SessionEventRow = typeof sessionEvents.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Suppression = typeof suppressions.$inferSelect;
export type SuppressionSource = (typeof SUPPRESSION_SOURCES)[number];
export type Pool = typeof pools.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type CampaignRecipient = typeof campaignRecipients.$inferSelect;
export type Media = typeof media.$inferSelect;
export type MediaFile = typeof mediaFiles.$inferSelect;
