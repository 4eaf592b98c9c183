import {
  type Db,
  type Webhook,
  type WebhookDelivery,
  webhookAttempts,
  webhookDeliveries,
  webhooks,
} from '@switchboard/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { unwritableReason } from '../database-errors.ts';
import type { EventBus } from '../events.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { WebhookEndpoints } from '../outbox/endpoints.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { perDatabase, transaction } from '../prepared.ts';
import { type PostResult, postWebhook } from './http-post.ts';
import { KeepAliveAgents } from './keep-alive.ts';
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

const p = sql.placeholder;

/** A delivery's statements, prepared once: its endpoint's next one (on the per-endpoint index), and its attempt. */
const statements = perDatabase((db) => ({
  next: db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, p('webhookId')), eq(webhookDeliveries.status, 'pending')))
    .orderBy(asc(webhookDeliveries.seq))
    .limit(1)
    .prepare(),
  exists: db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, p('id')))
    .prepare(),
  attempt: db
    .insert(webhookAttempts)
    .values({
      deliveryId: p('deliveryId'),
      at: p('at'),
      statusCode: p('statusCode'),
      durationMs: p('durationMs'),
      responseExcerpt: p('responseExcerpt'),
      privateTarget: p('privateTarget'),
      error: p('error'),
    })
    .prepare(),
  outcome: db
    .update(webhookDeliveries)
    .set({
      status: sql`${p('status')}`,
      attempts: sql`${p('attempts')}`,
      nextAttemptAt: sql`${p('nextAttemptAt')}`,
      lastAttemptAt: sql`${p('now')}`,
      lastStatusCode: sql`${p('statusCode')}`,
      lastError: sql`${p('error')}`,
      updatedAt: sql`${p('now')}`,
    })
    .where(and(eq(webhookDeliveries.id, p('id')), eq(webhookDeliveries.status, 'pending')))
    .prepare(),
}));

/**
 * Sends the outbox. Each endpoint has its own loop: one delivery in flight, oldest first, the next read
 * from the endpoint's own index once the previous is delivered or finally failed, so each endpoint sees
 * its events in order; endpoints are independent, so a slow one never delays another, and they add up.
 * Connections are kept alive between deliveries. Everything it needs is in the database, so pending
 * deliveries simply resume after a restart.
 */
export class WebhookDispatcher implements BackgroundService {
  readonly name = 'webhook dispatcher';
  /** The loop of each endpoint that is delivering. */
  readonly #loops = new Map<string, Promise<void>>();
  /** Endpoints woken while their loop ran: it looks again before it ends. */
  readonly #again = new Set<string>();
  /** Endpoints whose next delivery is due later (a retry), each woken then. */
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #agents = new KeepAliveAgents();
  readonly #endpoints: WebhookEndpoints;
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
    /**
     * Told when an endpoint is turned off (it answered 410), so caches of endpoints forget it, and of each
     * attempt recorded, for whoever watches deliveries live.
     */
    private readonly bus: EventBus,
  ) {
    this.#endpoints = outbox.endpoints;
    outbox.onEnqueue((webhookIds) => this.wake(webhookIds));
  }

  start(): void {
    this.#running = true;
    this.wake();
  }

  /** Looks for due deliveries of these endpoints (by default every enabled one) that are not busy already. */
  wake(webhookIds?: readonly string[]): void {
    if (!this.#running) return;
    for (const id of webhookIds ?? this.#endpoints.enabled().map((w) => w.id)) {
      if (this.#loops.has(id)) {
        this.#again.add(id);
        continue;
      }
      clearTimeout(this.#timers.get(id));
      this.#timers.delete(id);
      const loop = this.#deliverAll(id)
        .catch((error: unknown) => this.log.error('webhook delivery loop failed', { webhook: id, error }))
        .finally(() => this.#loops.delete(id));
      this.#loops.set(id, loop);
    }
  }

  /** Stops sending; a send cut short is not counted and goes out again after the restart. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const abort of this.#aborts) abort.abort();
    await Promise.all(this.#loops.values());
    this.#agents.destroy();
  }

  /** Delivers the endpoint's due deliveries one after another, until none is due. */
  async #deliverAll(webhookId: string): Promise<void> {
    const next = statements(this.db).next;
    while (this.#running) {
      this.#again.delete(webhookId);
      const endpoint = this.#endpoints.byId(webhookId);
      if (!endpoint?.enabled) return;
      const delivery = next.get({ webhookId });
      if (!delivery) {
        // Woken while it looked: look again rather than strand what was just added.
        if (this.#again.has(webhookId)) continue;
        return;
      }
      const due = Math.max(delivery.nextAttemptAt, this.#pausedUntil);
      if (due > Date.now()) {
        this.#wakeAt(webhookId, due);
        return;
      }
      if (!(await this.#attempt(delivery, endpoint))) {
        // Not recorded: it stays pending and goes out again later, not in a loop.
        this.#wakeAt(webhookId, Math.max(this.#pausedUntil, Date.now() + PAUSE_WHILE_UNWRITABLE_MS));
        return;
      }
    }
  }

  #wakeAt(webhookId: string, at: number): void {
    clearTimeout(this.#timers.get(webhookId));
    const timer = setTimeout(() => {
      this.#timers.delete(webhookId);
      this.wake([webhookId]);
    }, at - Date.now());
    timer.unref();
    this.#timers.set(webhookId, timer);
  }

  /** One attempt, recorded; false when it could not be (the server is stopping, or the database refused). */
  async #attempt(delivery: WebhookDelivery, endpoint: Webhook): Promise<boolean> {
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
          // Checked again on every connection, on the address really connected to: a name can change what it points at.
          policy: targetPolicy(this.config, endpoint.urlSetByAdmin),
          signal: abort.signal,
          agent: this.#agents.for(endpoint.url, endpoint.urlSetByAdmin),
        },
      );
    } catch (error) {
      this.log.error('webhook attempt threw', { delivery: delivery.id, error });
      return false;
    } finally {
      this.#aborts.delete(abort);
    }
    if (!this.#running) return false;
    try {
      this.#record(delivery, endpoint.id, result);
      return true;
    } catch (error) {
      const reason = unwritableReason(error);
      if (!reason) throw error;
      // The delivery stays pending and goes out again, but not in a loop while the database refuses writes.
      this.log.warn('could not record a webhook attempt; pausing deliveries', {
        delivery: delivery.id,
        reason,
      });
      this.#pausedUntil = Date.now() + PAUSE_WHILE_UNWRITABLE_MS;
      return false;
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
    const { exists, attempt, outcome } = statements(this.db);
    transaction(this.db, () => {
      // The endpoint may have been deleted (its deliveries with it) while this attempt was on the wire.
      if (!exists.get({ id: delivery.id })) return;
      attempt.run({
        deliveryId: delivery.id,
        at: now - result.durationMs,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        responseExcerpt: result.responseExcerpt,
        privateTarget: result.privateTarget,
        error,
      });
      outcome.run({
        id: delivery.id,
        status,
        attempts,
        nextAttemptAt: status === 'pending' ? now + jittered(retryIn ?? 0) : now,
        now,
        statusCode: result.statusCode,
        error,
      });
      if (gone) {
        this.db
          .update(webhooks)
          .set({ enabled: false, disabledReason: 'The endpoint answered 410 Gone', updatedAt: now })
          .where(eq(webhooks.id, webhookId))
          .run();
      }
    });
    if (gone) this.bus.publishWebhooksChange();
    this.bus.publishDelivery({ webhookId, deliveryId: delivery.id });
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
