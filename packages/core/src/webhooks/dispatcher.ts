import { type Db, type WebhookDelivery, webhookAttempts, webhookDeliveries, webhooks } from '@switchboard/db';
import { and, eq, min } from 'drizzle-orm';
import { unwritableReason } from '../database-errors.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { type PostResult, postWebhook } from './http-post.ts';
import { signedHeaders } from './signing.ts';
import { type PrivateTargetRules, targetPolicy } from './target-policy.ts';

export interface WebhookDispatchConfig extends PrivateTargetRules {
  /** Delay before each retry; a delivery gets 1 + length attempts, then it is `failed`. */
  retryScheduleMs: number[];
  timeoutMs: number;
}

/** ~23 h: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
];

/** How long deliveries wait after the database refused to record one. */
const PAUSE_WHILE_UNWRITABLE_MS = 5_000;

/** ±20 % so endpoints that failed together are not all retried in the same instant. */
export const jittered = (ms: number, random = Math.random) => Math.round(ms * (0.8 + 0.4 * random()));

/**
 * Sends the outbox. One delivery in flight per endpoint, oldest first, and the next one waits until the
 * previous is delivered or finally failed, so each endpoint sees its events in order; endpoints are
 * independent, so a slow one never delays another. Everything it needs is in the database, so pending
 * deliveries simply resume after a restart.
 */
export class WebhookDispatcher implements BackgroundService {
  readonly name = 'webhook dispatcher';
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #pumpQueued = false;
  #running = false;
  /** One per request in flight, so shutdown can cut each short (one shared signal would collect a listener per endpoint). */
  readonly #aborts = new Set<AbortController>();
  /** Set when the database refused to record an attempt: nothing is sent before then. */
  #pausedUntil = 0;

  constructor(
    private readonly db: Db,
    outbox: WebhookOutbox,
    private readonly config: WebhookDispatchConfig,
    private readonly log: Logger,
  ) {
    outbox.onEnqueue(() => this.wake());
  }

  start(): void {
    this.#running = true;
    this.wake();
  }

  /** Looks for due deliveries soon (coalesced). */
  wake(): void {
    if (!this.#running || this.#pumpQueued) return;
    this.#pumpQueued = true;
    setImmediate(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  /** Stops sending; a send cut short is not counted and goes out again after the restart. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    for (const abort of this.#aborts) abort.abort();
    await Promise.all(this.#inFlight.values());
  }

  #pump(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    const paused = this.#pausedUntil - Date.now();
    if (paused > 0) {
      this.#timer = setTimeout(() => this.wake(), paused);
      this.#timer.unref();
      return;
    }
    const heads = this.db
      .select({ webhookId: webhookDeliveries.webhookId, seq: min(webhookDeliveries.seq) })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'pending'))
      .groupBy(webhookDeliveries.webhookId)
      .all();
    const now = Date.now();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const head of heads) {
      if (head.seq === null || this.#inFlight.has(head.webhookId)) continue;
      const endpoint = this.db.select().from(webhooks).where(eq(webhooks.id, head.webhookId)).get();
      if (!endpoint?.enabled) continue;
      const delivery = this.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.seq, head.seq))
        .get();
      if (!delivery) continue;
      if (delivery.nextAttemptAt > now) {
        nextDue = Math.min(nextDue, delivery.nextAttemptAt);
        continue;
      }
      const run = this.#attempt(delivery).finally(() => {
        this.#inFlight.delete(head.webhookId);
        this.wake();
      });
      this.#inFlight.set(head.webhookId, run);
    }
    if (Number.isFinite(nextDue)) {
      this.#timer = setTimeout(() => this.wake(), Math.max(0, nextDue - Date.now()));
      this.#timer.unref();
    }
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    const endpoint = this.db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId)).get();
    if (!endpoint) return;
    let result: PostResult;
    const abort = new AbortController();
    this.#aborts.add(abort);
    try {
      result = await postWebhook(
        endpoint.url,
        delivery.payload,
        signedHeaders(endpoint, delivery.id, delivery.payload),
        {
          timeoutMs: this.config.timeoutMs,
          // Checked again on every attempt, on the address really connected to: a name can change what it points at.
          policy: targetPolicy(this.config, endpoint.urlSetByAdmin),
          signal: abort.signal,
        },
      );
    } catch (error) {
      this.log.error('webhook attempt threw', { delivery: delivery.id, error });
      return;
    } finally {
      this.#aborts.delete(abort);
    }
    if (!this.#running) return;
    try {
      this.#record(delivery, endpoint.id, result);
    } catch (error) {
      const reason = unwritableReason(error);
      if (!reason) throw error;
      // The delivery stays pending and goes out again, but not in a loop while the database refuses writes.
      this.log.warn('could not record a webhook attempt; pausing deliveries', {
        delivery: delivery.id,
        reason,
      });
      this.#pausedUntil = Date.now() + PAUSE_WHILE_UNWRITABLE_MS;
    }
  }

  /** The attempt, the delivery's new state and (on 410) the endpoint's, in one transaction. */
  #record(delivery: WebhookDelivery, webhookId: string, result: PostResult): void {
    const now = Date.now();
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const attempts = delivery.attempts + 1;
    const retryIn = this.config.retryScheduleMs[attempts - 1];
    const error =
      result.error ??
      (ok ? null : `The endpoint answered ${result.statusCode}${gone ? ' Gone: endpoint disabled' : ''}`);
    const status = ok ? 'delivered' : gone || retryIn === undefined ? 'failed' : 'pending';
    this.db.transaction(() => {
      // The endpoint may have been deleted (its deliveries with it) while this attempt was on the wire.
      const stillThere = this.db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.id, delivery.id))
        .get();
      if (!stillThere) return;
      this.db
        .insert(webhookAttempts)
        .values({
          deliveryId: delivery.id,
          at: now - result.durationMs,
          statusCode: result.statusCode,
          durationMs: result.durationMs,
          responseExcerpt: result.responseExcerpt,
          privateTarget: result.privateTarget,
          error,
        })
        .run();
      this.db
        .update(webhookDeliveries)
        .set({
          status,
          attempts,
          nextAttemptAt: status === 'pending' ? now + jittered(retryIn ?? 0) : now,
          lastAttemptAt: now,
          lastStatusCode: result.statusCode,
          lastError: error,
          updatedAt: now,
        })
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending')))
        .run();
      if (gone) {
        this.db
          .update(webhooks)
          .set({ enabled: false, disabledReason: 'The endpoint answered 410 Gone', updatedAt: now })
          .where(eq(webhooks.id, webhookId))
          .run();
      }
    });
    if (!ok) {
      this.log.warn('webhook delivery failed', {
        delivery: delivery.id,
        webhook: webhookId,
        attempt: attempts,
        error,
        final: status === 'failed',
      });
    }
  }
}
