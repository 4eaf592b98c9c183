import { campaignRecipients, messages } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignHarness, phones, started } from './test-support.ts';

describe('after a crash', () => {
  it('a recipient left sending is never sent again by itself: unknown, or back in line if its message was never stored', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const numbers = phones(5);
    const id = started(h, { sessionId: 'sales', numbers });
    await h.settle();
    h.services.campaigns.pause(h.operator, id);
    const sent = h.services.campaignQueries.recipients(h.operator, { id, limit: 10 }).items;
    expect(sent.filter((r) => r.state !== 'pending')).toHaveLength(1);

    // Freeze the moment of a kill: one claimed whose message was stored, one claimed before it was, one the
    // engine had taken (its row says so) — as the database holds them when the process dies.
    const [first, second, third] = sent.filter((r) => r.state === 'pending');
    const stored = h.services.messages.queue({ id: 'sales', ownerId: h.operator.id }, second!.phone, {
      type: 'text',
      body: 'x',
    }).message;
    await h.services.messages.drain();
    h.db.update(messages).set({ status: 'queued' }).where(eq(messages.id, stored.id)).run();
    const claimed = { state: 'sending' as const, accountId: 'sales', claimedAt: h.clock.now() };
    h.db.update(campaignRecipients).set(claimed).where(eq(campaignRecipients.id, first!.id)).run();
    h.db
      .update(campaignRecipients)
      .set({ ...claimed, messageId: stored.id })
      .where(eq(campaignRecipients.id, second!.id))
      .run();
    const taken = h.services.messages.queue({ id: 'sales', ownerId: h.operator.id }, third!.phone, {
      type: 'text',
      body: 'y',
    }).message;
    await h.services.messages.drain();
    h.db
      .update(campaignRecipients)
      .set({ ...claimed, messageId: taken.id })
      .where(eq(campaignRecipients.id, third!.id))
      .run();

    const next = await h.restart();
    const state = (phone: string) =>
      next.campaignQueries.recipients(h.operator, { id, search: phone, limit: 1 }).items[0];
    expect(state(first!.phone)).toMatchObject({ state: 'pending', sentAt: null, sessionId: null });
    expect(state(second!.phone)).toMatchObject({
      state: 'unknown',
      error: expect.stringMatching(/not sent again/),
    });
    expect(state(third!.phone)?.state).toMatch(/sent|delivered|read/);
    expect(next.campaignQueries.get(h.operator, id).counts.unknown).toBe(1);

    // Resumed, it sends the rest and never the unknown one; the operator may requeue it, knowingly.
    await expect.poll(() => next.sessions.get(h.operator, 'sales').status).toBe('connected');
    next.campaigns.resume(h.operator, id);
    await h.runUntil(id, 'completed');
    expect(h.received(second!.phone)).toEqual(['x']);
    expect(next.campaigns.requeueUnknown(h.operator, id)).toMatchObject({
      requeued: 1,
      campaign: { status: 'running' },
    });
    await h.runUntil(id, 'completed');
    expect(h.received(second!.phone)).toHaveLength(2);
  });
});
