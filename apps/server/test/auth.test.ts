import { rmSync } from 'node:fs';
import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import WS from 'ws';
import {
  ADMIN,
  type Client,
  connect,
  sessionEventsIn,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';

// ── Local helpers ──────────────────────────────────────────────────────────────────────────────────────

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Newest first (subscriptions, clients, then gateways); one failing cleanup must not skip the others.
  const failures: unknown[] = [];
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
});

async function fresh(overrides: Record<string, string> = {}, dataDir?: string): Promise<TestGateway> {
  const g = await startTestGateway(overrides, dataDir);
  cleanups.push(() => g.dispose());
  return g;
}

/** A gateway whose first admin went through the setup form; `admin` is their signed-in client. */
async function withAdmin(overrides: Record<string, string> = {}) {
  const g = await fresh(overrides);
  const cookie = await setupAdmin(g);
  return { g, cookie, admin: track(connect(g, cookie)) };
}

function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

const OPERATOR = { email: 'olga@example.com', name: 'Olga Operator', password: 'operator-password-1' };

async function addOperator(g: TestGateway, admin: Client) {
  const user = await admin.users.create.mutate(OPERATOR);
  const cookie = await signIn(g, OPERATOR.email, OPERATOR.password);
  return { user, cookie, client: track(connect(g, cookie)) };
}

interface Refusal {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
  retryAfterSeconds: number | null | undefined;
}

/** The error a call was refused with; fails the test if the call succeeded. */
async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return {
      code: e.data?.code,
      httpStatus: e.data?.httpStatus,
      message: e.message,
      retryAfterSeconds: e.data?.retryAfterSeconds,
    };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

const refusedWith = (code: string, message: string) =>
  expect.objectContaining({ code, message: expect.stringContaining(message) });

/**
 * A mutation over plain HTTP, to see the raw status and Set-Cookie headers a browser would get. Without
 * input it is sent the way the dashboard's batching client sends it.
 */
async function post(g: TestGateway, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${g.url}/trpc/${path}${body === undefined ? '?batch=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? '{}' : JSON.stringify(body),
  });
  return { status: res.status, setCookie: res.headers.getSetCookie(), body: (await res.json()) as unknown };
}

const login = (g: TestGateway, email: string, password: string) =>
  refusal(connect(g).auth.login.mutate({ email, password }));

/** Whether the WebSocket upgrade with this cookie is accepted ('open') or refused (its HTTP status). */
function upgrade(g: TestGateway, cookie: string): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers: { cookie } });
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode ?? 0);
    });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', reject);
  });
}

const WRONG = 'Wrong email or password';
const SIGN_IN_FIRST = {
  code: 'UNAUTHORIZED',
  httpStatus: 401,
  message: 'Sign in first: this needs a logged-in user',
  retryAfterSeconds: null,
};

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

// ── Managing users ─────────────────────────────────────────────────────────────────────────────────────

describe('managing users', () => {
  it('refuses every users.* procedure to an operator with FORBIDDEN, changing nothing', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const adminId = (await admin.auth.me.query()).user!.id;
    const before = await admin.users.list.query();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['list', () => op.client.users.list.query()],
      [
        'create',
        () => op.client.users.create.mutate({ email: 'x@example.com', name: 'X', password: 'x-password-1' }),
      ],
      ['update', () => op.client.users.update.mutate({ id: op.user.id, role: 'admin' })],
      ['update other', () => op.client.users.update.mutate({ id: adminId, password: 'hijacked-password' })],
      ['delete', () => op.client.users.delete.mutate({ id: adminId })],
    ];
    for (const [what, call] of calls) {
      expect(await refusal(call()), what).toEqual({
        code: 'FORBIDDEN',
        httpStatus: 403,
        message: 'Only admins can do this',
        retryAfterSeconds: null,
      });
    }
    expect(await admin.users.list.query()).toEqual(before);
    expect(await signIn(g, ADMIN.email, ADMIN.password)).toMatch(/^sb_session=/);
  });

  it('creates an operator, and refuses a duplicate email (in any spelling) with CONFLICT', async () => {
    const { g, admin } = await withAdmin();
    const created = await admin.users.create.mutate(OPERATOR);
    expect(created).toMatchObject({ email: OPERATOR.email, name: OPERATOR.name, role: 'operator' });
    const before = await admin.users.list.query();
    for (const email of [OPERATOR.email, ` ${OPERATOR.email.toUpperCase()} `, ADMIN.email]) {
      const canonical = email.trim().toLowerCase();
      expect(
        await refusal(admin.users.create.mutate({ ...OPERATOR, email, password: 'other-password-1' })),
      ).toEqual(refusedWith('CONFLICT', `A user with email ${canonical} already exists`));
    }
    const invalid: Array<[Partial<typeof OPERATOR>, string]> = [
      [{ email: 'nobody@nowhere' }, 'is not a valid email address'],
      [{ email: 'new@example.com', password: 'short' }, 'Password must be at least 8 characters'],
      [{ email: 'new@example.com', name: ' ' }, 'Name is required'],
    ];
    for (const [change, message] of invalid) {
      expect(await refusal(admin.users.create.mutate({ ...OPERATOR, ...change })), message).toEqual(
        refusedWith('BAD_REQUEST', message),
      );
    }
    expect(await admin.users.list.query()).toEqual(before);
    // The first operator's password was not touched by the refused duplicates.
    expect(await signIn(g, OPERATOR.email, OPERATOR.password)).toMatch(/^sb_session=/);
  });

  it("resets a password: the user's existing logins end and only the new password works", async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    expect(await op.client.sessions.list.query()).toEqual([]);

    await admin.users.update.mutate({ id: op.user.id, password: 'brand-new-password-2' });

    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    expect(await upgrade(g, op.cookie)).toBe(401);
    expect(await login(g, OPERATOR.email, OPERATOR.password)).toEqual(refusedWith('UNAUTHORIZED', WRONG));
    const fresh = track(connect(g, await signIn(g, OPERATOR.email, 'brand-new-password-2')));
    expect((await fresh.auth.me.query()).user?.email).toBe(OPERATOR.email);
    // The admin who reset it stays signed in.
    expect((await admin.auth.me.query()).user?.email).toBe(ADMIN.email);
  });

  it('refuses deleting yourself and demoting the last admin, naming what to do instead', async () => {
    const { admin } = await withAdmin();
    const me = (await admin.auth.me.query()).user!;
    const before = await admin.users.list.query();
    expect(await refusal(admin.users.delete.mutate({ id: me.id }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'You cannot delete yourself'),
    );
    expect(await refusal(admin.users.update.mutate({ id: me.id, role: 'operator' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'Cannot demote the last admin'),
    );
    expect(await refusal(admin.users.delete.mutate({ id: 'no-such-user' }))).toEqual(
      refusedWith('NOT_FOUND', 'User no-such-user not found'),
    );
    expect(await refusal(admin.users.update.mutate({ id: 'no-such-user', name: 'Ghost' }))).toEqual(
      refusedWith('NOT_FOUND', 'User no-such-user not found'),
    );
    expect(await admin.users.list.query()).toEqual(before);
    expect((await admin.auth.me.query()).user?.role).toBe('admin');
  });

  it('gives a role change effect on the existing login at once', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    await admin.users.update.mutate({ id: op.user.id, role: 'admin' });
    expect(await op.client.users.list.query()).toHaveLength(2);
    // With two admins, one may step down.
    await admin.users.update.mutate({ id: op.user.id, role: 'operator' });
    expect((await refusal(op.client.users.list.query())).code).toBe('FORBIDDEN');
  });

  it('refuses deleting a user who still owns sessions with CONFLICT, and deletes them once they own none', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });
    const before = await admin.users.list.query();

    expect(await refusal(admin.users.delete.mutate({ id: op.user.id }))).toEqual(
      refusedWith('CONFLICT', `User ${OPERATOR.email} still owns 1 session: delete them first`),
    );
    expect(await admin.users.list.query()).toEqual(before);
    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual([own.id]);

    await admin.sessions.delete.mutate({ id: own.id });
    await admin.users.delete.mutate({ id: op.user.id });
    expect((await admin.users.list.query()).map((u) => u.email)).toEqual([ADMIN.email]);
    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    expect(await login(g, OPERATOR.email, OPERATOR.password)).toEqual(refusedWith('UNAUTHORIZED', WRONG));
  });
});

// ── Open WebSockets follow the login ───────────────────────────────────────────────────────────────────

type SeenEvent = { sessionId: string; type: string };

/** Starts an unfiltered sessions.onEvent stream and collects what it yields; a stream that ends just stops. */
function watch(client: Client) {
  const seen: SeenEvent[] = [];
  const sub = client.sessions.onEvent.subscribe(undefined, {
    onData: ({ data }) => seen.push(...sessionEventsIn(data)),
    onError: () => {},
  });
  cleanups.push(async () => sub.unsubscribe());
  return { seen };
}

/**
 * Starts `id` as the admin and waits until the admin's own stream has shown two of its QR codes. Events go
 * out to every subscriber at once, so by then any other stream that still receives them has them too.
 */
async function startAndWatchQrs(admin: Client, adminSeen: SeenEvent[], id: string) {
  await admin.sessions.start.mutate({ id });
  await waitFor(
    () => adminSeen.filter((e) => e.sessionId === id && e.type === 'qr').length >= 2,
    `two QR codes of ${id} on the admin's stream`,
  );
}

describe('a live event stream ends with the login it was opened with', () => {
  it('stops streaming to a user whose password was reset (the stream of the old login)', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });
    const adminStream = watch(admin);
    const opStream = watch(op.client);
    await waitFor(() => opStream.seen.some((e) => e.sessionId === own.id), "the operator's snapshot");
    await waitFor(() => adminStream.seen.some((e) => e.sessionId === own.id), "the admin's snapshot");

    await admin.users.update.mutate({ id: op.user.id, password: 'brand-new-password-2' });
    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    const before = opStream.seen.length;
    await startAndWatchQrs(admin, adminStream.seen, own.id);

    // Whoever held the old login must not keep watching the account's QR codes.
    expect(opStream.seen.slice(before).map((e) => `${e.sessionId} ${e.type}`)).toEqual([]);
  });

  it("stops streaming other users' sessions to an admin who was demoted to operator", async () => {
    const { g, admin } = await withAdmin();
    const second = { email: 'second@example.com', name: 'Second Admin', password: 'second-password-1' };
    const secondUser = await admin.users.create.mutate({ ...second, role: 'admin' });
    const secondClient = track(connect(g, await signIn(g, second.email, second.password)));
    const desk = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const adminStream = watch(admin);
    const secondStream = watch(secondClient);
    await waitFor(
      () => secondStream.seen.some((e) => e.sessionId === desk.id),
      "the second admin's snapshot",
    );
    await waitFor(() => adminStream.seen.some((e) => e.sessionId === desk.id), "the admin's snapshot");

    await admin.users.update.mutate({ id: secondUser.id, role: 'operator' });
    expect(await refusal(secondClient.sessions.byId.query({ id: desk.id }))).toEqual(
      refusedWith('NOT_FOUND', `Session ${desk.id} not found`),
    );
    const before = secondStream.seen.length;
    await startAndWatchQrs(admin, adminStream.seen, desk.id);

    expect(secondStream.seen.slice(before).map((e) => `${e.sessionId} ${e.type}`)).toEqual([]);
  });
});
