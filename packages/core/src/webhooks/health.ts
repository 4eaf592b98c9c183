import { type Db, type Webhook, webhookAttempts, webhookDeliveries } from '@switchboard/db';
import { and, count, desc, eq, gt, inArray, max, not, sql } from 'drizzle-orm';

/** How an endpoint is doing, read from its attempt log (every delivery, not just recent ones). */
export interface EndpointHealth {
  /** When the endpoint last answered 2xx (any delivery), or null if it never has. */
  lastSuccessAt: number | null;
  /** Attempts that failed since then, across its deliveries. */
  consecutiveFailures: number;
}

/** An endpoint that is not getting its events: failing since its last success, or turned off by the server. */
export interface FailingWebhookView extends EndpointHealth {
  id: string;
  accountId: string | null;
  url: string;
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  /** Deliveries waiting to be sent (or retried). */
  pending: number;
  /** What the latest failed attempt got: the transport error, or the HTTP status it answered. */
  lastError: string | null;
  lastFailureAt: number | null;
}

/** An attempt counts as a success only when the endpoint answered 2xx (no transport error). */
// Parenthesised so that not(SUCCESS) negates all of it.
const SUCCESS = sql`(${webhookAttempts.statusCode} between 200 and 299 and ${webhookAttempts.error} is null)`;

export function endpointHealth(db: Db, webhookId: string): EndpointHealth {
  const ofEndpoint = eq(webhookDeliveries.webhookId, webhookId);
  const lastSuccessAt =
    db
      .select({ at: max(webhookAttempts.at) })
      .from(webhookAttempts)
      .innerJoin(webhookDeliveries, eq(webhookAttempts.deliveryId, webhookDeliveries.id))
      .where(and(ofEndpoint, SUCCESS))
      .get()?.at ?? null;
  const consecutiveFailures =
    db
      .select({ n: count() })
      .from(webhookAttempts)
      .innerJoin(webhookDeliveries, eq(webhookAttempts.deliveryId, webhookDeliveries.id))
      .where(and(ofEndpoint, not(SUCCESS), gt(webhookAttempts.at, lastSuccessAt ?? -1)))
      .get()?.n ?? 0;
  return { lastSuccessAt, consecutiveFailures };
}

/** Of `rows`, the endpoints that fail or were turned off by the server, most failures first. */
export function failingEndpoints(db: Db, rows: readonly Webhook[]): FailingWebhookView[] {
  const failing = rows
    .map((row) => ({ row, health: endpointHealth(db, row.id) }))
    .filter(({ row, health }) => health.consecutiveFailures > 0 || row.disabledReason !== null);
  if (failing.length === 0) return [];
  const pending = new Map(
    db
      .select({ id: webhookDeliveries.webhookId, n: count() })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(
            webhookDeliveries.webhookId,
            failing.map(({ row }) => row.id),
          ),
          eq(webhookDeliveries.status, 'pending'),
        ),
      )
      .groupBy(webhookDeliveries.webhookId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return failing
    .map(({ row, health }) => {
      const last = db
        .select({
          at: webhookAttempts.at,
          statusCode: webhookAttempts.statusCode,
          error: webhookAttempts.error,
        })
        .from(webhookAttempts)
        .innerJoin(webhookDeliveries, eq(webhookAttempts.deliveryId, webhookDeliveries.id))
        .where(and(eq(webhookDeliveries.webhookId, row.id), not(SUCCESS)))
        .orderBy(desc(webhookAttempts.id))
        .limit(1)
        .get();
      return {
        ...health,
        id: row.id,
        accountId: row.accountId,
        url: row.url,
        description: row.description,
        enabled: row.enabled,
        disabledReason: row.disabledReason,
        pending: pending.get(row.id) ?? 0,
        lastError: last ? (last.error ?? `HTTP ${last.statusCode}`) : null,
        lastFailureAt: last?.at ?? null,
      };
    })
    .sort((a, b) => b.consecutiveFailures - a.consecutiveFailures);
}
