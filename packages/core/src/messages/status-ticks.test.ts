import { describe, expect, it, vi } from 'vitest';
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
});
