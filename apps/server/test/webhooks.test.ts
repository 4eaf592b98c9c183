import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  waitFor,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const FAST_WEBHOOKS = { WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50,50,50,50', WEBHOOK_TIMEOUT_MS: '1500' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(env: Record<string, string> = {}) {
  const g = await startTestGateway({ ...FAST_WEBHOOKS, ...env });
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(async () => {
    await client.close();
    await g.dispose();
  });
  return { g, cookie, client };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

const verify = (secret: string, r: { body: string; headers: Record<string, string> }) =>
  new Webhook(secret).verify(r.body, r.headers) as { type: string };

describe('webhooks', () => {
  it('signs every delivery (Standard Webhooks) and reports inbound messages, acks and status changes', async () => {
    const { g, cookie, client } = await setup();
    const r = await receiver();
    const s = await createLinked(g, cookie, client, 'Hooks', '4915100000001');
    const hook = await client.webhooks.create.mutate({ sessionId: s.id, url: r.url });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.events).not.toContain('session.qr');
    expect((await client.webhooks.list.query())[0]).not.toHaveProperty('secret');

    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550150', to: `+${s.phone}`, text: 'hello' });
    await client.messages.send.mutate({ sessionId: s.id, to: '+14155550150', text: 'hi back' });
    await waitFor(
      () => r.received.some((x) => x.payload.type === 'message.status' && x.payload.data.status === 'read'),
      'read receipt webhook',
    );
    await client.sessions.stop.mutate({ id: s.id });
    await waitFor(
      () =>
        r.received.some((x) => x.payload.type === 'session.status' && x.payload.data.status === 'stopped'),
      'session.status webhook',
    );

    for (const x of r.received) {
      expect(verify(hook.secret, x)).toBeTruthy();
      expect(x.payload).toMatchObject({ accountId: s.id, accountPhone: s.phone });
      expect(x.payload.id).toMatch(/^evt_/);
    }
    const types = r.received.map((x) => x.payload.type);
    expect(types).toContain('message.received');
    expect(types).toContain('message.sent');
    expect(types).not.toContain('session.qr');
    const inbound = r.received.find((x) => x.payload.type === 'message.received')!;
    expect(inbound.payload.data).toMatchObject({ from: '14155550150', text: 'hello', isGroup: false });

    // Tampering and wrong secrets fail verification.
    const one = r.received[0]!;
    expect(() => verify(hook.secret, { ...one, body: one.body.replace('"', ' "') })).toThrow();
    expect(() => verify('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', one)).toThrow();

    // The receiver may have answered a delivery the dispatcher has not recorded yet.
    const log = await waitFor(async () => {
      const page = await client.webhooks.deliveries.query({ webhookId: hook.id });
      return page.items.every((d) => d.status === 'delivered') && page;
    }, 'every delivery recorded as delivered');
    expect(log.items.every((d) => d.attemptLog[0]?.statusCode === 200)).toBe(true);
  });

  it('sends session.qr only to endpoints that subscribed to it, marking the final code last', async () => {
    const { client } = await setup({ SANDBOX_QR_MAX_CODES: '2' });
    const r = await receiver();
    const s = await client.sessions.create.mutate({ name: 'Qr', engine: 'sandbox', start: false });
    await client.webhooks.create.mutate({ sessionId: s.id, url: r.url, events: ['session.qr'] });
    await client.sessions.start.mutate({ id: s.id });
    const codes = await waitFor(
      () => r.received.length >= 2 && r.received.map((x) => x.payload),
      'two codes',
    );
    expect(codes.map((p) => p.type)).toEqual(['session.qr', 'session.qr']);
    expect(codes.map((p) => p.type === 'session.qr' && p.data.last)).toEqual([false, true]);
    expect(codes.every((p) => p.type === 'session.qr' && typeof p.data.qr === 'string')).toBe(true);
  });

  it('retries on 500 until 200: every event once, in order; pending ones survive a restart while the receiver is down', async () => {
    const { g, cookie, client } = await setup({
      WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50,50,1000,1000,1000,1000',
    });
    let failing = true;
    const r = await receiver(() => (failing ? 500 : 200));
    const s = await createLinked(g, cookie, client, 'Retry', '4915100000002');
    await client.webhooks.create.mutate({ sessionId: s.id, url: r.url, events: ['message.received'] });
    for (let i = 0; i < 5; i++)
      await sandbox(g, cookie, 'POST', '/inbound', {
        from: '+14155550160',
        to: `+${s.phone}`,
        text: `m${i}`,
      });
    await waitFor(() => r.received.length >= 3, 'some failed attempts');
    // The endpoint's health says so once those answers are written down (the last may still be on its way
    // when the receiver has seen it): never succeeded, failures piling up.
    const health = async () => (await client.webhooks.list.query({ sessionId: s.id }))[0]!;
    await waitFor(async () => (await health()).consecutiveFailures >= 3, 'three failures recorded');
    expect((await health()).lastSuccessAt).toBeNull();
    failing = false;
    await waitFor(async () => {
      const p = await client.webhooks.deliveries.query({ status: 'delivered' });
      return p.items.length === 5;
    }, 'all 5 delivered');
    const healthy = (await client.webhooks.list.query({ sessionId: s.id }))[0]!;
    expect(healthy.lastSuccessAt).toBeGreaterThan(0);
    expect(healthy.consecutiveFailures).toBe(0);
    const accepted = r.received.filter((x) => x.answer === 200);
    expect(accepted.map((x) => x.payload.data.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(new Set(accepted.map((x) => x.headers['webhook-id'])).size).toBe(5);
    const before = r.received.length;

    // Receiver down across a restart: the deliveries wait in SQLite and go out afterwards.
    await r.close();
    for (let i = 5; i < 8; i++)
      await sandbox(g, cookie, 'POST', '/inbound', {
        from: '+14155550160',
        to: `+${s.phone}`,
        text: `m${i}`,
      });
    await waitFor(async () => {
      const p = await client.webhooks.deliveries.query({ status: 'pending' });
      return p.items.length === 3 && p.items.some((d) => d.attempts >= 1);
    }, 'pending deliveries with failed attempts');
    await client.close();
    await g.close();
    const r2 = await receiver();
    const g2 = await startTestGateway(
      { ...FAST_WEBHOOKS, WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50,50,1000,1000,1000,1000' },
      g.dataDir,
    );
    cleanups.push(() => g2.dispose());
    const c2 = connect(g2, await signIn(g2, 'admin@example.com', 'admin-password-1'));
    cleanups.push(() => c2.close());
    const hook = (await c2.webhooks.list.query())[0]!;
    await c2.webhooks.update.mutate({ id: hook.id, url: r2.url });
    await waitFor(() => r2.received.length >= 3, 'the 3 pending deliveries after the restart');
    expect(r2.received.map((x) => x.payload.data.text)).toEqual(['m5', 'm6', 'm7']);
    expect(r.received.length).toBe(before);
  });

  it('disables an endpoint that answers 410, counts a timeout as a failure, and replays freshly signed', async () => {
    const { g, cookie, client } = await setup({ WEBHOOK_RETRY_SCHEDULE_MS: '30' });
    let mode: 'gone' | 'hang' | 'ok' = 'hang';
    const r = await receiver(() => (mode === 'gone' ? 410 : mode === 'hang' ? 'hang' : 200));
    const s = await createLinked(g, cookie, client, 'Gone', '4915100000003');
    const hook = await client.webhooks.create.mutate({
      sessionId: s.id,
      url: r.url,
      events: ['message.received'],
    });
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550170', to: `+${s.phone}`, text: 'slow' });
    const failed = await waitFor(async () => {
      const p = await client.webhooks.deliveries.query({ webhookId: hook.id, status: 'failed' });
      return p.items[0];
    }, 'the delivery to fail after its attempts');
    expect(failed.attempts).toBe(2);
    expect(failed.attemptLog.every((a) => a.statusCode === null && /No response/.test(a.error ?? ''))).toBe(
      true,
    );

    mode = 'ok';
    const firstSig = r.received[0]!.headers['webhook-signature'];
    await new Promise((res) => setTimeout(res, 1100));
    expect(await client.webhooks.replay.mutate({ webhookId: hook.id })).toEqual({ replayed: 1 });
    await waitFor(() => r.received.length === 3, 'the replay');
    const replayed = r.received[2]!;
    expect(replayed.headers['webhook-id']).toBe(r.received[0]!.headers['webhook-id']);
    expect(replayed.headers['webhook-signature']).not.toBe(firstSig);
    expect(verify(hook.secret, replayed)).toBeTruthy();

    mode = 'gone';
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550170', to: `+${s.phone}`, text: 'gone' });
    await waitFor(
      async () => (await client.webhooks.list.query())[0]?.enabled === false,
      'endpoint disabled',
    );
    expect((await client.webhooks.list.query())[0]?.disabledReason).toMatch(/410/);
  });

  it('forgets an attempt that was on the wire when its endpoint was deleted, and keeps delivering to others', async () => {
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    cleanups.push(async () => void process.off('unhandledRejection', onRejection));
    const { g, cookie, client } = await setup();
    const slow = await receiver(() => 'hang');
    const s = await createLinked(g, cookie, client, 'Deleted', '4915100000006');
    const doomed = await client.webhooks.create.mutate({ sessionId: s.id, url: slow.url });
    await client.messages.send.mutate({ sessionId: s.id, to: '+14155550199', text: 'on the wire' });
    await waitFor(() => slow.received.length > 0, 'an attempt on the wire');
    await client.webhooks.delete.mutate({ id: doomed.id });

    // The hanging attempt times out after its endpoint is gone; the dispatcher goes on with the next one.
    const fine = await receiver();
    await client.webhooks.create.mutate({ sessionId: s.id, url: fine.url });
    await client.messages.send.mutate({ sessionId: s.id, to: '+14155550199', text: 'after' });
    await waitFor(() => fine.received.some((x) => x.payload.type === 'message.sent'), 'the next delivery');
    await new Promise((r) => setTimeout(r, Number(FAST_WEBHOOKS.WEBHOOK_TIMEOUT_MS) * 2));
    expect(failures).toEqual([]);
  });

  it('delivers to a new endpoint from the next event, in order over one kept-alive connection, and to a disabled one no more', async () => {
    const { g, cookie, client } = await setup();
    const s = await createLinked(g, cookie, client, 'Cached', '4915100000008');
    const send = (text: string) => client.messages.send.mutate({ sessionId: s.id, to: '+14155550160', text });
    // Events go out while no endpoint exists, so the server has already looked for (and remembered) none.
    await send('before');
    const r = await receiver();
    const hook = await client.webhooks.create.mutate({
      sessionId: s.id,
      url: r.url,
      events: ['message.sent'],
    });
    const texts = ['one', 'two', 'three', 'four', 'five'];
    for (const text of texts) await send(text);
    await waitFor(
      () => r.received.length === texts.length,
      'a delivery for every send since the endpoint was added',
    );
    expect(r.received.map((x) => x.payload.data.text)).toEqual(texts);
    expect(r.connections).toBe(1);

    await client.webhooks.update.mutate({ id: hook.id, enabled: false });
    const other = await receiver();
    await client.webhooks.create.mutate({ sessionId: s.id, url: other.url, events: ['message.sent'] });
    await send('after');
    await waitFor(() => other.received.length === 1, 'the other endpoint hearing of the next send');
    expect(other.received[0]!.payload.data.text).toBe('after');
    const logged = await client.webhooks.deliveries.query({ webhookId: hook.id, limit: 50 });
    expect(logged.items).toHaveLength(texts.length);
    expect(r.received).toHaveLength(texts.length);
  });

  it('rotates the secret: both secrets verify during the overlap; test sends webhook.test', async () => {
    const { g, cookie, client } = await setup();
    const r = await receiver();
    const s = await createLinked(g, cookie, client, 'Rotate', '4915100000004');
    const hook = await client.webhooks.create.mutate({ sessionId: s.id, url: r.url });
    const rotated = await client.webhooks.rotateSecret.mutate({ id: hook.id });
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.previousSecretExpiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const result = await client.webhooks.test.mutate({ id: hook.id });
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null });
    const x = r.received.at(-1)!;
    expect(x.payload.type).toBe('webhook.test');
    expect(verify(hook.secret, x)).toBeTruthy();
    expect(verify(rotated.secret, x)).toBeTruthy();
    expect(x.headers['webhook-signature']!.split(' ')).toHaveLength(2);
  });

  it('refuses bad URLs with BAD_REQUEST and stores nothing', async () => {
    const { g, cookie, client } = await setup({ WEBHOOK_BLOCK_PRIVATE: 'true' });
    const s = await client.sessions.create.mutate({ name: 'Urls', engine: 'sandbox', start: false });
    for (const [url, why] of [
      ['ftp://example.com/hook', /http or https/],
      ['http://169.254.169.254/latest/meta-data', /metadata/],
      ['http://[fd00:ec2::254]/', /metadata/],
      ['http://[fe80::1]/', /link-local/],
      ['http://10.0.0.5/hook', /private/],
      ['http://127.0.0.1:9/hook', /private/],
    ] as const) {
      await expect(client.webhooks.create.mutate({ sessionId: s.id, url })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
        message: expect.stringMatching(why),
      });
    }
    expect(await client.webhooks.list.query()).toEqual([]);
    void g;
    void cookie;
  });

  it('lets operators manage only their own accounts’ endpoints; global ones are admin-only', async () => {
    // The receiver is on loopback, which operators may target only with this setting.
    const { g, client } = await setup({ WEBHOOK_PRIVATE_FOR_OPERATORS: 'true' });
    const r = await receiver();
    await client.users.create.mutate({
      email: 'op@example.com',
      name: 'Op',
      password: 'operator-pass-1',
      role: 'operator',
    });
    const op = connect(g, await signIn(g, 'op@example.com', 'operator-pass-1'));
    cleanups.push(() => op.close());
    const adminSession = await client.sessions.create.mutate({
      name: 'Admins',
      engine: 'sandbox',
      start: false,
    });
    const mine = await op.sessions.create.mutate({ name: 'Mine', engine: 'sandbox', start: false });
    const adminHook = await client.webhooks.create.mutate({ sessionId: adminSession.id, url: r.url });
    const global = await client.webhooks.create.mutate({ sessionId: null, url: r.url });
    await op.webhooks.create.mutate({ sessionId: mine.id, url: r.url });
    expect((await op.webhooks.list.query()).map((w) => w.accountId)).toEqual([mine.id]);
    for (const id of [adminHook.id, global.id])
      await expect(op.webhooks.rotateSecret.mutate({ id })).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
    await expect(op.webhooks.create.mutate({ sessionId: adminSession.id, url: r.url })).rejects.toMatchObject(
      {
        data: { code: 'NOT_FOUND' },
      },
    );
    await expect(op.webhooks.create.mutate({ sessionId: null, url: r.url })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    expect(await client.webhooks.list.query()).toHaveLength(3);
  });
});
