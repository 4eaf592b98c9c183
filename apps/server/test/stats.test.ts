import type { AppRouter } from '@switchboard/api';
import type { Scope } from '@switchboard/validators';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  connectWithKey,
  createLinked,
  rest,
  sandbox,
  signIn,
  type TestGateway,
  useAdminGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

async function operator(): Promise<Client> {
  await client.users.create.mutate({
    email: 'olga@example.com',
    name: 'Olga',
    password: 'operator-password-1',
  });
  return connect(g, await signIn(g, 'olga@example.com', 'operator-password-1'));
}

const today = () => new Date().toISOString().slice(0, 10);

describe('stats over a real gateway', () => {
  it('counts what the sandbox sent, delivered, read and received today, and what needs attention', async () => {
    const s = await createLinked(g, cookie, client, 'Sales', '4915100000071');
    for (const text of ['one', 'two'])
      await client.messages.send.mutate({ sessionId: s.id, to: '+14155550171', text });
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550171', to: `+${s.phone}`, text: 'hi' });

    const figures = await waitFor(async () => {
      const m = await client.stats.messages.query({ days: 7 });
      return m.totals.read === 2 && m.totals.received === 1 ? m : undefined;
    }, 'both messages read and the reply counted');
    expect(figures.days).toHaveLength(7);
    expect(figures.days.at(-1)).toEqual({
      date: today(),
      sent: 2,
      delivered: 2,
      read: 2,
      failed: 0,
      unknown: 0,
      received: 1,
    });
    expect(figures).toMatchObject({ timeZone: 'UTC', deliveryRate: 1, readRate: 1 });
    expect(await client.stats.sessions.query()).toMatchObject({
      total: 1,
      limited: 0,
      byStatus: { connected: 1 },
    });
    expect(await client.stats.attention.query()).toEqual([]);

    expect((await sandbox(g, cookie, 'POST', `/sessions/${s.id}/unlink`)).status).toBe(200);
    await waitForStatus(client, s.id, 'logged_out');
    expect(await client.stats.attention.query()).toEqual([
      expect.objectContaining({ sessionId: s.id, kind: 'logged_out', status: 'logged_out' }),
    ]);
    expect((await client.stats.sessions.query({ sessionId: s.id })).byStatus.logged_out).toBe(1);
  });

  it("shows an operator only their own accounts and answers NOT_FOUND for others' like a missing one", async () => {
    const adminOwn = await createLinked(g, cookie, client, 'Admin desk', '4915100000072');
    await client.messages.send.mutate({ sessionId: adminOwn.id, to: '+14155550172', text: 'admin' });
    await sandbox(g, cookie, 'POST', `/sessions/${adminOwn.id}/unlink`);
    const op = await operator();
    try {
      await op.sessions.create.mutate({ name: 'Olga desk' });
      expect(await op.stats.sessions.query()).toMatchObject({ total: 1 });
      expect((await op.stats.messages.query()).totals.sent).toBe(0);
      expect(await op.stats.attention.query()).toEqual([]);
      expect(await op.stats.webhooks.query()).toEqual([]);

      const theirs = await refusal(op.stats.messages.query({ sessionId: adminOwn.id }));
      const missing = await refusal(op.stats.messages.query({ sessionId: 'no-such-session' }));
      expect(theirs).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: `Session ${adminOwn.id} not found`,
      });
      expect(missing).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: 'Session no-such-session not found',
      });
      expect((await refusal(op.stats.sessions.query({ sessionId: adminOwn.id }))).code).toBe('NOT_FOUND');
    } finally {
      await op.close();
    }
  });

  it('refuses bad input with a clear message, and strangers', async () => {
    expect(await refusal(client.stats.messages.query({ timeZone: 'Mars/Olympus' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Unknown time zone'),
    });
    for (const days of [0, 91, 1.5])
      expect(await refusal(client.stats.messages.query({ days }))).toMatchObject({
        code: 'BAD_REQUEST',
        message: 'days: Days must be a whole number from 1 to 90',
      });
    expect((await refusal(client.stats.messages.query({ sessionId: '../etc' }))).code).toBe('BAD_REQUEST');
    const stranger = connect(g);
    try {
      expect((await refusal(stranger.stats.sessions.query())).code).toBe('UNAUTHORIZED');
    } finally {
      await stranger.close();
    }
  });

  it('names a failing webhook endpoint with its backlog and last error', async () => {
    const s = await createLinked(g, cookie, client, 'Hooks', '4915100000073');
    // Port 9 on loopback (discard) refuses: each delivery fails at once.
    const hook = await client.webhooks.create.mutate({ sessionId: s.id, url: 'http://127.0.0.1:9/hook' });
    await client.messages.send.mutate({ sessionId: s.id, to: '+14155550173', text: 'ping' });
    const failing = await waitFor(async () => {
      const list = await client.stats.webhooks.query();
      return list[0] && list[0].consecutiveFailures > 0 ? list : undefined;
    }, 'the endpoint to fail');
    expect(failing).toEqual([
      expect.objectContaining({
        id: hook.id,
        accountId: s.id,
        lastError: expect.stringMatching(/ECONNREFUSED|refused/i),
      }),
    ]);
    expect(failing[0]?.pending).toBeGreaterThan(0);
  });

  it('answers over REST with an API key, each figure needing the scope of its data', async () => {
    const s = await createLinked(g, cookie, client, 'Keys', '4915100000074');
    const key = async (...scopes: Scope[]) =>
      (await client.apiKeys.create.mutate({ name: 'stats', scopes })).secret;
    const reader = await key('sessions:read');
    expect(await rest(g, reader, 'GET', '/v1/stats/sessions')).toMatchObject({
      status: 200,
      body: { total: 1, byStatus: { connected: 1 } },
    });
    expect(await rest(g, reader, 'GET', '/v1/stats/attention')).toMatchObject({ status: 200, body: [] });
    const needs: Array<[string, Scope]> = [
      ['/v1/stats/messages', 'messages:read'],
      ['/v1/stats/webhooks', 'webhooks:manage'],
    ];
    for (const [path, scope] of needs)
      expect(await rest(g, reader, 'GET', path)).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', message: `This API key lacks the "${scope}" scope needed for this` },
      });

    const counter = await key('messages:read');
    const week = await rest(
      g,
      counter,
      'GET',
      `/v1/stats/messages?sessionId=${s.id}&days=7&timeZone=Asia/Jakarta`,
    );
    expect(week).toMatchObject({ status: 200, body: { timeZone: 'Asia/Jakarta', totals: { sent: 0 } } });
    expect((week.body as { days: unknown[] }).days).toHaveLength(7);
    expect(await rest(g, counter, 'GET', '/v1/stats/messages?days=0')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('Days must be a whole number from 1 to 90') },
    });
    expect((await rest(g, counter, 'GET', '/v1/stats/messages?sessionId=ghost')).status).toBe(404);

    // The Overview's campaigns under way come from campaigns.list, which needs campaigns:read.
    const underWay = { status: ['running' as const, 'paused' as const] };
    const blind = connectWithKey(g, reader);
    const sighted = connectWithKey(g, await key('campaigns:read'));
    try {
      expect((await refusal(blind.campaigns.list.query(underWay))).code).toBe('FORBIDDEN');
      expect((await sighted.campaigns.list.query(underWay)).items).toEqual([]);
    } finally {
      await blind.close();
      await sighted.close();
    }
  });
});
