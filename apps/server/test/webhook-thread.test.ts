import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabaseReader } from '@switchboard/db';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.ts';
import {
  ADMIN,
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

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

async function gateway(dataDir = newDataDir()) {
  const g = await startTestGateway({}, dataDir);
  cleanups.push(() => g.dispose());
  return g;
}

async function signedIn(g: Gateway, cookie: string) {
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return client;
}

/** `count` inbound messages `e0`, `e1`, … from one contact, one after another. */
async function inbound(g: Gateway, cookie: string, phone: string | null, count: number) {
  for (let i = 0; i < count; i++)
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550400', to: `+${phone}`, text: `e${i}` });
}

const texts = (received: Received[]) => received.map((x) => x.payload.data.text);
const expected = (count: number) => Array.from({ length: count }, (_, i) => `e${i}`);

/** Delivery rows as the database holds them, read after the gateway closed: event text and status. */
function storedDeliveries(dataDir: string) {
  const db = openDatabaseReader(join(dataDir, 'switchboard.db'));
  try {
    const rows = db.$client
      .prepare('select payload, status from webhook_deliveries order by seq')
      .all() as Array<{ payload: string; status: string }>;
    return rows.map((d) => `${(JSON.parse(d.payload) as { data: { text: string } }).data.text} ${d.status}`);
  } finally {
    db.$client.close();
  }
}

/**
 * A receiver on a thread of its own that counts what it answers in shared memory, so a test can wait for
 * deliveries while it keeps the gateway's thread (this one) blocked. Held (`hold` set), it never answers.
 */
const THREADED_RECEIVER = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const held = Atomics.load(shared, 1) === 1;
    const text = JSON.parse(Buffer.concat(chunks).toString('utf8')).data.text;
    parentPort.postMessage({ text, id: req.headers['webhook-id'], held });
    if (held) return;
    res.writeHead(200).end('ok');
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
  });
}).listen(0, '127.0.0.1', function () { parentPort.postMessage({ port: this.address().port }); });
`;

async function threadedReceiver() {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(THREADED_RECEIVER, { eval: true, workerData: shared.buffer });
  cleanups.push(() => worker.terminate().then(() => undefined));
  const received: Array<{ text: string; id: string; held: boolean }> = [];
  const port = await new Promise<number>((resolve) =>
    worker.on('message', (m: { port?: number; text: string; id: string; held: boolean }) =>
      m.port ? resolve(m.port) : received.push(m),
    ),
  );
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    hold: (on: boolean) => Atomics.store(shared, 1, on ? 1 : 0),
    /**
     * Blocks this thread (and so the gateway running on it) until `count` deliveries were answered; gives up
     * after `withinMs`, never more. Returns how many were.
     */
    blockUntilAnswered(count: number, withinMs: number): number {
      const deadline = Date.now() + withinMs;
      for (let now = Atomics.load(shared, 0); now < count && Date.now() < deadline; ) {
        Atomics.wait(shared, 0, now, deadline - Date.now());
        now = Atomics.load(shared, 0);
      }
      return Atomics.load(shared, 0);
    },
  };
}

describe('the webhook dispatcher thread', () => {
  it('keeps delivering, in order, while the gateway’s own thread is busy; a send cut short by shutdown goes out again', async () => {
    const dataDir = newDataDir();
    const r = await threadedReceiver();
    r.hold(true);
    const g1 = await startTestGateway({}, dataDir);
    const cookie = await setupAdmin(g1);
    const c1 = connect(g1, cookie);
    const account = await createLinked(g1, cookie, c1, 'Busy', '4915100000401');
    await c1.webhooks.create.mutate({ sessionId: account.id, url: r.url, events: ['message.received'] });
    // The first delivery is held on the wire while the rest queue up behind it.
    await inbound(g1, cookie, account.phone, 20);
    // The dispatcher thread starts with the first endpoint (from its sources when it has no bundle): allow a loaded machine time.
    await waitFor(() => r.received.length >= 1, 'the first delivery, held', 30_000);
    await c1.close();
    await g1.close();

    r.hold(false);
    const g2 = await gateway(dataDir);
    // Started: the thread has been told to deliver what is pending. This thread now does nothing else.
    const answered = r.blockUntilAnswered(20, 30_000);
    expect(answered).toBe(20);

    await waitFor(() => r.received.length >= 21, 'the deliveries reported by the receiver');
    const [held, ...sent] = r.received;
    expect(sent.map((x) => x.text)).toEqual(expected(20));
    // The one cut short by the shutdown is the same delivery, sent again.
    expect(held).toMatchObject({ text: 'e0', held: true, id: sent[0]!.id });
    const c2 = await signedIn(g2, await signIn(g2, ADMIN.email, ADMIN.password));
    await waitFor(async () => {
      const page = await c2.webhooks.deliveries.query({ status: 'delivered' });
      return page.items.length === 20;
    }, 'all 20 recorded as delivered');
  });

  it('writes down every answer that came back before it stops: after a restart only the one cut short goes out again', async () => {
    const dataDir = newDataDir();
    let open = false;
    // The last event hangs until the restart; everything before it is answered at once.
    const r = await receiver((x) => (open || x.payload.data.text !== 'e29' ? 200 : 'hang'));
    const g1 = await startTestGateway({}, dataDir);
    const cookie = await setupAdmin(g1);
    const c1 = connect(g1, cookie);
    const account = await createLinked(g1, cookie, c1, 'Stop', '4915100000402');
    await c1.webhooks.create.mutate({ sessionId: account.id, url: r.url, events: ['message.received'] });
    await inbound(g1, cookie, account.phone, 30);
    // One at a time: e29 is on the wire only once the answer to e28 came back.
    await waitFor(() => r.received.length >= 30, 'e29 on the wire');
    await c1.close();
    await g1.close();
    expect(storedDeliveries(dataDir)).toEqual([
      ...expected(29).map((text) => `${text} delivered`),
      'e29 pending',
    ]);

    open = true;
    const g2 = await gateway(dataDir);
    await signedIn(g2, await signIn(g2, ADMIN.email, ADMIN.password));
    await waitFor(() => r.received.length >= 31, 'e29 again');
    expect(texts(r.received)).toEqual([...expected(30), 'e29']);
    expect(r.received[30]!.headers['webhook-id']).toBe(r.received[29]!.headers['webhook-id']);
  });

  it('sends to an endpoint’s new URL from the next event on', async () => {
    const first = await receiver();
    const second = await receiver();
    const g = await gateway();
    const cookie = await setupAdmin(g);
    const client = await signedIn(g, cookie);
    const account = await createLinked(g, cookie, client, 'Moved', '4915100000403');
    const hook = await client.webhooks.create.mutate({
      sessionId: account.id,
      url: first.url,
      events: ['message.received'],
    });
    await inbound(g, cookie, account.phone, 1);
    await waitFor(() => first.received.length >= 1, 'e0 at the first URL');
    await client.webhooks.update.mutate({ id: hook.id, url: second.url });
    await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+14155550400',
      to: `+${account.phone}`,
      text: 'e1',
    });
    await waitFor(() => second.received.length >= 1, 'e1 at the new URL');
    expect(texts(first.received)).toEqual(['e0']);
    expect(texts(second.received)).toEqual(['e1']);
  });

  it.each([1, 2])(
    'delivers to four endpoints side by side from %i thread(s): each gets every event once and in order, and one that hangs holds up no other',
    async (threads) => {
      // The third endpoint never answers: its first delivery stays on the wire for the whole test.
      const hooks = await Promise.all([0, 1, 2, 3].map((i) => receiver(() => (i === 2 ? 'hang' : 200))));
      const dataDir = newDataDir();
      const g = await startTestGateway({ WEBHOOK_THREADS: String(threads) }, dataDir);
      cleanups.push(() => g.dispose());
      const cookie = await setupAdmin(g);
      const client = await signedIn(g, cookie);
      const account = await createLinked(g, cookie, client, 'Four', '4915100000404');
      for (const hook of hooks)
        await client.webhooks.create.mutate({
          sessionId: account.id,
          url: hook.url,
          events: ['message.received'],
        });
      await inbound(g, cookie, account.phone, 30);
      await waitFor(
        () => [0, 1, 3].every((i) => hooks[i]!.received.length >= 30),
        'every event at the three endpoints that answer',
        30_000,
      );
      for (const i of [0, 1, 3]) expect(texts(hooks[i]!.received)).toEqual(expected(30));
      expect(texts(hooks[2]!.received)).toEqual(['e0']);
    },
  );
});
