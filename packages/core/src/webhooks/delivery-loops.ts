import { type Db, type Webhook, type WebhookDelivery, webhookDeliveries } from '@switchboard/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Logger } from '../logger.ts';
import { direct, perDatabase } from '../prepared.ts';
import { EndpointTargets } from './endpoint-targets.ts';
import { postTo, refusedPost, succeeded } from './http-post.ts';
import type { Outcome } from './outcomes.ts';
import { signedHeaders } from './signing.ts';
import type { PrivateTargetRules } from './target-policy.ts';

export interface WebhookDispatchConfig extends PrivateTargetRules {
  /** Delay before each retry; a delivery gets 1 + length attempts, then it is `failed`. */
  retryScheduleMs: number[];
  timeoutMs: number;
  /** How many worker threads deliver (`WEBHOOK_THREADS`); 1 when not given. */
  threads?: number;
}

/** ~23 h: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
];

/** How long deliveries wait after the database refused to record one. */
const PAUSE_WHILE_UNWRITABLE_MS = 5_000;

/**
 * How many of an endpoint's deliveries are read at once, in order: one query for a run of them, not one
 * each. They still go out one at a time.
 */
const BATCH = 100;

/**
 * Longest an answered delivery waits to be written down. Answers are recorded together (one transaction
 * for a run of deliveries); a crash before the write only sends those again, with the same `webhook-id`.
 */
const RECORD_WITHIN_MS = 100;

const p = sql.placeholder;

/** An endpoint's next pending deliveries, oldest first, on the per-endpoint index. */
const nextDeliveries = perDatabase((db) =>
  direct<WebhookDelivery>(
    db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.webhookId, p('webhookId')), eq(webhookDeliveries.status, 'pending')))
      .orderBy(asc(webhookDeliveries.seq))
      .limit(BATCH)
      .prepare(),
  ),
);

/** What the loops need from where they run: the endpoints, and a place to write answers down. */
export interface DeliveryLoopsHost {
  /** Reads the pending deliveries (a connection of its own when the loops run in a worker thread). */
  db: Db;
  endpoints: { byId(id: string): Webhook | undefined };
  /**
   * Writes an endpoint's answers down; resolves false when the database refused (then they stay pending
   * and deliveries pause). Resolved before the endpoint's next run is read, so nothing is sent twice.
   */
  record(webhookId: string, outcomes: Outcome[]): Promise<boolean>;
  config: WebhookDispatchConfig;
  log: Logger;
}

/**
 * Sends the outbox. Each endpoint has its own loop: one delivery in flight, oldest first, read a run at a
 * time from the endpoint's own index; a delivery that fails ends the run, and the next run starts with it
 * again once it is due, so each endpoint sees its events in order. Endpoints are independent, so a slow one
 * never delays another, and they add up. Connections are kept alive between deliveries. Everything it
 * needs is in the database, so pending deliveries simply resume after a restart (at least once: answers
 * not yet recorded then go out again).
 */
export class DeliveryLoops {
  /** The loop of each endpoint that is delivering. */
  readonly #loops = new Map<string, Promise<void>>();
  /** Endpoints woken while their loop ran: it looks again before it ends. */
  readonly #again = new Set<string>();
  /** Endpoints whose next delivery is due later (a retry), each woken then. */
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Each endpoint URL checked once, with its keep-alive connections. */
  readonly #targets: EndpointTargets;
  #running = true;
  /** One per endpoint loop, so shutdown can cut its request in flight short. */
  readonly #aborts = new Set<AbortController>();
  /** Set when the database refused to record an attempt: nothing is sent before then. */
  #pausedUntil = 0;

  constructor(private readonly host: DeliveryLoopsHost) {
    this.#targets = new EndpointTargets(host.config);
  }

  /** Looks for due deliveries of these endpoints that are not busy already. */
  wake(webhookIds: readonly string[]): void {
    if (!this.#running) return;
    for (const id of webhookIds) {
      if (this.#loops.has(id)) {
        this.#again.add(id);
        continue;
      }
      clearTimeout(this.#timers.get(id));
      this.#timers.delete(id);
      const loop = this.#deliverAll(id)
        .catch((error: unknown) =>
          this.host.log.error('webhook delivery loop failed', { webhook: id, error }),
        )
        .finally(() => this.#loops.delete(id));
      this.#loops.set(id, loop);
    }
  }

  /**
   * Stops sending; a send cut short is not counted and goes out again after the restart. Resolves once
   * every answer that came back is written down.
   */
  async stop(): Promise<void> {
    this.#running = false;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const abort of this.#aborts) abort.abort();
    await Promise.all(this.#loops.values());
    this.#targets.destroy();
  }

  /** Delivers the endpoint's due deliveries, a run at a time in order, until none is due. */
  async #deliverAll(webhookId: string): Promise<void> {
    const next = nextDeliveries(this.host.db);
    const abort = new AbortController();
    this.#aborts.add(abort);
    try {
      while (this.#running) {
        this.#again.delete(webhookId);
        if (!this.host.endpoints.byId(webhookId)?.enabled) return;
        const batch = next.all({ webhookId });
        if (batch.length === 0) {
          // Woken while it looked: look again rather than strand what was just added.
          if (this.#again.has(webhookId)) continue;
          return;
        }
        if (!(await this.#deliverRun(webhookId, batch, abort.signal))) return;
      }
    } finally {
      this.#aborts.delete(abort);
    }
  }

  /**
   * Sends a run of an endpoint's deliveries one after another and records what they got, together. Stops
   * at the first that is not due yet, did not succeed, or whose endpoint is gone or off (what follows is
   * read again, after it, so order holds). True when the endpoint's loop should read on.
   */
  async #deliverRun(webhookId: string, batch: WebhookDelivery[], signal: AbortSignal): Promise<boolean> {
    const answered: Outcome[] = [];
    const writes: Promise<void>[] = [];
    let timer: NodeJS.Timeout | undefined;
    const record = () => {
      clearTimeout(timer);
      timer = undefined;
      if (answered.length === 0) return;
      writes.push(
        this.host.record(webhookId, answered.splice(0)).then((recorded) => {
          // The database refused: the next delivery is not due before the pause ends.
          if (!recorded) this.#pausedUntil = Date.now() + PAUSE_WHILE_UNWRITABLE_MS;
        }),
      );
    };
    try {
      for (const delivery of batch) {
        const endpoint = this.host.endpoints.byId(webhookId);
        if (!endpoint?.enabled) return true;
        const due = Math.max(delivery.nextAttemptAt, this.#pausedUntil);
        if (due > Date.now()) {
          this.#wakeAt(webhookId, due);
          return false;
        }
        const result = await this.#post(delivery, endpoint, signal);
        // Cut short by shutdown: not counted, it goes out again after the restart.
        if (!this.#running) return false;
        if (!result) {
          // It threw (logged): it stays pending and goes out again later, not in a loop.
          this.#wakeAt(webhookId, Math.max(this.#pausedUntil, Date.now() + PAUSE_WHILE_UNWRITABLE_MS));
          return false;
        }
        answered.push({ delivery: { id: delivery.id, attempts: delivery.attempts }, result, at: Date.now() });
        if (!succeeded(result)) return true;
        timer ??= setTimeout(record, RECORD_WITHIN_MS);
      }
      return true;
    } finally {
      record();
      // Written down before the endpoint's next run is read: otherwise that run would send them again.
      await Promise.all(writes);
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

  /** One attempt; undefined when it threw (logged). */
  async #post(delivery: WebhookDelivery, endpoint: Webhook, signal: AbortSignal) {
    try {
      // Checked again on every connection, on the address really connected to: a name can change what it points at.
      const target = this.#targets.for(endpoint.url, endpoint.urlSetByAdmin);
      if ('refused' in target) return refusedPost(target.refused);
      return await postTo(target, delivery.payload, signedHeaders(endpoint, delivery.id, delivery.payload), {
        timeoutMs: this.host.config.timeoutMs,
        signal,
      });
    } catch (error) {
      this.host.log.error('webhook attempt threw', { delivery: delivery.id, error });
      return undefined;
    }
  }
}
