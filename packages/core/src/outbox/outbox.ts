import { type Db, webhookDeliveries } from '@switchboard/db';
import type { WebhookEvent } from '@switchboard/validators';
import { sql } from 'drizzle-orm';
import { accountById } from '../account-rows.ts';
import type { DeliveryChange, EventBus } from '../events.ts';
import { perDatabase } from '../prepared.ts';
import { WebhookEndpoints } from './endpoints.ts';
import { buildPayload, newDeliveryId, type WebhookEventData } from './webhook-events.ts';

const p = sql.placeholder;

const statements = perDatabase((db) => ({
  insert: db
    .insert(webhookDeliveries)
    .values({
      id: p('id'),
      webhookId: p('webhookId'),
      eventId: p('eventId'),
      eventType: p('eventType'),
      accountId: p('accountId'),
      payload: p('payload'),
      nextAttemptAt: p('at'),
      createdAt: p('at'),
      updatedAt: p('at'),
    })
    .prepare(),
}));

/**
 * The transactional outbox: `enqueue` writes one delivery row per matching enabled endpoint. Callers run it
 * inside the transaction of the change it reports, so the change and its deliveries commit (or roll back)
 * together — a crash can neither lose a delivery nor invent one.
 */
export class WebhookOutbox {
  readonly #listeners = new Set<(webhookIds: string[]) => void>();
  /** Which endpoints want what, in memory (invalidated over the bus): no query when none does. */
  readonly endpoints: WebhookEndpoints;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {
    this.endpoints = new WebhookEndpoints(db, bus);
  }

  /** Called (after the current transaction has committed) with the endpoints that got new deliveries. */
  onEnqueue(listener: (webhookIds: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Synchronous, so it runs inside the caller's better-sqlite3 transaction. Returns the deliveries added. */
  enqueue<T extends WebhookEvent>(event: {
    type: T;
    /** The account the event is about; null for one about several (a pool's campaign, see `accountIds`). */
    accountId: string | null;
    /** The accounts whose endpoints get it, when not only `accountId`'s; global endpoints always do. */
    accountIds?: readonly string[];
    /** The account's number; looked up when not given. */
    accountPhone?: string | null;
    /** Or what builds it, called only when an endpoint wants the event (most changes go to none). */
    data: WebhookEventData<T> | (() => WebhookEventData<T>);
    at?: number;
  }): number {
    const owners = event.accountIds ?? (event.accountId ? [event.accountId] : []);
    const endpoints = this.endpoints.for(owners, event.type);
    if (endpoints.length === 0) return 0;
    const now = event.at ?? Date.now();
    const accountId = event.accountId;
    const accountPhone =
      event.accountPhone !== undefined
        ? event.accountPhone
        : accountId === null
          ? null
          : (accountById(this.db)(accountId)?.phone ?? null);
    const payload = buildPayload(event.type, {
      accountId,
      accountPhone,
      at: now,
      data: typeof event.data === 'function' ? event.data() : event.data,
    });
    const body = JSON.stringify(payload);
    const insert = statements(this.db).insert;
    // Only gathered while a dashboard watches deliveries live.
    const added: DeliveryChange[] | null = this.bus.watchingDeliveries ? [] : null;
    for (const w of endpoints) {
      const id = newDeliveryId();
      insert.run({
        id,
        webhookId: w.id,
        eventId: payload.id,
        eventType: event.type,
        accountId,
        payload: body,
        at: now,
      });
      added?.push({ webhookId: w.id, deliveryId: id });
    }
    const ids = endpoints.map((w) => w.id);
    // After the synchronous transaction around us has committed (or rolled back: then there is nothing new).
    setImmediate(() => {
      for (const listener of this.#listeners) listener(ids);
      // A rolled-back delivery is not found by its watchers, who skip it.
      if (added) for (const change of added) this.bus.publishDelivery(change);
    });
    return endpoints.length;
  }
}
