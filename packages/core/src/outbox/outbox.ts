import { accounts, type Db, webhookDeliveries, webhooks } from '@switchboard/db';
import type { WebhookEvent } from '@switchboard/validators';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { buildPayload, newDeliveryId, type WebhookEventData } from './webhook-events.ts';

/**
 * The transactional outbox: `enqueue` writes one delivery row per matching enabled endpoint. Callers run it
 * inside the transaction of the change it reports, so the change and its deliveries commit (or roll back)
 * together — a crash can neither lose a delivery nor invent one.
 */
export class WebhookOutbox {
  readonly #listeners = new Set<() => void>();

  constructor(private readonly db: Db) {}

  /** Called (after the current transaction has committed) whenever deliveries were added. */
  onEnqueue(listener: () => void): () => void {
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
    data: WebhookEventData<T>;
    at?: number;
  }): number {
    const owners = event.accountIds ?? (event.accountId ? [event.accountId] : []);
    const endpoints = this.db
      .select()
      .from(webhooks)
      .where(
        and(
          eq(webhooks.enabled, true),
          owners.length > 0
            ? or(inArray(webhooks.accountId, [...owners]), isNull(webhooks.accountId))
            : isNull(webhooks.accountId),
        ),
      )
      .all()
      .filter((w) => w.events.includes(event.type));
    if (endpoints.length === 0) return 0;
    const now = event.at ?? Date.now();
    const accountId = event.accountId;
    const accountPhone =
      event.accountPhone !== undefined
        ? event.accountPhone
        : accountId === null
          ? null
          : (this.db.select({ phone: accounts.phone }).from(accounts).where(eq(accounts.id, accountId)).get()
              ?.phone ?? null);
    const payload = buildPayload(event.type, {
      accountId,
      accountPhone,
      at: now,
      data: event.data,
    });
    const body = JSON.stringify(payload);
    this.db
      .insert(webhookDeliveries)
      .values(
        endpoints.map((w) => ({
          id: newDeliveryId(),
          webhookId: w.id,
          eventId: payload.id,
          eventType: event.type,
          accountId,
          payload: body,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .run();
    // After the synchronous transaction around us has committed (or rolled back: then there is nothing new).
    setImmediate(() => {
      for (const listener of this.#listeners) listener();
    });
    return endpoints.length;
  }
}
