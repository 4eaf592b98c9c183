import { setTimeout as sleep } from 'node:timers/promises';
import { accounts, messages } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { deferred, never } from '../test-support/fake-engine.ts';
import { code, connectedSession, harness, messageRow, sendText } from './test-support.ts';

describe('MessageService.send', () => {
  it('stores the message as queued first, then sent with the engine’s id', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const queued = await sendText(h, 'Hello there');
    expect(queued).toMatchObject({
      accountId: 'sales',
      direction: 'out',
      peer: '4915123456789',
      body: 'Hello there',
      status: 'queued',
      externalId: null,
    });
    expect(messageRow(h.db, queued.id)?.status).toBe('queued');

    await h.service.drain();
    expect(messageRow(h.db, queued.id)).toMatchObject({
      status: 'sent',
      externalId: 'ext-sales-1',
      error: null,
    });
    expect(engine.sent).toEqual([
      { to: '4915123456789', content: { type: 'text', text: 'Hello there' }, externalId: 'ext-sales-1' },
    ]);
    expect(h.published.map((p) => p.message.status)).toEqual(['queued', 'sent']);
    for (const { message, stored } of h.published) expect(stored?.status).toBe(message.status);
  });

  it('hands concurrent sends on one session to the engine one at a time, in order', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async (to) => {
      await sleep(5);
      return { externalId: `ext-${to}` };
    };
    const numbers = ['4915111111111', '4915122222222', '4915133333333', '4915144444444', '4915155555555'];
    const rows = await Promise.all(numbers.map((n) => sendText(h, `to ${n}`, `+${n}`)));
    await h.service.drain();
    expect(engine.maxInFlightSends).toBe(1);
    expect(engine.sent.map((s) => s.to)).toEqual(numbers);
    for (const [i, row] of rows.entries()) {
      expect(messageRow(h.db, row.id)).toMatchObject({ status: 'sent', externalId: `ext-${numbers[i]}` });
    }
  });

  it('does not hold up one session’s sends behind another session’s hanging engine', async () => {
    const h = await harness();
    const slow = await connectedSession(h, 'Slow');
    const fast = await connectedSession(h, 'Fast');
    const release = deferred<{ externalId: string }>();
    slow.sendImpl = () => release.promise;
    const stuck = await sendText(h, 'waiting', '+4915111111111', 'slow');
    const quick = await sendText(h, 'quick', '+4915122222222', 'fast');
    // However long the machine takes to get to it, the quick one goes while the stuck one still waits.
    await vi.waitFor(() => expect(messageRow(h.db, quick.id)?.status).toBe('sent'), { timeout: 5_000 });
    expect(messageRow(h.db, stuck.id)?.status).toBe('queued');
    expect(fast.sent).toHaveLength(1);
    release.resolve({ externalId: 'late' });
    await h.service.drain();
    expect(messageRow(h.db, stuck.id)).toMatchObject({ status: 'sent', externalId: 'late' });
  });

  it('marks a send the engine refuses as failed with the engine’s message, and the next one still goes', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    let calls = 0;
    engine.sendImpl = async () => {
      calls += 1;
      if (calls === 1) throw new Error('4915123456789 is not on WhatsApp');
      return { externalId: 'second' };
    };
    const first = await sendText(h, 'one');
    const second = await sendText(h, 'two');
    await h.service.drain();
    expect(messageRow(h.db, first.id)).toMatchObject({
      status: 'failed',
      error: '4915123456789 is not on WhatsApp',
      externalId: null,
    });
    expect(messageRow(h.db, second.id)).toMatchObject({ status: 'sent', externalId: 'second' });
  });

  it('marks a send that hangs as unknown after the send timeout: the engine may have handed it over', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = () => never();
    const row = await sendText(h, 'into the void');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'unknown', externalId: null });
    expect(messageRow(h.db, row.id)?.error).toMatch(
      /^WhatsApp did not confirm the message within \d+ s; it is not sent again — a receipt will settle it$/,
    );
  });

  it('fails queued sends when the session stops being connected before their turn', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const release = deferred<{ externalId: string }>();
    engine.sendImpl = () => release.promise;
    const first = await sendText(h, 'one');
    const second = await sendText(h, 'two');
    await sleep(5);
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.sessions.get(h.operator, 'sales').status).toBe('reconnecting'), {
      timeout: 5_000,
    });
    release.resolve({ externalId: 'first' });
    await h.service.drain();
    expect(messageRow(h.db, first.id)?.status).toBe('sent');
    expect(messageRow(h.db, second.id)).toMatchObject({
      status: 'failed',
      error: 'Session sales is not connected (status: reconnecting)',
    });
    expect(engine.sent).toHaveLength(1);
  });

  it('answers NOT_FOUND, storing nothing, when the session is deleted before its send is committed', async () => {
    const h = await harness();
    await connectedSession(h);
    const sending = sendText(h, 'Hello there');
    // The access check has passed; the tick's commit has not happened yet.
    h.db.delete(accounts).where(eq(accounts.id, 'sales')).run();
    await expect(sending).rejects.toThrow(code('NOT_FOUND'));
    expect(h.db.select().from(messages).all()).toEqual([]);
  });

  it('refuses what cannot be sent, storing nothing', async () => {
    const h = await harness();
    await h.sessions.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    await expect(sendText(h, 'hi')).rejects.toThrow('Session sales is not connected (status: qr)');
    engine.connect();
    await expect(sendText(h, '   ')).rejects.toThrow(code('BAD_REQUEST'));
    await expect(sendText(h, 'x'.repeat(51))).rejects.toThrow('the limit is 50');
    await expect(sendText(h, 'hi', '12')).rejects.toThrow('Recipient "12" is not a phone number');
    await expect(sendText(h, 'hi', '+1 555 000 0000')).rejects.toThrow(code('BAD_REQUEST'));
    await connectedSession(h, 'Foreign', h.other);
    await expect(sendText(h, 'hi', '+4915123456789', 'foreign')).rejects.toThrow(code('NOT_FOUND'));
    await expect(sendText(h, 'hi', '+4915123456789', 'missing')).rejects.toThrow('Session missing not found');
    await h.service.drain();
    expect(h.db.select().from(messages).all()).toHaveLength(0);
    expect(engine.sent).toHaveLength(0);
  });
});
