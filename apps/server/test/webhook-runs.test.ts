import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.ts';
import {
  ADMIN,
  type Client,
  connect,
  createLinked,
  newDataDir,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  waitFor,
} from './support/harness.ts';
import { type Received, startReceiver } from './support/receiver.ts';
import { exited, PROCESS_TEST_TIMEOUT, startServerProcess } from './support/server-process.ts';

// The dispatcher reads an endpoint's deliveries 100 at a time: these send more than one run's worth.
const EVENTS = 250;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

async function setup(env: Record<string, string>) {
  const g = await startTestGateway(env);
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(async () => {
    await client.close();
    await g.dispose();
  });
  const account = await createLinked(g, cookie, client, 'Runs', '4915100000301');
  return { g, cookie, client, account };
}

/** `count` inbound messages `e0`, `e1`, … from one contact, one after another. */
async function inbound(g: Gateway, cookie: string, phone: string | null, count: number) {
  for (let i = 0; i < count; i++)
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550300', to: `+${phone}`, text: `e${i}` });
}

const texts = (received: Received[]) => received.map((x) => x.payload.data.text);
const expected = (count: number) => Array.from({ length: count }, (_, i) => `e${i}`);

describe('webhook deliveries in runs', () => {
  it('delivers more than a run’s worth in order, each once, and records every one as delivered', async () => {
    const { g, cookie, client, account } = await setup({});
    const r = await receiver();
    const hook = await client.webhooks.create.mutate({
      sessionId: account.id,
      url: r.url,
      events: ['message.received'],
    });
    await inbound(g, cookie, account.phone, EVENTS);
    await waitFor(() => r.received.length >= EVENTS, `${EVENTS} deliveries`, 30_000);
    expect(texts(r.received)).toEqual(expected(EVENTS));
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(EVENTS);
    expect(r.connections).toBe(1);
    await waitFor(async () => {
      const pending = await client.webhooks.deliveries.query({ webhookId: hook.id, status: 'pending' });
      return pending.items.length === 0;
    }, 'every delivery recorded');
    const delivered = await client.webhooks.deliveries.query({ webhookId: hook.id, limit: 50 });
    expect(delivered.items).toHaveLength(50);
    expect(delivered.items.every((d) => d.status === 'delivered')).toBe(true);
    expect(delivered.items.every((d) => d.attempts === 1 && d.attemptLog[0]?.statusCode === 200)).toBe(true);
  });

  it('stops a run at a failed delivery and goes on from it once its retry succeeds: nothing overtakes it', async () => {
    const { g, cookie, client, account } = await setup({
      WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50,50',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
    // The 31st request fails once; every other one succeeds.
    const r = await receiver((_, n) => (n === 30 ? 500 : 200));
    await client.webhooks.create.mutate({ sessionId: account.id, url: r.url, events: ['message.received'] });
    await inbound(g, cookie, account.phone, 60);
    await waitFor(() => r.received.length >= 61, 'every delivery and the retry');
    const all = expected(60);
    expect(texts(r.received)).toEqual([...all.slice(0, 31), ...all.slice(30)]);
    expect(r.received[30]!.answer).toBe(500);
    expect(r.received[31]!.headers['webhook-id']).toBe(r.received[30]!.headers['webhook-id']);
    await waitFor(async () => {
      const pending = await client.webhooks.deliveries.query({ status: 'pending' });
      return pending.items.length === 0;
    }, 'every delivery recorded');
    // Newest first: the latest 50 include the one that failed once.
    const recorded = (await client.webhooks.deliveries.query({ limit: 50 })).items;
    expect(recorded.every((d) => d.status === 'delivered')).toBe(true);
    const retried = recorded.filter((d) => d.attempts === 2);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.attemptLog.map((a) => a.statusCode).sort()).toEqual([200, 500]);
  });

  it('keeps delivering to a fast endpoint while a slow one holds its first request', async () => {
    const { g, cookie, client, account } = await setup({ WEBHOOK_TIMEOUT_MS: '60000' });
    const slow = await receiver(() => 'hang');
    const fast = await receiver();
    for (const url of [slow.url, fast.url])
      await client.webhooks.create.mutate({ sessionId: account.id, url, events: ['message.received'] });
    await inbound(g, cookie, account.phone, 150);
    await waitFor(() => fast.received.length >= 150, 'every delivery to the fast endpoint', 30_000);
    expect(texts(fast.received)).toEqual(expected(150));
    // The slow endpoint still has its first delivery on the wire, and nothing after it.
    expect(texts(slow.received)).toEqual(['e0']);
  });
});

describe('a server killed while deliveries stream', () => {
  const processes: ChildProcess[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const p of processes.splice(0)) p.kill('SIGKILL');
  });

  it(
    'sends again, with the same webhook-id, what was answered but not yet recorded: nothing is lost or reordered',
    async () => {
      const dataDir = newDataDir();
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      let open = false;
      const r = await receiver(() => (open ? 200 : 503));
      const env = { WEBHOOK_RETRY_SCHEDULE_MS: Array(40).fill('250').join(','), WEBHOOK_TIMEOUT_MS: '5000' };
      let server = await startServerProcess(dataDir, env);
      processes.push(server.child);
      const cookie = await setupAdmin(server.gateway);
      const client = connect(server.gateway, cookie);
      clients.push(client);
      const account = await createLinked(server.gateway, cookie, client, 'Crash', '4915100000302');
      await client.webhooks.create.mutate({
        sessionId: account.id,
        url: r.url,
        events: ['message.received'],
      });
      // Refused until every event is queued, so they pile up behind the first and then stream.
      await inbound(server.gateway, cookie, account.phone, EVENTS);
      open = true;
      const accepted = () => r.received.filter((x) => x.answer === 200);
      await waitFor(() => accepted().length >= 60, 'deliveries streaming', 30_000);
      server.child.kill('SIGKILL');
      await exited(server.child);

      server = await startServerProcess(dataDir, env);
      processes.push(server.child);
      clients.push(connect(server.gateway, await signIn(server.gateway, ADMIN.email, ADMIN.password)));
      await waitFor(
        () => new Set(texts(accepted())).size === EVENTS,
        'every event accepted after the restart',
        60_000,
      );

      // Each event's first acceptance comes in order; a repeat is the same delivery (same webhook-id).
      const firstOf = new Map<unknown, Received>();
      for (const x of accepted()) {
        const first = firstOf.get(x.payload.data.text);
        if (first) expect(x.headers['webhook-id']).toBe(first.headers['webhook-id']);
        else firstOf.set(x.payload.data.text, x);
      }
      expect([...firstOf.keys()]).toEqual(expected(EVENTS));
      expect(new Set(accepted().map((x) => x.headers['webhook-id'])).size).toBe(EVENTS);
    },
    PROCESS_TEST_TIMEOUT.timeout,
  );
});
