import { EngineSendError } from '@switchboard/engines/contract';
import { describe, expect, it } from 'vitest';
import { deferred } from '../test-support/fake-engine.ts';
import { connectedSession, harness, messageRow, sendText, subscribe } from './test-support.ts';

/**
 * How a send ends when it does not simply go out: `failed` only when the message never reached WhatsApp,
 * `unknown` when it may have — never sent again, and settled by a later receipt.
 */

/** Lets the engine's late answer travel through the promise chains that wait for it. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const handedOver = (externalId?: string) =>
  new EngineSendError('WhatsApp Web took the message, then reported an error (connection dropped)', {
    outcome: 'unknown',
    reason: 'error',
    ...(externalId ? { externalId } : {}),
  });

describe('a send that fails after WhatsApp took the message', () => {
  it('is unknown with its id, never sent again, and a later receipt settles it', async () => {
    const h = await harness();
    const deliveries = subscribe(h.db);
    const engine = await connectedSession(h);
    let calls = 0;
    engine.sendImpl = async () => {
      calls += 1;
      throw handedOver('wa-1');
    };
    const row = await sendText(h, 'Your order shipped');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({
      status: 'unknown',
      externalId: 'wa-1',
      error: 'WhatsApp Web took the message, then reported an error (connection dropped)',
    });
    expect(calls).toBe(1);
    expect(h.logged).toEqual([expect.objectContaining({ level: 'warn', message: 'send outcome unknown' })]);

    engine.emit({ type: 'ack', externalId: 'wa-1', ack: 'delivered' });
    // Receipts of one tick are written together, on the next.
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'delivered', error: null });
    await h.service.drain();
    expect(calls).toBe(1);
    expect(h.published.map((p) => p.message.status)).toEqual(['queued', 'unknown', 'delivered']);
    expect(deliveries()).toEqual([
      { type: 'message.status', status: 'unknown', externalId: 'wa-1' },
      { type: 'message.status', status: 'delivered', externalId: 'wa-1' },
    ]);
  });

  it('takes a receipt that arrived before the failure was recorded', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async () => {
      engine.emit({ type: 'ack', externalId: 'wa-2', ack: 'sent' });
      engine.emit({ type: 'ack', externalId: 'wa-2', ack: 'read' });
      throw handedOver('wa-2');
    };
    const row = await sendText(h, 'hi');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'read', externalId: 'wa-2', error: null });
  });

  it('is an error in the log and on the message when WhatsApp gave no id, never a silent blank', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async () => ({ externalId: '' });
    const row = await sendText(h, 'hi');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({
      status: 'unknown',
      externalId: null,
      error: 'WhatsApp took the message but gave no id for it: its receipts cannot be matched',
    });
    expect(h.logged).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'send outcome unknown',
        fields: expect.objectContaining({ message: row.id }),
      }),
    ]);
  });
});

describe('a send that never reached WhatsApp', () => {
  it('is failed with the engine’s reason, and later receipts do not revive it', async () => {
    const h = await harness();
    const deliveries = subscribe(h.db);
    const engine = await connectedSession(h);
    engine.sendImpl = async () => {
      throw new EngineSendError('WhatsApp limits this account from starting new chats (error 463)', {
        outcome: 'failed',
        reason: 'reach_out_limited',
      });
    };
    const row = await sendText(h, 'An offer');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({
      status: 'failed',
      externalId: null,
      error: 'WhatsApp limits this account from starting new chats (error 463)',
    });
    expect(deliveries()).toEqual([{ type: 'message.status', status: 'failed', externalId: null }]);
  });
});

describe('a send core stopped waiting for (SEND_TIMEOUT_MS)', () => {
  it('is unknown, then takes what the engine answers later: its id, and the receipts after it', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const answer = deferred<{ externalId: string }>();
    engine.sendImpl = async (_to, content) =>
      content.type === 'text' && content.text === 'slow' ? answer.promise : { externalId: 'next-1' };
    const row = await sendText(h, 'slow');
    const next = await sendText(h, 'next');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'unknown', externalId: null });

    answer.resolve({ externalId: 'late-1' });
    await settled();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'sent', externalId: 'late-1', error: null });
    engine.emit({ type: 'ack', externalId: 'late-1', ack: 'delivered' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('delivered');
    // The queue moved on: the next message was not held behind the one that hung.
    expect(messageRow(h.db, next.id)).toMatchObject({ status: 'sent', externalId: 'next-1' });
  });

  it('becomes failed when the engine later says the message never reached WhatsApp', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const answer = deferred<{ externalId: string }>();
    engine.sendImpl = () => answer.promise;
    const row = await sendText(h, 'slow');
    await h.service.drain();
    answer.reject(
      new EngineSendError('+4915123456789 is not on WhatsApp', {
        outcome: 'failed',
        reason: 'not_on_whatsapp',
      }),
    );
    await settled();
    expect(messageRow(h.db, row.id)).toMatchObject({
      status: 'failed',
      error: '+4915123456789 is not on WhatsApp',
    });
  });
});
