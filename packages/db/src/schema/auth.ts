/** Who signs in: users, their browser logins and API keys, and the server's own secrets. */
import { LOCALES, type Scope, USER_ROLES } from '@switchboard/validators';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, timestamp } from './columns.ts';

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

/** Secrets the server generates once and keeps (e.g. the key that signs media download links). */
export const serverSecrets = sqliteTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
