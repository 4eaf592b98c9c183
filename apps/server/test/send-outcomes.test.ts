import { afterEach, describe, expect, it } from 'vitest';
import { connect, createLinked, sandbox, setupAdmin, startTestGateway, waitFor } from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

/**
 * What WhatsApp does to a working account, through the sandbox's control API and the real gateway: a send
 * that fails after the hand-off, and the reach-out limit (error 463). The same paths through the WhatsApp
 * Web engine are in webjs-sends.test.ts.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function linked(phone: string) {
  const g = await startTestGateway({ WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50', WEBHOOK_TIMEOUT_MS: '500' });
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  const hooks = await startReceiver();
  cleanups.push(async () => {
    await hooks.close();
    await client.close();
    await g.dispose();
  });
  const session = await createLinked(g, cookie, client, 'Shop', phone);
  await client.webhooks.create.mutate({ sessionId: session.id, url: hooks.url });
  return { g, cookie, client, hooks, session };
}

describe('a send that fails after WhatsApp took the message (sandbox)', () => {
  it('is unknown, reaches the phone once, and its receipts settle it: API and webhooks', async () => {
    const { g, cookie, client, hooks, session } = await linked('4915100000101');
    expect(await sandbox(g, cookie, 'POST', `/sessions/${session.id}/fail-next-send`, {})).toEqual({
      status: 200,
      body: { ok: true },
    });
    const queued = await client.messages.send.mutate({
      sessionId: session.id,
      to: '+1 415 555 0101',
      text: 'Your order shipped',
    });
    const statusOf = async () =>
      (await client.messages.list.query({ sessionId: session.id })).items.find((m) => m.id === queued.id);

    const read = await waitFor(async () => {
      const m = await statusOf();
      return m?.status === 'read' && m;
    }, 'the read receipt');
    expect(read.error).toBeNull();
    const statuses = await waitFor(() => {
      const seen = hooks.received
        .filter((r) => r.payload.type === 'message.status' && r.payload.data.messageId === queued.id)
        .map((r) => r.payload.data.status);
      return seen.length === 3 && seen;
    }, 'three message.status webhooks');
    expect(statuses).toEqual(['unknown', 'delivered', 'read']);
    const unknown = hooks.received.find((r) => r.payload.data.status === 'unknown')!.payload.data;
    expect(unknown).toMatchObject({ externalId: read.externalId, to: '14155550101' });
    expect(unknown.error).toContain('it is not sent again');
    expect(hooks.received.some((r) => r.payload.type === 'message.sent')).toBe(false);

    const phone = await sandbox(g, cookie, 'GET', '/phones/14155550101/messages');
    expect((phone.body as unknown[]).length).toBe(1);
  });
});

describe('the reach-out limit (sandbox)', () => {
  it('flags the session without a status change, refuses new contacts, lets replies out, and lifts', async () => {
    const { g, cookie, client, hooks, session } = await linked('4915100000102');
    await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+1 415 555 0102',
      to: `+${session.phone}`,
      text: 'Is the shop open?',
    });
    await waitFor(
      async () => (await client.conversations.list.query()).items.length === 1,
      'the customer’s message',
    );

    const limited = await sandbox(g, cookie, 'POST', `/sessions/${session.id}/limit`, { forMs: 4_000 });
    expect(limited.status).toBe(200);
    const until = (limited.body as { until: number }).until;
    const flagged = await waitFor(async () => {
      const s = await client.sessions.byId.query({ id: session.id });
      return s.limited ? s : undefined;
    }, 'the limit on the session');
    expect(flagged).toMatchObject({
      status: 'connected',
      statusReason: null,
      limited: { reason: expect.stringContaining('error 463'), until },
    });

    const offer = await client.messages.send.mutate({
      sessionId: session.id,
      to: '+1 415 555 0103',
      text: 'Offer',
    });
    const reply = await client.messages.send.mutate({
      sessionId: session.id,
      to: '+1 415 555 0102',
      text: 'Yes!',
    });
    const outcome = await waitFor(async () => {
      const items = (await client.messages.list.query({ sessionId: session.id })).items;
      const o = items.find((m) => m.id === offer.id);
      const r = items.find((m) => m.id === reply.id);
      return o?.status === 'failed' && r?.status === 'read' && { o, r };
    }, 'the offer refused and the reply read');
    expect(outcome.o.error).toContain('error 463, reach-out limit');
    const phones = await sandbox(g, cookie, 'GET', '/phones/14155550103/messages');
    expect(phones.body).toEqual([]);

    const lifted = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: session.id });
        return s.limited === null && s;
      },
      'the limit to lift',
      10_000,
    );
    expect(lifted.status).toBe('connected');
    const limits = await waitFor(() => {
      const told = hooks.received
        .filter((r) => r.payload.type === 'session.status')
        .map((r) => [r.payload.data.previousStatus, r.payload.data.status, r.payload.data.limited]);
      return told.length === 2 && told;
    }, 'the webhooks of the limit and its end');
    expect(limits).toEqual([
      [
        'connected',
        'connected',
        { reason: expect.stringContaining('error 463'), until: new Date(until).toISOString() },
      ],
      ['connected', 'connected', null],
    ]);
    await client.messages.send.mutate({ sessionId: session.id, to: '+1 415 555 0103', text: 'Offer' });
    await waitFor(
      async () =>
        ((await sandbox(g, cookie, 'GET', '/phones/14155550103/messages')).body as unknown[]).length === 1,
      'the offer, once the limit lifted',
    );
  });

  it('refuses a limit of a bad length with 400, changing nothing', async () => {
    const { g, cookie, client, session } = await linked('4915100000104');
    for (const body of [{}, { forMs: -1 }, { forMs: 1.5 }, { forMs: '60000' }, { forMs: 86_400_001 }]) {
      expect(
        await sandbox(g, cookie, 'POST', `/sessions/${session.id}/limit`, body),
        JSON.stringify(body),
      ).toMatchObject({
        status: 400,
        body: { code: 'BAD_REQUEST', message: expect.stringContaining('forMs is required') },
      });
    }
    expect((await client.sessions.byId.query({ id: session.id })).limited).toBeNull();
  });
});
