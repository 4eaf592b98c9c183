import { randomUUID } from 'node:crypto';
import { accounts, type Db, webhookDeliveries, webhooks } from '@switchboard/db';
import type { WebhookEvent } from '@switchboard/validators';
import { and, eq, isNull, or } from 'drizzle-orm';

/** What every webhook body looks like; `data` depends on `type`. */
export interface WebhookPayload {
  /** Unique per event (the same for every endpoint that gets it). */
  id: string;
  type: WebhookEvent | 'webhook.test';
  /** ISO 8601, when the event happened. */
  timestamp: string;
  accountId: string | null;
  accountPhone: string | null;
  data: Record<string, unknown>;
}

export const newEventId = () => `evt_${randomUUID().replaceAll('-', '')}`;
export const newDeliveryId = () => `msg_${randomUUID().replaceAll('-', '')}`;

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
  enqueue(event: {
    type: WebhookEvent;
    accountId: string;
    /** The account's number; looked up when not given. */
    accountPhone?: string | null;
    data: Record<string, unknown>;
    at?: number;
  }): number {
    const endpoints = this.db
      .select()
      .from(webhooks)
      .where(
        and(
          eq(webhooks.enabled, true),
          or(eq(webhooks.accountId, event.accountId), isNull(webhooks.accountId)),
        ),
      )
      .all()
      .filter((w) => w.events.includes(event.type));
    if (endpoints.length === 0) return 0;
    const now = event.at ?? Date.now();
    const accountPhone =
      event.accountPhone !== undefined
        ? event.accountPhone
        : (this.db
            .select({ phone: accounts.phone })
            .from(accounts)
            .where(eq(accounts.id, event.accountId))
            .get()?.phone ?? null);
    const payload: WebhookPayload = {
      id: newEventId(),
      type: event.type,
      timestamp: new Date(now).toISOString(),
      accountId: event.accountId,
      accountPhone,
      data: event.data,
    };
    const body = JSON.stringify(payload);
    this.db
      .insert(webhookDeliveries)
      .values(
        endpoints.map((w) => ({
          id: newDeliveryId(),
          webhookId: w.id,
          eventId: payload.id,
          eventType: event.type,
          accountId: event.accountId,
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
