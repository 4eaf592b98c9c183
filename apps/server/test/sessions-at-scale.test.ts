import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  rest,
  sessionEventsIn,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway() {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  const admin = connect(g, await setupAdmin(g));
  cleanups.push(() => admin.close());
  return { g, admin };
}

async function operator(g: TestGateway, admin: Client, email: string) {
  const user = await admin.users.create.mutate({
    email,
    name: email,
    password: 'user-password-1',
    role: 'operator',
  });
  const client = connect(g, await signIn(g, email, 'user-password-1'));
  cleanups.push(() => client.close());
  return { user, client };
}

type Seen = Array<{ type: string; sessionId: string }>;
function watch(client: Client): Seen {
  const seen: Seen = [];
  const sub = client.sessions.onEvent.subscribe(undefined, {
    onData: ({ data }) => seen.push(...sessionEventsIn(data)),
  });
  cleanups.push(() => sub.unsubscribe());
  return seen;
}

describe('sessions at scale, over the API', () => {
  it('a transfer moves the session from one operator to the other, live on both streams', async () => {
    const { g, admin } = await gateway();
    const olga = await operator(g, admin, 'olga@example.com');
    const otto = await operator(g, admin, 'otto@example.com');
    await olga.client.sessions.create.mutate({ name: 'Front desk', engine: 'sandbox', start: false });
    const olgaSeen = watch(olga.client);
    const ottoSeen = watch(otto.client);
    await waitFor(() => olgaSeen.some((e) => e.sessionId === 'front-desk'), "Olga's snapshot");

    const moved = await admin.sessions.transfer.mutate({ id: 'front-desk', ownerId: otto.user.id });
    expect(moved.owner).toMatchObject({ id: otto.user.id, email: 'otto@example.com' });

    await waitFor(
      () => ottoSeen.some((e) => e.type === 'transferred'),
      'the transfer on the new owner’s stream',
    );
    await waitFor(
      () => olgaSeen.some((e) => e.type === 'transferred'),
      'the transfer on the old owner’s stream',
    );
    expect((await otto.client.sessions.list.query()).map((s) => s.id)).toEqual(['front-desk']);
    expect(await olga.client.sessions.list.query()).toEqual([]);
    await expect(olga.client.sessions.byId.query({ id: 'front-desk' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    // From now on the session's news reach the new owner only.
    const olgaBefore = olgaSeen.length;
    await otto.client.sessions.start.mutate({ id: 'front-desk' });
    await waitFor(() => ottoSeen.some((e) => e.type === 'qr'), 'the QR code on the new owner’s stream');
    expect(olgaSeen.slice(olgaBefore)).toEqual([]);

    // Operators cannot hand sessions around, not even their own.
    await expect(
      otto.client.sessions.transfer.mutate({ id: 'front-desk', ownerId: olga.user.id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('renames, toggles auto-start, searches and stops in bulk; operators only ever reach their own', async () => {
    const { g, admin } = await gateway();
    const olga = await operator(g, admin, 'olga@example.com');
    for (const name of ['Sales Lisbon', 'Sales Cairo', 'Support Jakarta'])
      await olga.client.sessions.create.mutate({ name, engine: 'sandbox' });
    await admin.sessions.create.mutate({ name: 'Admin sales', engine: 'sandbox', start: false });

    const renamed = await olga.client.sessions.update.mutate({ id: 'sales-cairo', name: 'Sales Cairo 2' });
    expect(renamed).toMatchObject({ name: 'Sales Cairo 2', autoStart: true, owner: null });
    expect(
      (await olga.client.sessions.update.mutate({ id: 'sales-cairo', autoStart: false })).autoStart,
    ).toBe(false);
    await expect(
      olga.client.sessions.update.mutate({ id: 'sales-cairo', proxy: 'http://proxy.example:3128' }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const found = await olga.client.sessions.list.query({ search: 'sales', sort: 'name' });
    expect(found.map((s) => s.id)).toEqual(['sales-cairo', 'sales-lisbon']);
    const page = await admin.sessions.page.query({ search: 'sales', limit: 2 });
    expect(page).toMatchObject({ total: 3, nextOffset: 2 });
    expect(page.items[0]?.owner).toMatchObject({ email: expect.any(String) });

    const stopped = await olga.client.sessions.stopMany.mutate({
      ids: ['sales-lisbon', 'sales-cairo', 'support-jakarta', 'admin-sales'],
    });
    expect(stopped.map((r) => (r.ok ? [r.id, r.session.status] : [r.id, r.code]))).toEqual([
      ['sales-lisbon', 'stopped'],
      ['sales-cairo', 'stopped'],
      ['support-jakarta', 'stopped'],
      ['admin-sales', 'NOT_FOUND'],
    ]);
    await expect(olga.client.sessions.stopMany.mutate({ ids: [] })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });

  it('serves the same over REST', async () => {
    const { g, admin } = await gateway();
    const { secret: key } = await admin.apiKeys.create.mutate({
      name: 'ops',
      scopes: ['sessions:read', 'sessions:manage'],
    });
    await admin.sessions.create.mutate({ name: 'Berlin', engine: 'sandbox', start: false });
    await admin.sessions.create.mutate({ name: 'Lisbon', engine: 'sandbox', start: false });

    const listed = await rest(g, key, 'GET', '/v1/sessions?search=lis&status=stopped');
    expect(listed).toMatchObject({ status: 200, body: [{ id: 'lisbon' }] });
    const patched = await rest(g, key, 'PATCH', '/v1/sessions/berlin', { name: 'Berlin 2', autoStart: true });
    expect(patched).toMatchObject({ status: 200, body: { name: 'Berlin 2', autoStart: true } });
    const started = await rest(g, key, 'POST', '/v1/sessions/start-many', { ids: ['berlin', 'lisbon'] });
    expect(started).toMatchObject({
      status: 200,
      body: [
        { id: 'berlin', ok: true },
        { id: 'lisbon', ok: true },
      ],
    });
    const unknownUser = await rest(g, key, 'POST', '/v1/sessions/berlin/transfer', { ownerId: 'nobody' });
    expect(unknownUser).toMatchObject({ status: 404 });
  });
});
