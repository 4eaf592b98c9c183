import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  recordingLogger,
  setupAdmin,
  startTestGateway,
  type TestGateway,
  writeDashboard,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(overrides: Record<string, string> = {}) {
  const log = recordingLogger();
  const g = await startTestGateway(overrides, undefined, { log });
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { g, cookie, client, log };
}

/** A raw request line, exactly as written (fetch would normalise some of these paths). */
function rawGet(g: TestGateway, path: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${g.url}/`, { path, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('malformed request paths', () => {
  it('answers broken percent-encoding and unparsable targets with 400, logging no error', async () => {
    const { g, cookie, log } = await gateway();
    writeDashboard(g);
    const paths = [
      '/%E0%A4%A',
      '/assets/%ff.js',
      '/api/sandbox/phones/%E0%A4%A/messages',
      '/trpc/sessions.byId%E0%A4%A',
      'http://[/',
    ];
    for (const path of paths) {
      const res = await rawGet(g, path, cookie);
      expect(res.status, path).toBe(400);
      expect(res.body, path).not.toMatch(/URIError|stack|at /);
    }
    expect(log.lines.filter((l) => l.includes(' ERROR '))).toEqual([]);
    // Well-formed requests still work.
    expect((await rawGet(g, '/sessions/desk')).status).toBe(200);
    expect((await rawGet(g, '/api/sandbox/phones/%2B14155550101/messages', cookie)).status).toBe(200);
  });
});

describe('batches and pages are bounded', () => {
  it('refuses batches of more than ten calls before running any of them', async () => {
    const { g, cookie, client } = await gateway();
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const session = await client.sessions.create.mutate({ name: 'Hooks', start: false });
    const hook = await client.webhooks.create.mutate({ sessionId: session.id, url: receiver.url });

    // 300 delivery-log pages in one 12 KB GET.
    const paths = Array(300).fill('webhooks.deliveries').join(',');
    const inputs = JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [i, {}])));
    const read = await fetch(`${g.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(inputs)}`, {
      headers: { cookie },
    });
    expect(read.status).toBe(400);
    expect(((await read.json()) as { error: { message: string } }).error.message).toContain(
      'at most 10 calls; this one holds 300',
    );

    // 250 test events in one POST: none is sent.
    const tests = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [i, { id: hook.id }]));
    const burst = await fetch(`${g.url}/trpc/${Array(250).fill('webhooks.test').join(',')}?batch=1`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(tests),
    });
    expect(burst.status).toBe(400);
    expect(receiver.received).toEqual([]);

    // A batch the size the dashboard sends works.
    const ten = await fetch(`${g.url}/trpc/${Array(10).fill('sessions.list').join(',')}?batch=1`, {
      headers: { cookie },
    });
    expect(ten.status).toBe(200);
    expect(await ten.json()).toHaveLength(10);
  });

  it('limits test events to ten a minute per user, and delivery-log pages to 50', async () => {
    const { client } = await gateway();
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const session = await client.sessions.create.mutate({ name: 'Hooks', start: false });
    const hook = await client.webhooks.create.mutate({ sessionId: session.id, url: receiver.url });
    for (let i = 0; i < 10; i++) expect((await client.webhooks.test.mutate({ id: hook.id })).ok).toBe(true);
    await expect(client.webhooks.test.mutate({ id: hook.id })).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
      message: expect.stringContaining('Too many test events'),
    });
    expect(receiver.received).toHaveLength(10);

    await expect(client.webhooks.deliveries.query({ limit: 51 })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
    expect((await client.webhooks.deliveries.query({ limit: 50 })).items).toEqual([]);
  });
});
