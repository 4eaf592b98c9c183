import { describe, expect, it, vi } from 'vitest';
import { messageStatements } from './statements.ts';
import { connectedSession, harness, messageRow, sendText, subscribe } from './test-support.ts';

/**
 * A message's status changes — its send's outcome and WhatsApp's receipts — are written per tick, all of a
 * tick's in one transaction: none may be lost, reordered or told before it is stored.
 */
describe('status changes written per tick', () => {
  it('store and report every outcome and receipt of many sends, each message’s in order', async () => {
    const h = await harness();
    const deliveries = subscribe(h.db);
    const engine = await connectedSession(h);
    let n = 0;
    engine.sendImpl = async () => {
      const externalId = `wa-${++n}`;
      // WhatsApp's receipts come right behind the answer, in the same ticks as the next sends' outcomes.
      setImmediate(() => {
        engine.emit({ type: 'ack', externalId, ack: 'delivered' });
        setImmediate(() => engine.emit({ type: 'ack', externalId, ack: 'read' }));
      });
      return { externalId };
    };
    const rows = await Promise.all(
      Array.from({ length: 12 }, (_, i) => sendText(h, `No. ${i}`, `+49151000000${10 + i}`)),
    );
    await vi.waitFor(async () => {
      await h.service.drain();
      expect(rows.map((row) => messageRow(h.db, row.id)?.status)).toEqual(rows.map(() => 'read'));
    });
    for (const [i, row] of rows.entries()) {
      const externalId = `wa-${i + 1}`;
      expect(messageRow(h.db, row.id)).toMatchObject({ status: 'read', externalId });
      // Its webhook deliveries, in the order they were written.
      expect(deliveries().filter((d) => d.externalId === externalId)).toEqual([
        { type: 'message.sent', status: 'sent', externalId },
        { type: 'message.status', status: 'delivered', externalId },
        { type: 'message.status', status: 'read', externalId },
      ]);
      // And told in that order, each after it was stored.
      const told = h.published.filter((p) => p.message.id === row.id);
      expect(told.map((p) => p.message.status)).toEqual(['queued', 'sent', 'delivered', 'read']);
      for (const { message, stored } of told) expect(stored?.status).toBe(message.status);
    }
  });

  it('store and answer the sends of a tick whose status changes the database refuses; the changes follow', async () => {
    const h = await harness();
    const deliveries = subscribe(h.db);
    const engine = await connectedSession(h);
    const first = await sendText(h, 'one');
    await h.service.drain();
    const externalId = messageRow(h.db, first.id)!.externalId!;
    // The receipt's statement is refused in the tick's commit (tried whole, then in its savepoint), then when
    // tried again on its own.
    const full = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const advance = vi
      .spyOn(messageStatements(h.db), 'advance')
      .mockImplementationOnce(full)
      .mockImplementationOnce(full)
      .mockImplementationOnce(full);
    // The receipt and the next send in one tick, so in one commit.
    engine.emit({ type: 'ack', externalId, ack: 'delivered' });
    const second = await sendText(h, 'two', '+4915123456780');
    // Answered once stored, though the receipt written with it was refused (three times) meanwhile.
    expect(advance).toHaveBeenCalledTimes(3);
    expect(messageRow(h.db, second.id)).toMatchObject({ body: 'two' });
    expect(messageRow(h.db, first.id)?.status).toBe('sent');
    // Kept and written once the database takes it again, with its webhook delivery, and told.
    await vi.waitFor(() => expect(messageRow(h.db, first.id)?.status).toBe('delivered'));
    expect(
      deliveries()
        .filter((d) => d.externalId === externalId)
        .map((d) => d.status),
    ).toEqual(['sent', 'delivered']);
    const told = h.published.filter((p) => p.message.id === first.id).map((p) => p.message.status);
    expect(told).toEqual(['queued', 'sent', 'delivered']);
    await h.service.drain();
    expect(messageRow(h.db, second.id)?.status).toBe('sent');
  });
});
