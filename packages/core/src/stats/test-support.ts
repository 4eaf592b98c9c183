import { accounts, type Db, messages, webhookAttempts, webhookDeliveries, webhooks } from '@switchboard/db';
import type { MessageDirection, MessageStatus, SessionStatus } from '@switchboard/validators';
import { Access, type Actor } from '../access.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { EventBus } from '../events.ts';
import { newId } from '../ids.ts';
import { silentLogger } from '../logger.ts';
import { WebhookOutbox } from '../outbox/outbox.ts';
import { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { WebhookService } from '../webhooks/service.ts';
import { StatsService } from './service.ts';

/** The stats tests' world: a real migrated database, two operators and an admin, rows written directly. */
export async function statsWorld() {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const olga = await addUser(users, admin, 'olga@example.com', 'operator');
  const otto = await addUser(users, admin, 'otto@example.com', 'operator');
  const access = new Access(db);
  const config = {
    timeoutMs: 1_000,
    blockPrivate: false,
    privateForOperators: false,
    retryScheduleMs: [1_000],
  };
  const bus = new EventBus();
  const dispatcher = new WebhookDispatcher(db, new WebhookOutbox(db, bus), config, silentLogger, bus);
  const webhooksService = new WebhookService(db, access, dispatcher, config, bus);
  return { db, admin, olga, otto, stats: new StatsService(db, access, webhooksService) };
}

export function addAccount(
  db: Db,
  owner: Actor,
  id: string,
  fields: {
    status?: SessionStatus;
    statusReason?: string;
    statusChangedAt?: number;
    limitedReason?: string;
    limitedUntil?: number;
  } = {},
): void {
  const now = Date.now();
  db.insert(accounts)
    .values({
      id,
      name: `Account ${id}`,
      engine: 'sandbox',
      ownerId: owner.id,
      updatedAt: now,
      statusChangedAt: now,
      ...fields,
    })
    .run();
}

export function addMessage(
  db: Db,
  accountId: string,
  direction: MessageDirection,
  status: MessageStatus,
  createdAt: number,
): void {
  db.insert(messages)
    .values({
      id: newId(),
      accountId,
      direction,
      peer: '14155552671',
      body: 'hi',
      status,
      createdAt,
      updatedAt: createdAt,
    })
    .run();
}

/** An endpoint with one delivery per outcome given (`ok` answered 200, a number that status, a string that error). */
export function addWebhook(
  db: Db,
  accountId: string | null,
  outcomes: Array<'ok' | number | string>,
  pending = 0,
): string {
  const id = newId();
  const now = Date.now();
  db.insert(webhooks)
    .values({
      id,
      accountId,
      url: `https://hooks.example.com/${id}`,
      secret: 's',
      events: ['message.received'],
      updatedAt: now,
    })
    .run();
  outcomes.forEach((outcome, i) => {
    const deliveryId = newId();
    db.insert(webhookDeliveries)
      .values({
        id: deliveryId,
        webhookId: id,
        eventId: newId(),
        eventType: 'message.received',
        accountId,
        payload: '{}',
        status: outcome === 'ok' ? 'delivered' : 'failed',
        nextAttemptAt: now,
        updatedAt: now,
      })
      .run();
    db.insert(webhookAttempts)
      .values({
        deliveryId,
        at: now - (outcomes.length - i) * 1000,
        statusCode: outcome === 'ok' ? 200 : typeof outcome === 'number' ? outcome : null,
        error: typeof outcome === 'string' && outcome !== 'ok' ? outcome : null,
        durationMs: 5,
      })
      .run();
  });
  for (let i = 0; i < pending; i++)
    db.insert(webhookDeliveries)
      .values({
        id: newId(),
        webhookId: id,
        eventId: newId(),
        eventType: 'message.received',
        accountId,
        payload: '{}',
        nextAttemptAt: now,
        updatedAt: now,
      })
      .run();
  return id;
}
