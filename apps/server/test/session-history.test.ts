import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  createLinked,
  newDataDir,
  rest,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function operator(g: TestGateway, admin: Client, email: string) {
  await admin.users.create.mutate({ email, name: email, password: 'user-password-1', role: 'operator' });
  const cookie = await signIn(g, email, 'user-password-1');
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { cookie, client };
}

type Entry = { id: string; sessionId: string; type: string; status: string | null; detail: string | null };
function monitor(client: Client, input?: Parameters<Client['sessions']['onHistory']['subscribe']>[0]) {
  const seen: Entry[] = [];
  const sub = client.sessions.onHistory.subscribe(input, { onData: ({ data }) => seen.push(data) });
  cleanups.push(() => sub.unsubscribe());
  return seen;
}

describe('session history and the event monitor', () => {
  it('keeps a session’s timeline — scan, drop, failed send — across a server restart', async () => {
    const dataDir = newDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestGateway({}, dataDir);
    const cookie = await setupAdmin(first);
    const c1 = connect(first, cookie);
    const s = await createLinked(first, cookie, c1, 'Desk', '4915112320001');
    await c1.messages.send.mutate({ sessionId: s.id, to: '+12025550100', text: 'anyone?' });
    expect((await sandbox(first, cookie, 'POST', `/sessions/${s.id}/drop`)).status).toBe(200);
    await waitForStatus(c1, s.id, 'connected');
    await waitFor(async () => {
      const { items } = await c1.sessions.history.query({ id: s.id, types: ['send_failed'] });
      return items.length > 0;
    }, 'the failed send on the timeline');
    const before = await c1.sessions.history.query({ id: s.id, limit: 200 });
    await c1.close();
    await first.close();

    const second = await startTestGateway({}, dataDir);
    cleanups.push(() => second.close());
    const c2 = connect(second, await signIn(second, ADMIN.email, ADMIN.password));
    cleanups.push(() => c2.close());
    const after = await c2.sessions.history.query({ id: s.id, limit: 200 });
    // Everything from the first run is still there, below what the restart added.
    expect(after.items.slice(-before.items.length)).toEqual(before.items);
    const kinds = before.items.map((e) => [e.type, e.status]);
    expect(kinds).toContainEqual(['status', 'authenticating']);
    expect(kinds).toContainEqual(['status', 'reconnecting']);
    expect(kinds).toContainEqual(['qr', null]);
    expect(before.items.find((e) => e.type === 'send_failed')?.detail).toMatch(
      /12025550100.*not on WhatsApp/,
    );
    expect(after.items.some((e) => e.status === 'stopped' && e.detail === 'Server shut down')).toBe(true);
  });

  it('streams every visible account’s events live, filtered by account and type; operators see only theirs', async () => {
    const g = await startTestGateway();
    cleanups.push(() => g.dispose());
    const adminCookie = await setupAdmin(g);
    const admin = connect(g, adminCookie);
    cleanups.push(() => admin.close());
    const olga = await operator(g, admin, 'olga@example.com');
    await admin.sessions.create.mutate({ name: 'Admin desk', engine: 'sandbox', start: false });
    await olga.client.sessions.create.mutate({ name: 'Olga desk', engine: 'sandbox', start: false });

    const everything = monitor(admin);
    const statusOnly = monitor(admin, { types: ['status'] });
    const oneAccount = monitor(admin, { sessionId: 'olga-desk' });
    const olgas = monitor(olga.client);
    // A stream is open once it delivers: start Olga's session and wait for its QR on every stream, so none
    // opens late and misses what comes next (a busy machine can take a while to open one).
    await olga.client.sessions.start.mutate({ id: 'olga-desk' });
    await waitFor(() => everything.some((e) => e.sessionId === 'olga-desk' && e.type === 'qr'), 'her QR');
    await waitFor(
      () => statusOnly.some((e) => e.sessionId === 'olga-desk'),
      'her status on the status stream',
    );
    await waitFor(() => oneAccount.some((e) => e.type === 'qr'), 'the QR on the one-account stream');
    await waitFor(() => olgas.some((e) => e.type === 'qr'), "Olga's QR on her own stream");
    await admin.sessions.start.mutate({ id: 'admin-desk' });
    await waitFor(
      () => everything.some((e) => e.sessionId === 'admin-desk' && e.type === 'qr'),
      "the admin's QR",
    );
    // Entries arrive in order: once Olga's stop reaches her streams, the admin's entries have gone past them.
    await olga.client.sessions.stop.mutate({ id: 'olga-desk' });
    await waitFor(() => olgas.some((e) => e.status === 'stopped'), "Olga's stop on her own stream");
    await waitFor(() => oneAccount.some((e) => e.status === 'stopped'), 'the stop on the one-account stream');

    expect(new Set(everything.map((e) => e.sessionId))).toEqual(new Set(['admin-desk', 'olga-desk']));
    expect(statusOnly.every((e) => e.type === 'status')).toBe(true);
    expect(new Set(oneAccount.map((e) => e.sessionId))).toEqual(new Set(['olga-desk']));
    expect(new Set(olgas.map((e) => e.sessionId))).toEqual(new Set(['olga-desk']));

    await expect(
      new Promise((resolve, reject) => {
        const sub = olga.client.sessions.onHistory.subscribe(
          { sessionId: 'admin-desk' },
          { onData: resolve, onError: reject },
        );
        cleanups.push(() => sub.unsubscribe());
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(olga.client.sessions.history.query({ id: 'admin-desk' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const backlog = await olga.client.sessions.events.query({});
    expect(new Set(backlog.items.map((e) => e.sessionId))).toEqual(new Set(['olga-desk']));

    // Over REST too, with one type as the query string carries it.
    const { secret } = await admin.apiKeys.create.mutate({ name: 'monitor', scopes: ['sessions:read'] });
    const qrs = await rest(g, secret, 'GET', '/v1/sessions/olga-desk/history?types=qr&limit=1');
    expect(qrs).toMatchObject({ status: 200, body: { items: [{ type: 'qr', sessionId: 'olga-desk' }] } });
  });
});
