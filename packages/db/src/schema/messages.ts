/** Contacts, conversations, messages and their media files. */
import {
  CONVERSATION_STATUSES,
  type Coded,
  MEDIA_ORIGINS,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageLocation,
} from '@switchboard/validators';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';
import { users } from './auth.ts';
import { createdAt, timestamp } from './columns.ts';

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
    // Partial: a message has no WhatsApp id until it is sent, and most have no file. Entries for those would
    // be written at each send and moved again when the id comes, for no lookup (`= ?` never matches null).
    uniqueIndex('messages_account_external_idx')
      .on(t.accountId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('messages_media_idx').on(t.mediaId).where(sql`${t.mediaId} is not null`),
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

export type Message = typeof messages.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Media = typeof media.$inferSelect;
export type MediaFile = typeof mediaFiles.$inferSelect;
