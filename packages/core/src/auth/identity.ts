import { createHash } from 'node:crypto';
import type { Actor } from '../access.ts';
import type { PublicUser } from './public-user.ts';

/**
 * Login tokens are 256 random bits, so a plain SHA-256 is enough (no salt or slow hash needed): a leaked
 * database row cannot be turned back into a working cookie.
 */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * What a request presents to say who it is: the login cookie, or an API key. Both are resolved through the
 * same cache and ended through the same change notices.
 */
export interface Credential {
  kind: 'login' | 'key';
  /** The secret as presented; never stored or logged. */
  secret: string;
  /** Its SHA-256, which is what the database keeps. */
  hash: string;
  /** Names the credential in the cache and in change notices without carrying the secret. */
  key: string;
}

export function loginCredential(token: string): Credential {
  const hash = hashToken(token);
  return { kind: 'login', secret: token, hash, key: `login:${hash}` };
}

/** The cache and change-notice name of the API key whose SHA-256 is `hash`. */
export const apiKeyCredentialKey = (hash: string) => `key:${hash}`;

export function apiKeyCredential(secret: string): Credential {
  const hash = hashToken(secret);
  return { kind: 'key', secret, hash, key: apiKeyCredentialKey(hash) };
}

/** Who is asking, as of now. */
export interface Identity {
  user: PublicUser;
  actor: Actor;
  /** When the credential stops working on its own. */
  expiresAt: number;
}

/** Something that changes who may do what: a user changed (role, password, deleted), or a credential ended. */
export type AuthChange = { userId: string } | { credentialKey: string };

export interface IdentityCacheOptions {
  /** Most credentials remembered; past it the longest-remembered are forgotten. */
  maxEntries?: number;
  /**
   * Entries are looked up again after this long even without a change notice: a safety net for changes
   * made behind the services' back (a database edited by hand).
   */
  revalidateMs?: number;
  now?: () => number;
}

/**
 * credential → identity, so that asking "who is this, now?" on every call and every streamed event costs a
 * map lookup instead of a database read. Every change to users and sign-ins is a notice (`forget`) that
 * drops what it affects, so the next question reads the truth again.
 */
export class IdentityCache {
  readonly #entries = new Map<string, { identity: Identity; loadedAt: number }>();
  readonly #maxEntries: number;
  readonly #revalidateMs: number;
  readonly #now: () => number;

  constructor(
    private readonly load: (credential: Credential) => Identity | null,
    options: IdentityCacheOptions = {},
  ) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#revalidateMs = options.revalidateMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  resolve(credential: Credential): Identity | null {
    const now = this.#now();
    const hit = this.#entries.get(credential.key);
    if (hit && hit.identity.expiresAt > now && now - hit.loadedAt < this.#revalidateMs) return hit.identity;
    this.#entries.delete(credential.key);
    const identity = this.load(credential);
    if (identity) {
      this.#entries.set(credential.key, { identity, loadedAt: now });
      for (const oldest of this.#entries.keys()) {
        if (this.#entries.size <= this.#maxEntries) break;
        this.#entries.delete(oldest);
      }
    }
    return identity;
  }

  forget(change: AuthChange): void {
    if ('credentialKey' in change) {
      this.#entries.delete(change.credentialKey);
      return;
    }
    for (const [key, entry] of this.#entries)
      if (entry.identity.user.id === change.userId) this.#entries.delete(key);
  }
}
