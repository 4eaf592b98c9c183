import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(env: Record<string, string> = {}) {
  const g = await startTestGateway({ WEBHOOK_RETRY_SCHEDULE_MS: '50', ...env });
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(() => admin.close());
  return { g, cookie, admin };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

/** An operator created by the admin and signed in, with a sandbox session of their own. */
async function operator(g: TestGateway, admin: Client) {
  await admin.users.create.mutate({
    email: 'olga@example.com',
    name: 'Olga',
    password: 'operator-password-1',
  });
  const client = connect(g, await signIn(g, 'olga@example.com', 'operator-password-1'));
  cleanups.push(() => client.close());
  const session = await client.sessions.create.mutate({ name: 'Olga desk', start: false });
  return { client, session };
}

/** The refusal a call ends with; fails the test if it succeeds. */
async function refusal(call: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as TRPCClientError<AppRouter>;
    if (!(e instanceof TRPCClientError)) throw error;
    return { code: e.data?.code, message: e.message };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

/** What the loopback "internal service" answers: what an operator must never get to read. */
const INTERNAL_ANSWER = 'answer 200';

describe('private and loopback targets need an admin’s say', () => {
  it('refuses an operator’s endpoint to a loopback service, and never shows them what one answered', async () => {
    const { g, admin } = await setup();
    const internal = await receiver();
    const op = await operator(g, admin);

    for (const url of [internal.url, internal.url.replace('127.0.0.1', 'localhost'), 'http://[::1]:9/']) {
      expect(await refusal(op.client.webhooks.create.mutate({ sessionId: op.session.id, url })), url).toEqual(
        {
          code: 'BAD_REQUEST',
          message: expect.stringMatching(/private or loopback address: only an admin can add an endpoint/),
        },
      );
    }
    expect(await op.client.webhooks.list.query()).toEqual([]);

    // An admin may add it for them; the operator then sees it work, but not what the service said.
    const approved = await admin.webhooks.create.mutate({
      sessionId: op.session.id,
      url: internal.url,
      events: ['session.status'],
    });
    const test = await op.client.webhooks.test.mutate({ id: approved.id });
    expect(test).toMatchObject({ ok: true, statusCode: 200, responseExcerpt: null });
    expect((await admin.webhooks.test.mutate({ id: approved.id })).responseExcerpt).toBe(INTERNAL_ANSWER);

    await op.client.sessions.start.mutate({ id: op.session.id });
    const logged = await waitFor(async () => {
      const page = await op.client.webhooks.deliveries.query({ webhookId: approved.id, status: 'delivered' });
      return page.items[0];
    }, 'a delivered session.status event');
    expect(logged.attemptLog.map((a) => [a.statusCode, a.responseExcerpt])).toEqual([[200, null]]);
    const asAdmin = await admin.webhooks.deliveries.query({ webhookId: approved.id, status: 'delivered' });
    expect(asAdmin.items[0]?.attemptLog[0]?.responseExcerpt).toBe(INTERNAL_ANSWER);

    // The admin's approval was for that URL: the operator cannot re-point it at another internal one.
    const other = internal.url.replace('/hook', '/admin');
    expect(await refusal(op.client.webhooks.update.mutate({ id: approved.id, url: other }))).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('only an admin can add an endpoint'),
    });
    // Nor can they use it while the admin is looking away: other changes keep the approval.
    await op.client.webhooks.update.mutate({ id: approved.id, description: 'Mine now' });
    expect((await op.client.webhooks.test.mutate({ id: approved.id })).ok).toBe(true);
  });

  it('lets operators reach private targets with WEBHOOK_PRIVATE_FOR_OPERATORS=true, still without excerpts', async () => {
    const { g, admin } = await setup({ WEBHOOK_PRIVATE_FOR_OPERATORS: 'true' });
    const internal = await receiver();
    const op = await operator(g, admin);
    const hook = await op.client.webhooks.create.mutate({ sessionId: op.session.id, url: internal.url });
    expect(await op.client.webhooks.test.mutate({ id: hook.id })).toMatchObject({
      ok: true,
      statusCode: 200,
      responseExcerpt: null,
    });
    expect(internal.received).toHaveLength(1);
  });

  it('refuses private targets to admins too with WEBHOOK_BLOCK_PRIVATE=true', async () => {
    const { g, admin } = await setup({ WEBHOOK_BLOCK_PRIVATE: 'true' });
    const internal = await receiver();
    const session = await admin.sessions.create.mutate({ name: 'Desk', start: false });
    expect(await refusal(admin.webhooks.create.mutate({ sessionId: session.id, url: internal.url }))).toEqual(
      {
        code: 'BAD_REQUEST',
        message: expect.stringContaining('(WEBHOOK_BLOCK_PRIVATE=true)'),
      },
    );
    void g;
  });
});

describe('addresses that hide where they lead', () => {
  it('refuses IPv6 forms that embed a metadata or loopback address, and special IPv4 ranges', async () => {
    const { g, admin } = await setup();
    const op = await operator(g, admin);
    const session = await admin.sessions.create.mutate({ name: 'Desk', start: false });
    const forbidden = [
      'http://[::169.254.169.254]/latest/meta-data',
      'http://[::ffff:0:a9fe:a9fe]/',
      'http://[64:ff9b::169.254.169.254]/',
      'http://[2002:a9fe:a9fe::1]/',
      'http://[2001:0:a9fe:a9fe::1]/',
      'http://224.0.0.251/',
      'http://255.255.255.255/',
      'http://0.0.0.0:8080/',
    ];
    for (const url of forbidden) {
      // Not even an admin may: nothing legitimate lives there.
      expect((await refusal(admin.webhooks.create.mutate({ sessionId: session.id, url }))).code, url).toBe(
        'BAD_REQUEST',
      );
    }
    const privateOnes = ['http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://198.18.0.1/'];
    for (const url of privateOnes) {
      expect(await refusal(op.client.webhooks.create.mutate({ sessionId: op.session.id, url })), url).toEqual(
        {
          code: 'BAD_REQUEST',
          message: expect.stringContaining('private or loopback'),
        },
      );
    }
    expect(await admin.webhooks.list.query()).toEqual([]);
  });
});

describe('shutting down with many deliveries in flight', () => {
  it('stops cleanly without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    cleanups.push(async () => void process.off('warning', onWarning));

    const { g, admin } = await setup();
    const r = await receiver(() => 'hang');
    const s = await admin.sessions.create.mutate({ name: 'Busy', start: false });
    for (let i = 0; i < 12; i++)
      await admin.webhooks.create.mutate({
        sessionId: s.id,
        url: `${r.url}/${i}`,
        events: ['session.status'],
      });
    await admin.sessions.start.mutate({ id: s.id });
    await waitFor(() => r.received.length >= 12, 'twelve deliveries in flight');
    await admin.close();
    await g.close();
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
