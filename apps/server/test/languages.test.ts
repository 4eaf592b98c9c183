import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  connectWithKey,
  createLinked,
  newDataDir,
  rest,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

async function withAdmin(): Promise<{ g: TestGateway; admin: Client }> {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  return { g, admin: track(connect(g, await setupAdmin(g))) };
}

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, message: e.message, reason: e.data?.reason, params: e.data?.params };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

const OPERATOR = { email: 'lina@example.com', name: 'Lina Operator', password: 'operator-password-1' };

describe('the dashboard language of a user', () => {
  it('is unset at first, saved for the one who chooses it, and follows them to a new sign-in', async () => {
    const { g, admin } = await withAdmin();
    await admin.users.create.mutate(OPERATOR);
    const lina = track(connect(g, await signIn(g, OPERATOR.email, OPERATOR.password)));
    expect((await lina.auth.me.query()).user?.locale).toBeNull();

    expect(await lina.auth.setLocale.mutate({ locale: 'ar' })).toMatchObject({
      email: OPERATOR.email,
      locale: 'ar',
    });

    // Another browser: a fresh sign-in is told the saved language.
    const elsewhere = track(connect(g, await signIn(g, OPERATOR.email, OPERATOR.password)));
    expect((await elsewhere.auth.me.query()).user?.locale).toBe('ar');
    // It is theirs alone: the admin's stays unset, and the admin sees Lina's in the users list.
    expect((await admin.auth.me.query()).user?.locale).toBeNull();
    const listed = (await admin.users.list.query()).find((u) => u.email === OPERATOR.email);
    expect(listed?.locale).toBe('ar');
  });

  it('refuses a language Switchboard does not speak, naming the ones it does, and keeps the saved one', async () => {
    const { admin } = await withAdmin();
    await admin.auth.setLocale.mutate({ locale: 'ar' });
    for (const locale of ['xx', 'en-GB', 'AR', '']) {
      const refused = await refusal(admin.auth.setLocale.mutate({ locale }));
      expect(refused.code).toBe('BAD_REQUEST');
      if (locale !== '') expect(refused.message).toMatch(/does not speak ".+": choose one of en, ar/);
    }
    expect((await admin.auth.me.query()).user?.locale).toBe('ar');
  });

  it('is set only by the person signed in: not anonymously, and not with an API key', async () => {
    const { g, admin } = await withAdmin();
    const anonymous = track(connect(g));
    expect((await refusal(anonymous.auth.setLocale.mutate({ locale: 'ar' }))).code).toBe('UNAUTHORIZED');

    const { secret } = await admin.apiKeys.create.mutate({ name: 'crm', scopes: ['sessions:read'] });
    const keyed = track(connectWithKey(g, secret));
    const refused = await refusal(keyed.auth.setLocale.mutate({ locale: 'ar' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await admin.auth.me.query()).user).toMatchObject({ email: ADMIN.email, locale: null });
  });
});

describe('refusals a person meets carry a stable reason and its values beside the English message', () => {
  it('over tRPC: a missing session, a bad phone number, a taken id, a language, signing in', async () => {
    const { g, admin } = await withAdmin();
    expect(await refusal(admin.sessions.byId.query({ id: 'nowhere' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'Session nowhere not found',
      reason: 'session.not_found',
      params: { id: 'nowhere' },
    });
    expect(
      await refusal(admin.sessions.checkNumber.query({ id: 'nowhere', phone: '+4915112345678' })),
    ).toMatchObject({
      reason: 'session.not_found',
    });
    await admin.sessions.create.mutate({ name: 'Sales', id: 'sales' });
    expect(await refusal(admin.sessions.create.mutate({ name: 'Sales', id: 'sales' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'session.id_taken',
      params: { id: 'sales' },
    });
    expect(
      await refusal(admin.messages.send.mutate({ sessionId: 'sales', to: 'abc', text: 'hi' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'phone.invalid',
      params: { value: 'abc' },
    });
    expect(await refusal(admin.auth.setLocale.mutate({ locale: 'xx' }))).toMatchObject({
      reason: 'locale.unsupported',
      params: { locale: 'xx', supported: 'en, ar, pt-BR, es, id' },
    });
    const anonymous = track(connect(g));
    expect(await refusal(anonymous.sessions.list.query())).toMatchObject({
      code: 'UNAUTHORIZED',
      reason: 'auth.sign_in_required',
    });
    expect(
      await refusal(anonymous.auth.login.mutate({ email: ADMIN.email, password: 'wrong' })),
    ).toMatchObject({
      code: 'UNAUTHORIZED',
      reason: 'auth.wrong_credentials',
    });
    // A refusal without a reason of its own has none: the field is there, empty.
    expect((await refusal(admin.users.delete.mutate({ id: 'nobody' }))).reason).toBeNull();
  });

  it('over REST: the same reason and values in the shared error body', async () => {
    const { g, admin } = await withAdmin();
    const { secret } = await admin.apiKeys.create.mutate({ name: 'crm', scopes: ['sessions:read'] });
    expect(await rest(g, secret, 'GET', '/v1/sessions/nowhere')).toMatchObject({
      status: 404,
      body: {
        code: 'NOT_FOUND',
        message: 'Session nowhere not found',
        reason: 'session.not_found',
        params: { id: 'nowhere' },
      },
    });
    const unknown = await rest(g, secret, 'GET', '/v1/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toHaveProperty('reason');
  });
});

describe('what the server says about sessions and messages carries a code beside the English', () => {
  it('a failed session, a failed send and the Overview keep their codes, across a restart too', async () => {
    const dataDir = newDataDir();
    const first = await startTestGateway({ SANDBOX_NOT_ON_WHATSAPP: '4915199999999' }, dataDir);
    const cookie = await setupAdmin(first);
    const c1 = connect(first, cookie);
    const sales = await createLinked(first, cookie, c1, 'Sales', '4915112399001');
    const patient = await c1.sessions.create.mutate({ name: 'Patient' });
    const failed = await waitForStatus(c1, patient.id, 'failed', 20_000);
    const qrNotScanned = { reason: 'session.qr_not_scanned', params: {} };
    expect(failed).toMatchObject({
      statusReason: 'QR code not scanned in time',
      statusReasonCoded: qrNotScanned,
    });
    await c1.messages.send.mutate({ sessionId: sales.id, to: '+4915199999999', text: 'Hello' });
    const refused = await waitFor(async () => {
      const page = await c1.messages.list.query({ sessionId: sales.id });
      return page.items.find((m) => m.status === 'failed');
    }, 'the failed send');
    expect(refused.error).toEqual(expect.any(String));
    expect(refused.errorCoded).toMatchObject({ reason: 'message.not_on_whatsapp' });
    await c1.close();
    await first.close();

    const second = await startTestGateway({}, dataDir);
    cleanups.push(() => second.dispose());
    const c2 = track(connect(second, await signIn(second, ADMIN.email, ADMIN.password)));
    expect((await c2.sessions.byId.query({ id: patient.id })).statusReasonCoded).toEqual(qrNotScanned);
    const after = await c2.messages.list.query({ sessionId: sales.id });
    expect(after.items.find((m) => m.id === refused.id)?.errorCoded).toEqual(refused.errorCoded);
    const attention = await c2.stats.attention.query();
    expect(attention.find((a) => a.sessionId === patient.id)?.reasonCoded).toEqual(qrNotScanned);
    // The session's timeline keeps the code of the status change.
    const history = await c2.sessions.history.query({ id: patient.id, types: 'status' });
    expect(history.items.find((e) => e.status === 'failed')?.detailCoded).toEqual(qrNotScanned);
  });
});
