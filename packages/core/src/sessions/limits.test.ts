import { accounts, type Db, webhookDeliveries, webhooks } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { connected, harness, statusesOf, WAIT, waitForStatus } from './test-support.ts';

/**
 * WhatsApp's reach-out limit (error 463) is a flag on the account with an end time, not a status: the
 * session stays connected, nothing restarts, and integrators hear of it through `session.status`.
 */

const REASON = 'WhatsApp limits this account on WhatsApp Web (error 463, reach-out limit)';

/** A global endpoint for session.status, so every status webhook leaves a delivery to read back. */
function statusWebhooks(db: Db): () => Array<Record<string, unknown>> {
  db.insert(webhooks)
    .values({
      id: 'hook',
      accountId: null,
      url: 'https://hooks.example.com/switchboard',
      secret: 'whsec_test',
      events: ['session.status'],
      updatedAt: Date.now(),
    })
    .run();
  return () =>
    db
      .select()
      .from(webhookDeliveries)
      .all()
      .map((d) => (JSON.parse(d.payload) as { data: Record<string, unknown> }).data);
}

describe('the reach-out limit', () => {
  it('is stored with its end, shown on the view and told to webhooks, without touching the status', async () => {
    const h = await harness();
    const deliveries = statusWebhooks(h.db);
    const engine = await connected(h, h.operator, 'Sales');
    const until = Date.now() + 3_600_000;
    const before = deliveries().length;

    engine.emit({ type: 'limited', reason: REASON, until });
    engine.emit({ type: 'limited', reason: REASON, until });
    const view = h.manager.get(h.operator, 'sales');
    expect(view).toMatchObject({
      status: 'connected',
      statusReason: null,
      limited: { reason: REASON, until },
    });
    expect(h.statusEvents.at(-1)?.event).toMatchObject({
      status: 'connected',
      limited: { reason: REASON, until },
    });
    expect(h.manager.snapshot(h.operator, h.bus.lastId)[0]).toMatchObject({
      limited: { reason: REASON, until },
    });
    expect(deliveries().slice(before)).toEqual([
      {
        status: 'connected',
        previousStatus: 'connected',
        reason: null,
        pushName: 'Fake Phone',
        limited: { reason: REASON, until: new Date(until).toISOString() },
      },
    ]);

    engine.emit({ type: 'limit_lifted' });
    expect(h.manager.get(h.operator, 'sales').limited).toBeNull();
    expect(deliveries().at(-1)).toMatchObject({
      status: 'connected',
      previousStatus: 'connected',
      limited: null,
    });
    // Nothing restarted: one engine session, never stopped, and no status but connected since.
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(engine.calls.stop).toBe(0);
    expect(statusesOf(h, 'sales')).toEqual(['stopped', 'starting', 'connected', 'connected', 'connected']);
  });

  it('outlives a reconnect while its end is ahead; one without an end waits for the engine to say it again', async () => {
    const h = await harness();
    const first = await connected(h, h.operator, 'Sales');
    const until = Date.now() + 3_600_000;
    first.emit({ type: 'limited', reason: REASON, until });
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(2), WAIT);
    h.fake.latest('sales').connect();
    await waitForStatus(h, 'sales', 'connected');
    expect(h.manager.get(h.operator, 'sales').limited).toEqual({ reason: REASON, until });

    h.fake.latest('sales').emit({ type: 'limited', reason: REASON });
    expect(h.manager.get(h.operator, 'sales').limited).toEqual({ reason: REASON, until: null });
    h.fake.latest('sales').emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(3), WAIT);
    h.fake.latest('sales').connect();
    await waitForStatus(h, 'sales', 'connected');
    expect(h.manager.get(h.operator, 'sales').limited).toBeNull();
  });

  it('is over once its end has passed, even with no engine running to say so', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'limited', reason: REASON, until: Date.now() + 3_600_000 });
    await h.manager.stop(h.operator, 'sales');
    expect(h.manager.get(h.operator, 'sales').limited).not.toBeNull();
    h.db
      .update(accounts)
      .set({ limitedUntil: Date.now() - 1 })
      .where(eq(accounts.id, 'sales'))
      .run();
    expect(h.manager.get(h.operator, 'sales').limited).toBeNull();
  });

  it('goes with the phone on logout', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'limited', reason: REASON, until: Date.now() + 3_600_000 });
    await h.manager.logout(h.operator, 'sales');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({ status: 'logged_out', limited: null });
  });

  it('is visible only to those who may see the session', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'limited', reason: REASON, until: Date.now() + 3_600_000 });
    expect(() => h.manager.get(h.other, 'sales')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(h.manager.snapshot(h.other, h.bus.lastId)).toEqual([]);
  });
});
