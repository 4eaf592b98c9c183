import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  connectWithKey,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
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
    return { code: e.data?.code, message: e.message };
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
