import { describe, expect, it } from 'vitest';
import {
  type Client,
  createLinked,
  sandbox,
  type TestGateway,
  useAdminGateway,
  waitFor,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

const phoneOf = (i: number) => `4915112340${String(i).padStart(3, '0')}`;

describe('many accounts side by side', () => {
  it('links 2 and then 5 sessions, each by its own phone, all connected at once', async () => {
    const first = await Promise.all(
      [0, 1].map((i) => createLinked(g, cookie, client, `Desk ${i}`, phoneOf(i))),
    );
    expect(first.map((s) => s.status)).toEqual(['connected', 'connected']);

    await Promise.all([2, 3, 4].map((i) => createLinked(g, cookie, client, `Desk ${i}`, phoneOf(i))));
    const all = await client.sessions.list.query();
    expect(all).toHaveLength(5);
    expect(all.every((s) => s.status === 'connected')).toBe(true);
    expect(new Set(all.map((s) => s.phone))).toEqual(new Set([0, 1, 2, 3, 4].map(phoneOf)));
    const stats = await client.sessions.stats.query();
    expect(stats.byStatus.connected).toBe(5);
  });

  it('delivers concurrent messages from different accounts to the right phones, from the right numbers', async () => {
    const sessions = await Promise.all(
      [0, 1, 2].map((i) => createLinked(g, cookie, client, `Line ${i}`, phoneOf(i))),
    );
    const recipients = ['14155550101', '14155550102', '14155550103'];
    // Every account sends to every recipient, all at once.
    const sends = sessions.flatMap((s, i) =>
      recipients.map((to, j) =>
        client.messages.send.mutate({ sessionId: s.id, to: `+${to}`, text: `from ${i} to ${j}` }),
      ),
    );
    const queued = await Promise.all(sends);
    expect(queued.every((m) => m.status === 'queued')).toBe(true);

    for (const [j, to] of recipients.entries()) {
      const inbox = await waitFor(async () => {
        const r = await sandbox(g, cookie, 'GET', `/phones/${to}/messages`);
        const list = r.body as Array<{ from: string; text: string }>;
        return list.length === 3 ? list : undefined;
      }, `3 messages at ${to}`);
      for (const [i, s] of sessions.entries()) {
        expect(inbox).toContainEqual(expect.objectContaining({ from: s.phone, text: `from ${i} to ${j}` }));
      }
    }

    // Every message reaches "read" through the receipts, and each list holds only its account's messages.
    for (const s of sessions) {
      const page = await waitFor(async () => {
        const p = await client.messages.list.query({ sessionId: s.id });
        return p.items.length === 3 && p.items.every((m) => m.status === 'read') ? p : undefined;
      }, `messages of ${s.id} to be read`);
      expect(page.items.every((m) => m.accountId === s.id && m.externalId)).toBe(true);
    }
  });

  it('streams message status over the WebSocket: queued → sent → delivered → read', async () => {
    const s = await createLinked(g, cookie, client, 'Streamer', phoneOf(7));
    const seen: string[] = [];
    let started!: () => void;
    const subscribed = new Promise<void>((resolve) => (started = resolve));
    const done = new Promise<void>((resolve, reject) => {
      const sub = client.messages.onUpdate.subscribe(
        { sessionId: s.id },
        {
          onStarted: () => started(),
          onData: ({ data }) => {
            if (data.type !== 'message') return;
            seen.push(data.message.status);
            if (data.message.status === 'read') {
              sub.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    await subscribed;
    await client.messages.send.mutate({ sessionId: s.id, to: '+14155550199', text: 'status please' });
    await done;
    expect(seen).toEqual(['queued', 'sent', 'delivered', 'read']);
  });

  it('stores messages that virtual phones send to an account, and pages the list newest first', async () => {
    const s = await createLinked(g, cookie, client, 'Inbox', phoneOf(8));
    for (let i = 0; i < 5; i++) {
      const r = await sandbox(g, cookie, 'POST', '/inbound', {
        from: '+14155550150',
        to: `+${s.phone}`,
        text: `hi ${i}`,
      });
      expect(r.status).toBe(200);
    }
    const first = await waitFor(async () => {
      const p = await client.messages.list.query({ sessionId: s.id, limit: 3 });
      return p.items.length === 3 ? p : undefined;
    }, 'inbound messages');
    expect(first.items.map((m) => m.body)).toEqual(['hi 4', 'hi 3', 'hi 2']);
    expect(first.items[0]).toMatchObject({ direction: 'in', status: 'received', peer: '14155550150' });
    const second = await client.messages.list.query({ sessionId: s.id, limit: 3, cursor: first.nextCursor });
    expect(second.items.map((m) => m.body)).toEqual(['hi 1', 'hi 0']);
    expect(second.nextCursor).toBeNull();
  });

  it('fails a send to a number that is not on WhatsApp with the reason, and checkNumber says so first', async () => {
    const s = await createLinked(g, cookie, client, 'Checker', phoneOf(9));
    const check = await client.sessions.checkNumber.query({ id: s.id, phone: '+1 202 555 0100' });
    expect(check).toEqual({ phone: '12025550100', onWhatsApp: false, chatId: null });
    const sent = await client.messages.send.mutate({ sessionId: s.id, to: '+12025550100', text: 'anyone?' });
    const failed = await waitFor(async () => {
      const p = await client.messages.list.query({ sessionId: s.id });
      const m = p.items.find((x) => x.id === sent.id);
      return m?.status === 'failed' ? m : undefined;
    }, 'the send to fail');
    expect(failed.error).toMatch(/not on WhatsApp/);
  });
});
