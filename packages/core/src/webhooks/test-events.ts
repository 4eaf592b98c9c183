import { accounts, type Db, type Webhook } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { AppError } from '../errors.ts';
import { buildPayload, newDeliveryId } from '../outbox/webhook-events.ts';
import { excerptFor, postWebhook, succeeded } from './http-post.ts';
import { signedHeaders } from './signing.ts';
import { type PrivateTargetRules, targetPolicy } from './target-policy.ts';

/** Test events one user may send per minute: each is a request to wherever the endpoint points. */
export const TEST_EVENTS_PER_MINUTE = 10;

export interface TestResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** `webhook.test` events, sent at once (not through the outbox), a few a minute per user. */
export class TestEvents {
  readonly #perUser = new RateLimiter({ limit: TEST_EVENTS_PER_MINUTE, windowMs: 60_000 });

  constructor(
    private readonly db: Db,
    private readonly config: PrivateTargetRules & { timeoutMs: number },
  ) {}

  /**
   * Sends one to an endpoint the actor may manage and reports what it answered — without the body to anyone
   * but admins when a private or loopback address answered.
   */
  async send(actor: Actor, endpoint: Webhook): Promise<TestResult> {
    const limit = this.#perUser.check(actor.id);
    if (!limit.allowed) {
      const seconds = limit.retryAfterSeconds;
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `Too many test events (at most ${TEST_EVENTS_PER_MINUTE} a minute). Try again in ${seconds} s.`,
        { retryAfterSeconds: seconds },
      );
    }
    this.#perUser.hit(actor.id);
    const phone = endpoint.accountId
      ? (this.db
          .select({ phone: accounts.phone })
          .from(accounts)
          .where(eq(accounts.id, endpoint.accountId))
          .get()?.phone ?? null)
      : null;
    const payload = buildPayload('webhook.test', {
      accountId: endpoint.accountId,
      accountPhone: phone,
      at: Date.now(),
      data: { webhookId: endpoint.id, message: 'This is a test event from Switchboard' },
    });
    const body = JSON.stringify(payload);
    const result = await postWebhook(endpoint.url, body, signedHeaders(endpoint, newDeliveryId(), body), {
      timeoutMs: this.config.timeoutMs,
      policy: targetPolicy(this.config, endpoint.urlSetByAdmin),
    });
    const ok = succeeded(result);
    return {
      ok,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      error: result.error ?? (ok ? null : `The endpoint answered ${result.statusCode}`),
      responseExcerpt: excerptFor(actor, result),
    };
  }
}
