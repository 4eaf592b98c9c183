import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type ApiKey, apiKeys, type Db, users } from '@switchboard/db';
import {
  API_KEY_MAX_LIFETIME_DAYS,
  API_KEY_PREFIX,
  API_KEY_SHAPE,
  API_KEY_VISIBLE_LENGTH,
  type ApiKeyStatus,
  type Scope,
} from '@switchboard/validators';
import { desc, eq } from 'drizzle-orm';
import { type Access, type Actor, isAdmin, type KeyGrant, userActor } from '../access.ts';
import { unwritableReason } from '../database-errors.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { type AuthChange, apiKeyCredentialKey, hashToken } from './identity.ts';
import { type PublicUser, publicUserColumns } from './public-user.ts';
import { RateLimiter } from './rate-limit.ts';

export interface ApiKeyServiceOptions {
  /** Requests one key may make per minute; past it, TOO_MANY_REQUESTS with the wait. */
  requestsPerMinute: number;
  /** Told when a key is revoked, so caches of who may do what forget it at once. */
  onChange?: (change: AuthChange) => void;
  /** Injectable clock for tests. */
  now?: () => number;
}

/** A key as its owner (and admins) see it: everything but the secret, which nobody sees twice. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `sbk_` and the first characters of the key, to tell keys apart. */
  prefix: string;
  scopes: Scope[];
  accountIds: string[] | null;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdAt: number;
  status: ApiKeyStatus;
  owner: { id: string; name: string; email: string };
}

export interface CreateApiKeyInput {
  name: string;
  scopes: readonly Scope[];
  /** Restrict the key to these accounts (each one its owner sees); null for every account the owner sees. */
  accountIds: readonly string[] | null;
  /** When it stops working (ms since epoch); null: never. */
  expiresAt: number | null;
  /** Whose key it is; admins may make keys for anyone. Default: the one asking. */
  userId?: string | undefined;
}

/** What a presented key stands for, as of now. */
export interface KeyIdentity {
  user: PublicUser;
  grant: KeyGrant;
  expiresAt: number;
}

/** "Last used" is written at most this often per key: a busy key costs one write a minute, not one a call. */
const LAST_USED_EVERY_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * API keys: made by signed-in users for themselves (admins for anyone), shown once, stored as SHA-256 and
 * a visible prefix, found by that prefix and compared in constant time. A key acts as its owner as they are
 * now, narrowed to its scopes and accounts.
 */
export class ApiKeyService {
  readonly #limiter: RateLimiter;
  readonly #lastTouched = new Map<string, number>();
  readonly #now: () => number;
  readonly #onChange: (change: AuthChange) => void;

  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly options: ApiKeyServiceOptions,
  ) {
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange ?? (() => {});
    this.#limiter = new RateLimiter({
      limit: options.requestsPerMinute,
      windowMs: 60_000,
      ...(options.now && { now: options.now }),
    });
  }

  /** Makes a key; the returned `secret` is the only time anyone sees it. */
  create(actor: Actor, input: CreateApiKeyInput): { key: ApiKeyView; secret: string } {
    assertSignedIn(actor);
    const owner = this.#owner(actor, input.userId ?? actor.id);
    const name = input.name.trim();
    if (name.length === 0) throw new AppError('BAD_REQUEST', 'Name the key (e.g. "n8n production")');
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) throw new AppError('BAD_REQUEST', 'Give the key at least one scope');
    const accountIds = input.accountIds === null ? null : [...new Set(input.accountIds)];
    if (accountIds) this.#assertOwnerSees(actor, owner, accountIds);
    const now = this.#now();
    if (input.expiresAt !== null) {
      if (input.expiresAt <= now) throw new AppError('BAD_REQUEST', 'The expiry must be in the future');
      if (input.expiresAt > now + API_KEY_MAX_LIFETIME_DAYS * DAY_MS)
        throw new AppError(
          'BAD_REQUEST',
          `A key may live at most ${API_KEY_MAX_LIFETIME_DAYS} days: leave the expiry empty for a key that never expires`,
        );
    }
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = this.db
      .insert(apiKeys)
      .values({
        id: newId(),
        userId: owner.id,
        name,
        prefix: secret.slice(0, API_KEY_VISIBLE_LENGTH),
        hash: hashToken(secret),
        scopes,
        accountIds,
        expiresAt: input.expiresAt,
        createdAt: now,
      })
      .returning()
      .get();
    return { key: this.#view(row, owner), secret };
  }

  /** The actor's own keys, newest first; admins see everyone's (or one user's, with `userId`). */
  list(actor: Actor, input: { userId?: string | null | undefined } = {}): ApiKeyView[] {
    assertSignedIn(actor);
    const userId = isAdmin(actor) ? input.userId : actor.id;
    return this.db
      .select({ key: apiKeys, owner: { id: users.id, name: users.name, email: users.email } })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(userId ? eq(apiKeys.userId, userId) : undefined)
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .all()
      .map(({ key, owner }) => this.#view(key, owner));
  }

  /** The key stops working at once, also on connections that are already open. Revoking twice is harmless. */
  revoke(actor: Actor, id: string): ApiKeyView {
    assertSignedIn(actor);
    const found = this.db
      .select({ key: apiKeys, owner: { id: users.id, name: users.name, email: users.email } })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.id, id))
      .get();
    if (!found || (found.key.userId !== actor.id && !isAdmin(actor)))
      throw new AppError('NOT_FOUND', `API key ${id} not found`);
    const revoked =
      found.key.revokedAt === null
        ? this.db.update(apiKeys).set({ revokedAt: this.#now() }).where(eq(apiKeys.id, id)).returning().get()
        : found.key;
    this.#lastTouched.delete(id);
    this.#onChange({ credentialKey: apiKeyCredentialKey(found.key.hash) });
    return this.#view(revoked, found.owner);
  }

  /**
   * Who a presented key acts for, or null for a key that is malformed, unknown, revoked or expired — all
   * alike. Found by its visible prefix, then the hashes are compared in constant time.
   */
  lookup(secret: string, hash: string): KeyIdentity | null {
    if (!API_KEY_SHAPE.test(secret)) return null;
    const presented = Buffer.from(hash, 'hex');
    const candidates = this.db
      .select({ key: apiKeys, user: publicUserColumns })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.prefix, secret.slice(0, API_KEY_VISIBLE_LENGTH)))
      .all();
    const match = candidates.find(({ key }) => timingSafeEqual(Buffer.from(key.hash, 'hex'), presented));
    if (!match || statusOf(match.key, this.#now()) !== 'active') return null;
    const { key, user } = match;
    return {
      user,
      grant: { id: key.id, scopes: key.scopes, accountIds: key.accountIds },
      expiresAt: key.expiresAt ?? Number.POSITIVE_INFINITY,
    };
  }

  /**
   * Counts one request of the key against its per-minute limit (TOO_MANY_REQUESTS with the wait past it)
   * and notes when it was last used.
   */
  admit(id: string): void {
    const verdict = this.#limiter.check(id);
    if (!verdict.allowed) {
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `This API key made ${this.options.requestsPerMinute} requests in the last minute, its limit: try again in ${verdict.retryAfterSeconds} s`,
        {
          retryAfterSeconds: verdict.retryAfterSeconds,
          reason: 'auth.key_rate_limited',
          params: { seconds: verdict.retryAfterSeconds },
        },
      );
    }
    this.#limiter.hit(id);
    this.#touch(id);
  }

  #touch(id: string): void {
    const now = this.#now();
    const last = this.#lastTouched.get(id);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    // Noted before writing: a database that refuses writes is not asked again on every request.
    this.#lastTouched.set(id, now);
    try {
      this.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id)).run();
    } catch (error) {
      // "Last used" is worth no failed request: a locked or full database only delays it.
      if (!unwritableReason(error)) throw error;
    }
  }

  /** The user a key is made for: the actor, or for admins anyone (NOT_FOUND for others, like a missing one). */
  #owner(actor: Actor, userId: string): PublicUser {
    const owner =
      userId === actor.id || isAdmin(actor)
        ? this.db.select(publicUserColumns).from(users).where(eq(users.id, userId)).get()
        : undefined;
    if (!owner) throw new AppError('NOT_FOUND', `User ${userId} not found`);
    return owner;
  }

  /** A key may be restricted only to accounts its owner sees: it never reaches further than they do. */
  #assertOwnerSees(actor: Actor, owner: PublicUser, accountIds: string[]): void {
    if (accountIds.length === 0)
      throw new AppError('BAD_REQUEST', 'Choose at least one account, or none to allow every account');
    const ownerActor = userActor(owner);
    for (const id of accountIds) {
      if (this.access.visible(ownerActor, id, 'sessions:read')) continue;
      if (owner.id !== actor.id && this.access.visible(actor, id, 'sessions:read'))
        throw new AppError('BAD_REQUEST', `Session ${id} is not one ${owner.email} can see`);
      throw new AppError('NOT_FOUND', `Session ${id} not found`);
    }
  }

  #view(row: ApiKey, owner: ApiKeyView['owner']): ApiKeyView {
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      accountIds: row.accountIds,
      expiresAt: row.expiresAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
      createdAt: row.createdAt,
      status: statusOf(row, this.#now()),
      owner: { id: owner.id, name: owner.name, email: owner.email },
    };
  }
}

function statusOf(row: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: number): ApiKeyStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  return 'active';
}

/**
 * Keys are made, listed and revoked by people who signed in: a key that could make keys could make itself
 * a broader one, or outlive its own revocation.
 */
function assertSignedIn(actor: Actor): void {
  if (actor.key)
    throw new AppError(
      'FORBIDDEN',
      'API keys are managed by a signed-in user: an API key cannot create, list or revoke keys',
    );
}
