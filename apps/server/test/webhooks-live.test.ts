import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  waitFor,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Subscribe = Client['webhooks']['onUpdate']['subscribe'];
type Streamed = Parameters<NonNullable<Parameters<Subscribe>[1]['onData']>>[0];
type Update = Extract<Streamed, { delivery: unknown }>;
type EndpointSeen = Extract<Streamed, { endpoint: unknown }>['endpoint'];

/** Opens `webhooks.onUpdate` and resolves once the server has started it. */
async function stream(client: Client, input: Parameters<Subscribe>[0], onData: (update: Streamed) => void) {
  await new Promise<void>((resolve, reject) => {
    const sub = client.webhooks.onUpdate.subscribe(input, {
      onStarted: () => resolve(),
      onData,
      onError: reject,
    });
    cleanups.push(() => sub.unsubscribe());
  });
}

/** The deliveries streamed. */
async function watch(client: Client, input?: Parameters<Subscribe>[0]) {
  const seen: Update[] = [];
  await stream(client, input, (update) => 'delivery' in update && seen.push(update));
  return seen;
}

/** The endpoint changes streamed. */
async function watchEndpoints(client: Client, input?: Parameters<Subscribe>[0]) {
  const seen: EndpointSeen[] = [];
  await stream(client, input, (update) => 'endpoint' in update && seen.push(update.endpoint));
  return seen;
}

async function setup() {
  const g = await startTestGateway({
    WEBHOOK_RETRY_SCHEDULE_MS: '200,200',
    WEBHOOK_TIMEOUT_MS: '2000',
    // The receiver is on loopback, which operators may target only with this setting.
    WEBHOOK_PRIVATE_FOR_OPERATORS: 'true',
  });
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(async () => {
    await admin.close();
    await g.dispose();
  });
  return { g, cookie, admin };
}

/** An operator, created by the admin and signed in over a client of their own. */
async function addOperator(g: Awaited<ReturnType<typeof setup>>['g'], admin: Client) {
  await admin.users.create.mutate({
    email: 'op@example.com',
    name: 'Op',
    password: 'operator-pass-1',
    role: 'operator',
  });
  const opCookie = await signIn(g, 'op@example.com', 'operator-pass-1');
  const op = connect(g, opCookie);
  cleanups.push(() => op.close());
  return { opCookie, op };
}

describe('live webhook deliveries', () => {
  it('streams each delivery as it is queued, fails, is retried and delivered, with the payload, next retry and health', async () => {
    const { g, cookie, admin } = await setup();
    // The first attempt fails, the retry succeeds.
    const r = await startReceiver((_req, n) => (n === 0 ? 500 : 200));
    cleanups.push(r.close);
    const s = await createLinked(g, cookie, admin, 'Live hooks', '4915100000101');
    const hook = await admin.webhooks.create.mutate({
      sessionId: s.id,
      url: r.url,
      events: ['message.received'],
    });
    const seen = await watch(admin, { webhookId: hook.id });

    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550190', to: `+${s.phone}`, text: 'live?' });
    const delivered = await waitFor(
      () => seen.find((u) => u.delivery.status === 'delivered'),
      'the delivery to turn delivered on the stream',
    );
    expect(delivered.delivery.payload).toMatchObject({ type: 'message.received', accountId: s.id });
    expect(delivered.delivery.payload.data).toMatchObject({ text: 'live?' });
    expect(delivered.delivery.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(delivered.webhook).toMatchObject({ id: hook.id, consecutiveFailures: 0 });
    expect(delivered.webhook.lastSuccessAt).toBeTypeOf('number');

    // Before that, the failed attempt with its retry time, and the endpoint's failure counted.
    const retrying = seen.find((u) => u.delivery.status === 'pending' && u.delivery.attempts === 1);
    expect(retrying?.delivery.nextAttemptAt).toBeGreaterThan(retrying?.delivery.lastAttemptAt ?? Infinity);
    expect(retrying?.webhook).toMatchObject({ consecutiveFailures: 1, lastSuccessAt: null });
    expect(seen.every((u) => u.delivery.id === delivered.delivery.id)).toBe(true);

    // A replay shows up queued again.
    await admin.webhooks.replay.mutate({ deliveryId: delivered.delivery.id });
    await waitFor(
      () => seen.filter((u) => u.delivery.status === 'delivered').length >= 2,
      'the replay delivered',
    );
  });

  it('shows each user only the endpoints they may see: an operator watching everything gets their own, a foreign endpoint or account is not found', async () => {
    const { g, cookie, admin } = await setup();
    const r = await startReceiver();
    cleanups.push(r.close);
    const { opCookie, op } = await addOperator(g, admin);
    const adminSession = await createLinked(g, cookie, admin, 'Admin desk', '4915100000102');
    const opSession = await createLinked(g, opCookie, op, 'Op desk', '4915100000103');
    const global = await admin.webhooks.create.mutate({
      sessionId: null,
      url: r.url,
      events: ['message.received'],
    });
    await admin.webhooks.create.mutate({
      sessionId: adminSession.id,
      url: r.url,
      events: ['message.received'],
    });
    await op.webhooks.create.mutate({ sessionId: opSession.id, url: r.url, events: ['message.received'] });

    await expect(watch(op, { webhookId: global.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(watch(op, { sessionId: adminSession.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const opSees = await watch(op);
    const adminSees = await watch(admin, { sessionId: adminSession.id });

    for (const to of [adminSession.phone, opSession.phone])
      await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550191', to: `+${to}`, text: 'x' });
    // Four deliveries: the admin's account endpoint, the operator's, and the global one twice.
    await waitFor(() => r.received.length === 4, 'every endpoint reached');
    await waitFor(() => opSees.some((u) => u.delivery.status === 'delivered'), "the operator's delivered");
    await waitFor(() => adminSees.some((u) => u.delivery.status === 'delivered'), "the admin's delivered");
    // Each stream carries only its own endpoints: no global one, nothing of the other's account.
    expect(new Set(opSees.map((u) => u.webhook.accountId))).toEqual(new Set([opSession.id]));
    expect(new Set(adminSees.map((u) => u.webhook.accountId))).toEqual(new Set([adminSession.id]));
  });

  it('streams endpoints added, turned off and on, and removed by anyone — to those who may see them only', async () => {
    const { g, cookie, admin } = await setup();
    const r = await startReceiver();
    cleanups.push(r.close);
    const { opCookie, op } = await addOperator(g, admin);
    const adminSession = await createLinked(g, cookie, admin, 'Admin desk', '4915100000104');
    const opSession = await createLinked(g, opCookie, op, 'Op desk', '4915100000105');
    const opSees = await watchEndpoints(op);
    const adminSees = await watchEndpoints(admin);
    const adminSeesOne = await watchEndpoints(admin, { sessionId: adminSession.id });

    // The admin's endpoints first: the operator's stream, which is in order, would carry them before its own.
    const global = await admin.webhooks.create.mutate({ sessionId: null, url: r.url });
    const adminHook = await admin.webhooks.create.mutate({ sessionId: adminSession.id, url: r.url });
    const opHook = await op.webhooks.create.mutate({ sessionId: opSession.id, url: r.url });
    // The operator's endpoint changed by the admin, as from another tab, then by the operator.
    await admin.webhooks.update.mutate({ id: opHook.id, enabled: false });
    await op.webhooks.update.mutate({ id: opHook.id, enabled: true });
    await op.webhooks.delete.mutate({ id: opHook.id });

    const opEndpoint = { id: opHook.id, accountId: opSession.id };
    await waitFor(() => opSees.length === 4, "the operator's four changes");
    expect(opSees).toEqual([opEndpoint, opEndpoint, opEndpoint, opEndpoint]);
    await waitFor(() => adminSees.length === 6, 'all six changes for the admin');
    expect(adminSees.slice(0, 2)).toEqual([
      { id: global.id, accountId: null },
      { id: adminHook.id, accountId: adminSession.id },
    ]);
    expect(adminSeesOne).toEqual([{ id: adminHook.id, accountId: adminSession.id }]);
  });
});
