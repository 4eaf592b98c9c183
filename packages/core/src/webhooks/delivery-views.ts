import { type Db, type WebhookAttempt, type WebhookDelivery, webhookAttempts } from '@switchboard/db';
import { inArray } from 'drizzle-orm';
import type { Actor } from '../access.ts';
import type { WebhookPayload } from '../outbox/webhook-events.ts';
import { excerptFor } from './http-post.ts';

/** A delivery as clients see it: the exact body sent, and every attempt. `nextAttemptAt` is the next retry. */
export interface DeliveryView extends Omit<WebhookDelivery, 'seq' | 'payload'> {
  payload: WebhookPayload;
  attemptLog: Array<Omit<WebhookAttempt, 'deliveryId' | 'privateTarget'>>;
}

/** Rows as `actor` sees them: the payload parsed, their attempts in order, response excerpts as they may read them. */
export function deliveryViews(db: Db, actor: Actor, rows: readonly WebhookDelivery[]): DeliveryView[] {
  const attempts = rows.length
    ? db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((d) => d.id),
          ),
        )
        .orderBy(webhookAttempts.id)
        .all()
    : [];
  return rows.map(({ seq: _seq, payload, ...d }) => ({
    ...d,
    payload: JSON.parse(payload) as WebhookPayload,
    attemptLog: attempts
      .filter((a) => a.deliveryId === d.id)
      .map(({ deliveryId: _d, privateTarget, ...a }) => ({
        ...a,
        responseExcerpt: excerptFor(actor, { privateTarget, responseExcerpt: a.responseExcerpt }),
      })),
  }));
}
