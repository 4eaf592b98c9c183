import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messages } from '@switchboard/db';
import { describe, expect, it, vi } from 'vitest';
import { PDF, PNG } from '../media/test-files.ts';
import { IDEMPOTENCY_WINDOW_MS, SendIdempotency } from './idempotency.ts';
import { code, connectedSession, harness, messageRow } from './test-support.ts';

const once = { to: '+49 151 2345 6789', text: 'Your order has shipped', idempotencyKey: 'order-1042' };

describe('Idempotent sends', () => {
  it('return the first message, as it is now, even after the session went away, and send nothing again', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const first = await h.service.send(h.operator, { sessionId: 'sales', ...once });
    await h.service.drain();
    engine.emit({ type: 'disconnected', reason: 'network', loggedOut: false });
    await vi.waitFor(() => expect(h.sessions.get(h.operator, 'sales').status).not.toBe('connected'));
    const again = await h.service.send(h.operator, { sessionId: 'sales', ...once });
    expect(again).toMatchObject({ id: first.id, status: 'sent' });
    expect(engine.sent).toHaveLength(1);
    // Without the key, the same request is a new message — and refused, since the session is not connected.
    await expect(
      h.service.send(h.operator, { sessionId: 'sales', to: once.to, text: once.text }),
    ).rejects.toThrow(expect.objectContaining({ code: 'PRECONDITION_FAILED' }));
  });

  it('refuse the key for a different message, and keep each user’s keys apart', async () => {
    const h = await harness();
    await connectedSession(h);
    await connectedSession(h, 'Other', h.other);
    await h.service.send(h.operator, { sessionId: 'sales', ...once });
    await expect(
      h.service.send(h.operator, { sessionId: 'sales', ...once, text: 'Something else' }),
    ).rejects.toThrow(code('CONFLICT'));
    await expect(
      h.service.send(h.operator, { sessionId: 'sales', ...once, to: '+14155552671' }),
    ).rejects.toThrow(code('CONFLICT'));
    const theirs = await h.service.send(h.other, { sessionId: 'other', ...once });
    expect(theirs.accountId).toBe('other');
  });

  it('remember a refused send as nothing: the same key then tries again', async () => {
    const h = await harness();
    await h.sessions.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    await expect(h.service.send(h.operator, { sessionId: 'sales', ...once })).rejects.toThrow(
      code('PRECONDITION_FAILED'),
    );
    h.fake.latest('sales').connect();
    expect((await h.service.send(h.operator, { sessionId: 'sales', ...once })).status).toBe('queued');
  });

  it('tell files apart by what is sent, and answer a repeat before fetching its URL again', async () => {
    const h = await harness();
    await connectedSession(h);
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/menu.png`;
    try {
      const photo = {
        to: once.to,
        type: 'image',
        media: { url },
        caption: 'Our menu',
        idempotencyKey: 'menu-1',
      } as const;
      const first = await h.service.send(h.operator, { sessionId: 'sales', ...photo });
      const again = await h.service.send(h.operator, { sessionId: 'sales', ...photo });
      expect(again).toMatchObject({ id: first.id, type: 'image', media: { id: first.media?.id } });
      expect(fetches).toBe(1);
      // The same key for another caption, or another file, is another message.
      await expect(
        h.service.send(h.operator, { sessionId: 'sales', ...photo, caption: 'Our new menu' }),
      ).rejects.toThrow(code('CONFLICT'));
      const brochure = await h.media.upload(h.operator, { sessionId: 'sales', body: [PDF] });
      await expect(
        h.service.send(h.operator, {
          sessionId: 'sales',
          ...photo,
          type: 'document',
          media: { id: brochure.id },
        }),
      ).rejects.toThrow(code('CONFLICT'));
      expect(fetches).toBe(1);
    } finally {
      server.close();
    }
    await h.service.drain();
    expect(h.db.select().from(messages).all()).toHaveLength(1);
  });

  it('stored in the same commit: the second send with the key is refused alone, the others of its tick go', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const sends = await Promise.allSettled([
      h.service.send(h.operator, { sessionId: 'sales', ...once }),
      h.service.send(h.operator, { sessionId: 'sales', ...once }),
      h.service.send(h.operator, { sessionId: 'sales', to: '+14155552671', text: 'Unrelated' }),
    ]);
    expect(sends.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((sends[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    await h.service.drain();
    // Nothing of the refused send stays: two messages, both sent, in the order they came.
    const stored = h.db.select().from(messages).all();
    expect(stored.map((m) => [m.body, m.status])).toEqual([
      [once.text, 'sent'],
      ['Unrelated', 'sent'],
    ]);
    expect(engine.sent.map((s) => s.to)).toEqual(['4915123456789', '14155552671']);
    const again = await h.service.send(h.operator, { sessionId: 'sales', ...once });
    expect(again.id).toBe((sends[0] as PromiseFulfilledResult<{ id: string }>).value.id);
  });

  it('forget keys after 24 hours', async () => {
    const h = await harness();
    await connectedSession(h);
    const clock = { t: Date.now() };
    const keys = new SendIdempotency(h.db, () => clock.t);
    const first = await h.service.send(h.operator, { sessionId: 'sales', ...once });
    const send = { userId: h.operator.id, key: once.idempotencyKey, fingerprint: 'whatever' };
    expect(() => keys.earlier(send)).toThrow(code('CONFLICT'));
    clock.t = Date.now() + IDEMPOTENCY_WINDOW_MS;
    expect(keys.earlier(send)).toBeUndefined();
    expect(keys.purge()).toBe(1);
    expect(messageRow(h.db, first.id)).toBeDefined();
  });
});

describe('Choosing the sender', () => {
  it('by phone number, by the default session, and never one the actor may not see', async () => {
    const h = await harness();
    await connectedSession(h);
    await h.sessions.create(h.other, { name: 'Other', engine: 'sandbox' });
    h.fake.latest('other').connect('14155550999');
    const phone = h.sessions.get(h.operator, 'sales').phone;
    const theirs = h.sessions.get(h.other, 'other').phone;
    expect((await h.service.send(h.operator, { from: `+${phone}`, to: once.to, text: 'hi' })).accountId).toBe(
      'sales',
    );
    await expect(h.service.send(h.operator, { from: `+${theirs}`, to: once.to, text: 'hi' })).rejects.toThrow(
      code('NOT_FOUND'),
    );
    await expect(h.service.send(h.operator, { to: once.to, text: 'hi' })).rejects.toThrow(
      code('BAD_REQUEST'),
    );
    expect(() => h.service.senders.setDefault(h.operator, 'other')).toThrow(code('NOT_FOUND'));
    h.service.senders.setDefault(h.operator, 'sales');
    expect((await h.service.send(h.operator, { to: once.to, text: 'hi' })).accountId).toBe('sales');
    expect(h.service.senders.defaultFor(h.other)).toBeNull();
    h.service.senders.setDefault(h.operator, null);
    expect(h.service.senders.defaultFor(h.operator)).toBeNull();
  });
});
