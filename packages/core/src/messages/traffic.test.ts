import { accounts, type Message, messages } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PNG } from '../media/test-files.ts';
import { code, connectedSession, harness, messageRow, sendText } from './test-support.ts';

describe('MessageService acks', () => {
  it('moves the status forward only: a late delivered after read is ignored', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const row = await sendText(h, 'hi');
    await h.service.drain();
    const ext = messageRow(h.db, row.id)?.externalId ?? '';
    expect(ext).toBe('ext-sales-1');

    engine.emit({ type: 'ack', externalId: ext, ack: 'delivered' });
    // Receipts of one tick are written together, on the next.
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('delivered');
    engine.emit({ type: 'ack', externalId: ext, ack: 'read' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('read');
    const publishedBefore = h.published.length;
    engine.emit({ type: 'ack', externalId: ext, ack: 'delivered' });
    engine.emit({ type: 'ack', externalId: ext, ack: 'sent' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('read');
    expect(h.published).toHaveLength(publishedBefore);
    engine.emit({ type: 'ack', externalId: ext, ack: 'played' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('played');
    expect(h.published.map((p) => p.message.status)).toEqual([
      'queued',
      'sent',
      'delivered',
      'read',
      'played',
    ]);
  });

  it('records a failed ack with the engine’s error', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const row = await sendText(h, 'hi');
    await h.service.drain();
    engine.emit({ type: 'ack', externalId: 'ext-sales-1', ack: 'failed', error: 'Recipient blocked you' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'failed', error: 'Recipient blocked you' });
    engine.emit({ type: 'ack', externalId: 'ext-sales-1', ack: 'read' });
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('failed');
  });

  it('applies acks that arrive before send() resolves once the send is recorded', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async () => {
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'delivered' });
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'read' });
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'delivered' });
      return { externalId: 'quick-1' };
    };
    const row = await sendText(h, 'hi');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'read', externalId: 'quick-1' });
    expect(h.published.map((p) => p.message.status)).toEqual(['queued', 'sent', 'read']);
  });

  it('writes the receipts of one tick together, in the order they came, and still only forward', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const first = await sendText(h, 'one');
    const second = await sendText(h, 'two', '+4915123456780');
    await h.service.drain();
    const [a, b] = [messageRow(h.db, first.id)!, messageRow(h.db, second.id)!];
    const publishedBefore = h.published.length;
    engine.emit({ type: 'ack', externalId: a.externalId!, ack: 'delivered' });
    engine.emit({ type: 'ack', externalId: b.externalId!, ack: 'read' });
    engine.emit({ type: 'ack', externalId: a.externalId!, ack: 'read' });
    engine.emit({ type: 'ack', externalId: a.externalId!, ack: 'delivered' });
    engine.emit({ type: 'ack', externalId: b.externalId!, ack: 'sent' });
    // Nothing is written in the tick the receipts arrive in.
    expect(messageRow(h.db, a.id)?.status).toBe('sent');
    await h.service.drain();
    expect(messageRow(h.db, a.id)?.status).toBe('read');
    expect(messageRow(h.db, b.id)?.status).toBe('read');
    expect(h.published.slice(publishedBefore).map((p) => [p.message.id, p.message.status])).toEqual([
      [a.id, 'delivered'],
      [b.id, 'read'],
      [a.id, 'read'],
    ]);
  });

  it('ignores acks for messages of another session with the same external id', async () => {
    const h = await harness();
    const a = await connectedSession(h, 'Alpha');
    const b = await connectedSession(h, 'Beta');
    a.sendImpl = async () => ({ externalId: 'same' });
    b.sendImpl = async () => ({ externalId: 'same' });
    const fromA = await sendText(h, 'hi', '+4915123456789', 'alpha');
    const fromB = await sendText(h, 'hi', '+4915123456789', 'beta');
    await h.service.drain();
    b.emit({ type: 'ack', externalId: 'same', ack: 'read' });
    await h.service.drain();
    expect(messageRow(h.db, fromA.id)?.status).toBe('sent');
    expect(messageRow(h.db, fromB.id)?.status).toBe('read');
  });
});

describe('MessageService inbound and recovery', () => {
  it('stores an inbound message once even when the engine reports it twice', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const inbound = {
      externalId: 'in-1',
      from: '4915199999999',
      fromName: 'Customer',
      text: 'Do you ship to Austria?',
      timestamp: 1_700_000_000_000,
    };
    engine.emit({ type: 'message', message: inbound });
    engine.emit({ type: 'message', message: inbound });
    let downloads = 0;
    const photo = {
      externalId: 'in-2',
      from: '4915199999999',
      text: '',
      media: {
        kind: 'image' as const,
        download: async () => {
          downloads += 1;
          return PNG;
        },
      },
      timestamp: 1,
    };
    engine.emit({ type: 'message', message: photo });
    engine.emit({ type: 'message', message: photo });
    await h.service.drain();
    const rows = h.db.select().from(messages).where(eq(messages.accountId, 'sales')).all();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.externalId === 'in-1')).toMatchObject({
      direction: 'in',
      type: 'text',
      status: 'received',
      peer: '4915199999999',
      peerName: 'Customer',
      body: 'Do you ship to Austria?',
    });
    expect(rows.find((r) => r.externalId === 'in-2')).toMatchObject({
      type: 'image',
      body: '',
      media: { mimetype: 'image/png', size: PNG.length, missing: null },
    });
    // Reported twice, downloaded and stored once.
    expect(downloads).toBe(1);
    expect(h.published).toHaveLength(2);
    for (const { stored } of h.published) expect(stored).toBeDefined();

    const page = h.service.list(h.operator, { sessionId: 'sales', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const rest = h.service.list(h.operator, { sessionId: 'sales', limit: 5, cursor: page.nextCursor });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...page.items, ...rest.items].map((m) => m.externalId))).toEqual(
      new Set(['in-1', 'in-2']),
    );
    expect(() => h.service.list(h.other, { sessionId: 'sales', limit: 5 })).toThrow(code('NOT_FOUND'));
  });

  it('marks messages left queued by a previous run as failed, and only those', async () => {
    const h = await harness();
    await h.sessions.create(h.operator, { name: 'Sales', engine: 'sandbox', start: false });
    const now = Date.now();
    const insert = (id: string, status: Message['status']) =>
      h.db
        .insert(messages)
        .values({
          id,
          accountId: 'sales',
          direction: 'out',
          peer: '4915123456789',
          body: id,
          status,
          createdAt: now,
          updatedAt: now,
        })
        .run();
    insert('q1', 'queued');
    insert('q2', 'queued');
    insert('s1', 'sent');
    insert('r1', 'read');
    expect(h.service.failInterrupted()).toBe(2);
    expect(messageRow(h.db, 'q1')).toMatchObject({
      status: 'failed',
      error: 'Not sent: the server stopped before sending it',
    });
    expect(messageRow(h.db, 'q2')?.status).toBe('failed');
    expect(messageRow(h.db, 's1')?.status).toBe('sent');
    expect(messageRow(h.db, 'r1')?.status).toBe('read');
    expect(h.service.failInterrupted()).toBe(0);
    expect(h.db.select().from(accounts).all()).toHaveLength(1);
  });
});
