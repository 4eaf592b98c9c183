import { type Db, type WebhookDelivery, webhookAttempts, webhookDeliveries, webhooks } from '@switchboard/db';
import { and, eq, sql } from 'drizzle-orm';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import { perDatabase, transaction } from '../prepared.ts';
import { type PostResult, succeeded } from './http-post.ts';

/** ±20 % so endpoints that failed together are not all retried in the same instant. */
const jittered = (ms: number) => Math.round(ms * (0.8 + 0.4 * Math.random()));

/** One attempt that came back (answered, refused or timed out), not yet written down. */
export interface Outcome {
  /**
   * Only what the write needs: from the dispatcher's thread every outcome is copied to the server's
   * thread, and the payload (most of a delivery's row) would be copied for nothing.
   */
  delivery: Pick<WebhookDelivery, 'id' | 'attempts'>;
  result: PostResult;
  /** When the answer came. */
  at: number;
}

const p = sql.placeholder;

const statements = perDatabase((db) => ({
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
  disable: db
    .update(webhooks)
    .set({
      enabled: false,
      disabledReason: 'The endpoint answered 410 Gone',
      updatedAt: sql`${p('now')}`,
    })
    .where(eq(webhooks.id, p('id')))
    .prepare(),
}));

/**
 * Writes down one endpoint's attempts that came back: each attempt, its delivery's new state and (on 410)
 * the endpoint's, all in one transaction — one write for a run of deliveries instead of one each. Throws
 * what the database threw; then none of them is recorded, and they all go out again.
 */
export function recordOutcomes(
  db: Db,
  webhookId: string,
  outcomes: readonly Outcome[],
  retryScheduleMs: readonly number[],
  bus: EventBus,
  log: Logger,
): void {
  const { attempt, outcome, disable } = statements(db);
  const failures: Array<{ delivery: string; attempt: number; error: string | null; final: boolean }> = [];
  let gone = false;
  transaction(db, () => {
    for (const { delivery, result, at } of outcomes) {
      const ok = succeeded(result);
      const isGone = result.statusCode === 410;
      const attempts = delivery.attempts + 1;
      const retryIn = retryScheduleMs[attempts - 1];
      const error =
        result.error ??
        (ok ? null : `The endpoint answered ${result.statusCode}${isGone ? ' Gone: endpoint disabled' : ''}`);
      const status = ok ? 'delivered' : isGone || retryIn === undefined ? 'failed' : 'pending';
      const changed = outcome.run({
        id: delivery.id,
        status,
        attempts,
        nextAttemptAt: status === 'pending' ? at + jittered(retryIn ?? 0) : at,
        now: at,
        statusCode: result.statusCode,
        error,
      });
      // The endpoint may have been deleted (its deliveries with it) while this attempt was on the wire.
      if (changed.changes === 0) continue;
      attempt.run({
        deliveryId: delivery.id,
        at: at - result.durationMs,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        responseExcerpt: result.responseExcerpt,
        privateTarget: result.privateTarget,
        error,
      });
      if (isGone) {
        disable.run({ id: webhookId, now: at });
        gone = true;
      }
      if (!ok) failures.push({ delivery: delivery.id, attempt: attempts, error, final: status === 'failed' });
    }
  });
  if (gone) bus.publishWebhooksChange();
  for (const { delivery } of outcomes) bus.publishDelivery({ webhookId, deliveryId: delivery.id });
  for (const failure of failures) log.warn('webhook delivery failed', { ...failure, webhook: webhookId });
}
