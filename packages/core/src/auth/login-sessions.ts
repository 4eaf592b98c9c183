import { randomBytes } from 'node:crypto';
import { type Db, loginSessions, users } from '@switchboard/db';
import { and, eq, gt, lte } from 'drizzle-orm';
import { type AuthChange, hashToken, loginCredential } from './identity.ts';
import { type PublicUser, publicUserColumns } from './public-user.ts';

export interface LoginSessionOptions {
  ttlMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
  /** Told when sign-ins end, so caches of who is signed in forget them at once. */
  onChange?: (change: AuthChange) => void;
}

export interface LoginClient {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedLogin {
  /** Goes into the cookie; never stored. */
  token: string;
  /** Milliseconds since epoch, like every timestamp in the database. */
  expiresAt: number;
}

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. Anything else cannot be ours, so it skips the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** User-Agent is client-controlled; it is shown in a list, not worth kilobytes per row. */
const USER_AGENT_MAX_LENGTH = 512;

export class LoginSessionService {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly onChange: (change: AuthChange) => void;

  constructor(
    private readonly db: Db,
    options: LoginSessionOptions,
  ) {
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
      throw new Error(`Login session ttlMs must be a positive number, got ${options.ttlMs}`);
    }
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => {});
  }

  create(userId: string, client: LoginClient = {}): IssuedLogin {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttlMs;
    this.db
      .insert(loginSessions)
      .values({
        tokenHash: hashToken(token),
        userId,
        createdAt,
        expiresAt,
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
      })
      .run();
    return { token, expiresAt };
  }

  /** The signed-in user, or null for an unknown, revoked or expired token (expired rows are removed). */
  resolve(token: string): PublicUser | null {
    return this.lookup(token)?.user ?? null;
  }

  /** Like `resolve`, with when the sign-in expires. */
  lookup(token: string): { user: PublicUser; expiresAt: number } | null {
    if (!TOKEN_SHAPE.test(token)) return null;
    const tokenHash = hashToken(token);
    const row = this.db
      .select({ expiresAt: loginSessions.expiresAt, user: publicUserColumns })
      .from(loginSessions)
      .innerJoin(users, eq(users.id, loginSessions.userId))
      .where(eq(loginSessions.tokenHash, tokenHash))
      .get();
    if (!row) return null;
    if (row.expiresAt <= this.now()) {
      this.db.delete(loginSessions).where(eq(loginSessions.tokenHash, tokenHash)).run();
      return null;
    }
    return row;
  }

  revoke(token: string): void {
    if (!TOKEN_SHAPE.test(token)) return;
    const credential = loginCredential(token);
    this.db.delete(loginSessions).where(eq(loginSessions.tokenHash, credential.hash)).run();
    this.onChange({ credentialKey: credential.key });
  }

  /** Returns how many sessions were ended. */
  revokeAllForUser(userId: string): number {
    const ended = this.db.delete(loginSessions).where(eq(loginSessions.userId, userId)).run().changes;
    this.onChange({ userId });
    return ended;
  }

  /** Whether the user with this (canonical) email holds a live sign-in made from `ip`. */
  signedInFrom(email: string, ip: string): boolean {
    const row = this.db
      .select({ userId: loginSessions.userId })
      .from(loginSessions)
      .innerJoin(users, eq(users.id, loginSessions.userId))
      .where(and(eq(users.email, email), eq(loginSessions.ip, ip), gt(loginSessions.expiresAt, this.now())))
      .get();
    return row !== undefined;
  }

  /** Expired rows are harmless (resolve refuses them) but would pile up; call this periodically. */
  purgeExpired(): number {
    return this.db.delete(loginSessions).where(lte(loginSessions.expiresAt, this.now())).run().changes;
  }
}
