import { openDatabase, webhookDeliveries, webhooks } from '@switchboard/db';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../events.ts';
import { WebhookOutbox } from './outbox.ts';

const status = {
  messageId: 'm1',
  externalId: 'x1',
  direction: 'out',
  type: 'text',
  from: null,
  to: '4915123456789',
  senderName: null,
  text: 'Hi',
  media: null,
  location: null,
  isGroup: false,
  groupId: null,
  status: 'delivered',
  error: null,
  conversationId: 'c1',
  createdAt: new Date(0).toISOString(),
} as const;

describe('the webhook outbox', () => {
  it('builds an event’s data only when an endpoint wants the event', () => {
    const db = openDatabase(':memory:');
    const bus = new EventBus();
    const outbox = new WebhookOutbox(db, bus);
    let built = 0;
    const data = () => {
      built += 1;
      return status;
    };
    expect(outbox.enqueue({ type: 'message.status', accountId: null, data })).toBe(0);
    expect(built).toBe(0);

    db.insert(webhooks)
      .values({
        id: 'w1',
        url: 'https://example.com/hook',
        secret: 's',
        events: ['message.status'],
        updatedAt: Date.now(),
      })
      .run();
    bus.publishWebhooksChange();
    expect(outbox.enqueue({ type: 'message.status', accountId: null, data })).toBe(1);
    expect(built).toBe(1);
    const [delivery] = db.select().from(webhookDeliveries).all();
    expect(JSON.parse(delivery!.payload).data).toEqual(status);
  });
});
