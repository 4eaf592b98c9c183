import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Db, serverSecrets } from '@switchboard/db';
import { eq } from 'drizzle-orm';

const SECRET_NAME = 'media-links';

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Download links that work without a sign-in for a limited time, for webhook receivers: the media id and
 * an expiry, signed with HMAC-SHA256 under a secret the server generates once and keeps in its database.
 * A link names one file and stops working when it expires, or when the file's row (or its account) is gone.
 */
export class MediaLinks {
  #secret: Buffer | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { ttlMs: number; publicUrl: () => string },
  ) {}

  /** An absolute link to the file, valid for the configured time from `now`. */
  sign(mediaId: string, now = Date.now()): { url: string; expiresAt: number } {
    const expires = Math.ceil((now + this.options.ttlMs) / 1000);
    const query = new URLSearchParams({ expires: String(expires), signature: this.#mac(mediaId, expires) });
    const base = this.options.publicUrl().replace(/\/+$/, '');
    return { url: `${base}/api/v1/media/${encodeURIComponent(mediaId)}?${query}`, expiresAt: expires * 1000 };
  }

  check(mediaId: string, expires: string, signature: string, now = Date.now()): LinkCheck {
    if (!/^\d{1,12}$/.test(expires)) return 'invalid';
    const expected = Buffer.from(this.#mac(mediaId, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 <= now ? 'expired' : 'valid';
  }

  #mac(mediaId: string, expires: number): string {
    return createHmac('sha256', this.#key()).update(`${mediaId}\n${expires}`).digest('base64url');
  }

  /** Created on first use; a concurrent first use by another process keeps whichever was stored first. */
  #key(): Buffer {
    if (this.#secret) return this.#secret;
    this.db
      .insert(serverSecrets)
      .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64') })
      .onConflictDoNothing()
      .run();
    const row = this.db.select().from(serverSecrets).where(eq(serverSecrets.name, SECRET_NAME)).get();
    if (!row) throw new Error('The media link secret could not be stored');
    this.#secret = Buffer.from(row.value, 'base64');
    return this.#secret;
  }
}
