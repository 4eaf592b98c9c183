import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cleanups,
  fresh,
  login,
  OPERATOR,
  post,
  refusal,
  refusedWith,
  SIGN_IN_FIRST,
  track,
  upgrade,
  WRONG,
  withAdmin,
} from './support/auth.ts';
import { ADMIN, connect, signIn, startTestGateway } from './support/harness.ts';

// ── First run ──────────────────────────────────────────────────────────────────────────────────────────

describe('first run', () => {
  it('asks for setup, then setup creates the admin and signs them in with an HttpOnly, SameSite=Lax cookie', async () => {
    const g = await fresh();
    const anonymous = track(connect(g));
    expect(await anonymous.auth.me.query()).toEqual({ user: null, needsSetup: true });

    const res = await post(g, 'auth.setup', ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      result: { data: { email: ADMIN.email, name: ADMIN.name, role: 'admin' } },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);

    expect(res.setCookie).toHaveLength(1);
    const header = res.setCookie[0]!;
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    expect(pair).toMatch(/^sb_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).not.toContain('Secure');
    const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))!.slice('Expires='.length));
    // LOGIN_TTL_DAYS defaults to 30.
    expect(expires).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect(expires).toBeLessThan(Date.now() + 31 * 24 * 3600_000);

    const me = await track(connect(g, pair)).auth.me.query();
    expect(me).toEqual({
      user: expect.objectContaining({ email: ADMIN.email, role: 'admin' }),
      needsSetup: false,
    });
    expect(await anonymous.auth.me.query()).toEqual({ user: null, needsSetup: false });
  });

  it('marks the cookie Secure with COOKIE_SECURE=true', async () => {
    const g = await fresh({ COOKIE_SECURE: 'true' });
    const res = await post(g, 'auth.setup', ADMIN);
    expect(res.setCookie[0]!.split(';').map((p) => p.trim())).toContain('Secure');
  });

  it('refuses a second setup with FORBIDDEN, sets no cookie and creates no user', async () => {
    const { g, admin } = await withAdmin();
    const before = await admin.users.list.query();
    const second = await post(g, 'auth.setup', {
      email: 'mallory@example.com',
      name: 'Mallory',
      password: 'mallory-pw-1',
    });
    expect(second.status).toBe(403);
    expect(second.setCookie).toEqual([]);
    expect(second.body).toMatchObject({
      error: { message: 'Setup is already done: sign in instead', data: { code: 'FORBIDDEN' } },
    });
    // Even with the admin's own email, setup cannot be used to overwrite their password.
    const again = await refusal(connect(g).auth.setup.mutate({ ...ADMIN, password: 'overwritten-1' }));
    expect(again).toEqual(refusedWith('FORBIDDEN', 'Setup is already done'));

    expect(await admin.users.list.query()).toEqual(before);
    expect(await login(g, 'mallory@example.com', 'mallory-pw-1')).toEqual(refusedWith('UNAUTHORIZED', WRONG));
    expect(await login(g, ADMIN.email, 'overwritten-1')).toEqual(refusedWith('UNAUTHORIZED', WRONG));
  });

  it('lets exactly one of several simultaneous setups win', async () => {
    const g = await fresh();
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        post(g, 'auth.setup', { email: `admin${i}@example.com`, name: `A${i}`, password: 'pw-long-enough' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 403, 403]);
    const cookie = results.find((r) => r.status === 200)!.setCookie[0]!.split(';')[0]!;
    expect(await track(connect(g, cookie)).users.list.query()).toHaveLength(1);
  });

  it('refuses setup input a person can fix, and stays in setup mode', async () => {
    const g = await fresh();
    const anonymous = track(connect(g));
    const cases: Array<[Partial<typeof ADMIN>, string]> = [
      [{ password: 'short' }, 'Password must be at least 8 characters'],
      [{ email: 'not-an-email' }, '"not-an-email" is not a valid email address'],
      [{ name: '   ' }, 'Name is required'],
    ];
    for (const [change, message] of cases) {
      expect(await refusal(anonymous.auth.setup.mutate({ ...ADMIN, ...change })), message).toEqual(
        refusedWith('BAD_REQUEST', message),
      );
    }
    expect(await anonymous.auth.me.query()).toEqual({ user: null, needsSetup: true });
  });
});

// ── Signing in ─────────────────────────────────────────────────────────────────────────────────────────

describe('signing in', () => {
  it('answers a wrong password and an unknown email with the same UNAUTHORIZED message and no cookie', async () => {
    const { g } = await withAdmin();
    const wrongPassword = await post(g, 'auth.login', { email: ADMIN.email, password: 'not-the-password' });
    const unknownEmail = await post(g, 'auth.login', {
      email: 'nobody@example.com',
      password: ADMIN.password,
    });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.setCookie).toEqual([]);
      expect(res.body).toMatchObject({ error: { message: WRONG, data: { code: 'UNAUTHORIZED' } } });
    }
    // Emails are compared case- and space-insensitively.
    const cookie = await signIn(g, `  ${ADMIN.email.toUpperCase()} `, ADMIN.password);
    expect((await track(connect(g, cookie)).auth.me.query()).user?.email).toBe(ADMIN.email);
  });

  it('locks an account after 5 wrong passwords: even the right one then gets TOO_MANY_REQUESTS', async () => {
    const { g, cookie, admin } = await withAdmin();
    await admin.users.create.mutate(OPERATOR);
    for (let i = 0; i < 5; i++) {
      expect(await login(g, ADMIN.email, `wrong-password-${i}`)).toEqual(refusedWith('UNAUTHORIZED', WRONG));
    }
    const locked = await login(g, ADMIN.email, ADMIN.password);
    expect(locked).toEqual(
      expect.objectContaining({
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        message: expect.stringContaining('Try again in'),
      }),
    );
    // The default window is 15 minutes.
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(locked.message).toContain(`Try again in ${locked.retryAfterSeconds} s`);
    // Another spelling of the same email is the same account.
    expect((await login(g, ADMIN.email.toUpperCase(), ADMIN.password)).code).toBe('TOO_MANY_REQUESTS');

    // The lock is on sign-ins to that account only: its existing login and other accounts still work.
    expect((await admin.auth.me.query()).user?.email).toBe(ADMIN.email);
    expect(await upgrade(g, cookie)).toBe('open');
    expect(await signIn(g, OPERATOR.email, OPERATOR.password)).toMatch(/^sb_session=/);
  });

  it('limits sign-in attempts per IP with LOGIN_MAX_ATTEMPTS_PER_IP, successful ones included', async () => {
    const { g, admin } = await withAdmin({ LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    await admin.users.create.mutate(OPERATOR);
    expect((await login(g, OPERATOR.email, 'wrong-password')).code).toBe('UNAUTHORIZED');
    expect((await login(g, 'nobody@example.com', 'whatever-1')).code).toBe('UNAUTHORIZED');
    await signIn(g, ADMIN.email, ADMIN.password);

    const limited = await login(g, OPERATOR.email, OPERATOR.password);
    expect(limited).toEqual(refusedWith('TOO_MANY_REQUESTS', 'Try again in'));
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect((await login(g, ADMIN.email, ADMIN.password)).code).toBe('TOO_MANY_REQUESTS');
  });
});

// ── Signing out ────────────────────────────────────────────────────────────────────────────────────────

describe('signing out', () => {
  it('invalidates the cookie on the server and clears it in the browser, leaving other logins alone', async () => {
    const { g, cookie } = await withAdmin();
    const otherDevice = await signIn(g, ADMIN.email, ADMIN.password);

    const res = await post(g, 'auth.logout', undefined, cookie);
    expect(res.status).toBe(200);
    expect(res.setCookie).toHaveLength(1);
    const cleared = res.setCookie[0]!.split(';').map((p) => p.trim());
    expect(cleared[0]).toBe('sb_session=');
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('HttpOnly');

    // A copy of the old cookie is worthless now.
    const stale = track(connect(g, cookie));
    expect(await stale.auth.me.query()).toEqual({ user: null, needsSetup: false });
    expect(await refusal(stale.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    expect(await upgrade(g, cookie)).toBe(401);

    const other = track(connect(g, otherDevice));
    expect((await other.auth.me.query()).user?.email).toBe(ADMIN.email);
    expect(await other.sessions.list.query()).toEqual([]);
  });
});

// ── ADMIN_EMAIL / ADMIN_PASSWORD ───────────────────────────────────────────────────────────────────────

describe('the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  it('is created on first start, and later starts never create or overwrite anyone', async () => {
    const boss = { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'boss-password-1' };
    const first = await startTestGateway(boss);
    const dataDir = first.dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // close() is idempotent: these only matter when the test stops half-way.
    cleanups.push(() => first.close());

    expect(await connect(first).auth.me.query()).toEqual({ user: null, needsSetup: false });
    const cookie = await signIn(first, boss.ADMIN_EMAIL, boss.ADMIN_PASSWORD);
    const client = connect(first, cookie);
    expect(await client.users.list.query()).toEqual([
      expect.objectContaining({ email: 'boss@example.com', role: 'admin' }),
    ]);
    expect(await refusal(connect(first).auth.setup.mutate(ADMIN))).toEqual(
      refusedWith('FORBIDDEN', 'Setup is already done'),
    );
    await client.close();
    await first.close();

    // Another admin in the environment: users exist, so nothing is created.
    const second = await startTestGateway(
      { ADMIN_EMAIL: 'new@example.com', ADMIN_PASSWORD: 'new-password-1' },
      dataDir,
    );
    cleanups.push(() => second.close());
    expect(await login(second, 'new@example.com', 'new-password-1')).toEqual(
      refusedWith('UNAUTHORIZED', WRONG),
    );
    await second.close();

    // The same admin with a changed password: the stored password stays.
    const third = await startTestGateway({ ...boss, ADMIN_PASSWORD: 'changed-password-2' }, dataDir);
    cleanups.push(() => third.close());
    expect(await login(third, boss.ADMIN_EMAIL, 'changed-password-2')).toEqual(
      refusedWith('UNAUTHORIZED', WRONG),
    );
    const again = track(connect(third, await signIn(third, boss.ADMIN_EMAIL, boss.ADMIN_PASSWORD)));
    expect(await again.users.list.query()).toEqual([expect.objectContaining({ email: 'boss@example.com' })]);
  });
});
