import { describe, expect, it } from 'vitest';
import { Access } from '../access.ts';
import type { AppError } from '../errors.ts';
import { ApiKeyService } from './api-keys.ts';
import { AuthService } from './auth-service.ts';
import { type AuthChange, loginCredential } from './identity.ts';
import { LoginSessionService } from './login-sessions.ts';
import { freshUsers, PASSWORD, seedAdmin } from './test-support.ts';

const WINDOW = 15 * 60_000;

function build(
  config: { maxAttemptsPerIp?: number; maxFailuresPerAccount?: number; maxFailuresAcrossIps?: number } = {},
) {
  // Wired the way the services are: every change to users and sign-ins reaches the auth service.
  const wiring: { auth?: AuthService } = {};
  const onChange = (change: AuthChange) => wiring.auth?.changed(change);
  const { db, users } = freshUsers(onChange);
  const clock = { t: Date.now() };
  const now = () => clock.t;
  const logins = new LoginSessionService(db, { ttlMs: 60 * 60_000, now, onChange });
  const apiKeys = new ApiKeyService(db, new Access(db), { requestsPerMinute: 100, now, onChange });
  const auth = new AuthService(users, logins, apiKeys, {
    maxAttemptsPerIp: config.maxAttemptsPerIp ?? 100,
    maxFailuresPerAccount: config.maxFailuresPerAccount ?? 5,
    maxFailuresAcrossIps: config.maxFailuresAcrossIps ?? 100,
    windowMs: WINDOW,
    now,
  });
  wiring.auth = auth;
  return { db, users, logins, auth, clock };
}

const attempt = (auth: AuthService, email: string, password: string, ip = '10.0.0.1') =>
  auth.login({ email, password, ip, userAgent: 'vitest' });

/** The AppError a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('AuthService', () => {
  it('setup creates the admin and signs them in; a second setup is refused', async () => {
    const { auth, users } = build();
    const first = await auth.setup({ email: 'a@example.com', name: 'A', password: PASSWORD, ip: '1.1.1.1' });
    expect(first.user.role).toBe('admin');
    expect(auth.userForToken(first.token)?.id).toBe(first.user.id);

    const err = await failure(
      auth.setup({ email: 'b@example.com', name: 'B', password: PASSWORD, ip: '1.1.1.1' }),
    );
    expect(err.code).toBe('FORBIDDEN');
    expect(users.count()).toBe(1);
  });

  it('login returns a token that resolves to the user; logout ends it', async () => {
    const { auth, users } = build();
    const admin = await seedAdmin(users);
    const result = await attempt(auth, ' Admin@Example.com', PASSWORD);
    expect(result.user).toMatchObject({ id: admin.id, email: 'admin@example.com' });
    expect(result.expiresAt).toBeGreaterThan(Date.now());
    expect(auth.userForToken(result.token)).toEqual(result.user);
    auth.logout(result.token);
    expect(auth.userForToken(result.token)).toBeNull();
  });

  it('wrong password and unknown email fail identically', async () => {
    const { auth, users } = build();
    await seedAdmin(users);
    const wrongPassword = await failure(attempt(auth, 'admin@example.com', 'not the password'));
    const unknownEmail = await failure(attempt(auth, 'nobody@example.com', PASSWORD));
    for (const err of [wrongPassword, unknownEmail]) {
      expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    }
  });

  it('locks an account after N failures, refusing even the right password, until the window passes', async () => {
    const { auth, users, clock } = build({ maxFailuresPerAccount: 3 });
    await seedAdmin(users);
    for (let i = 0; i < 3; i++) {
      expect((await failure(attempt(auth, 'admin@example.com', 'wrong password'))).code).toBe('UNAUTHORIZED');
    }
    const locked = await failure(attempt(auth, 'ADMIN@example.com', PASSWORD));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(WINDOW / 1000);
    expect(locked.message).toBe(`Too many sign-in attempts. Try again in ${locked.retryAfterSeconds} s.`);

    // Other accounts, even from the same IP, are unaffected.
    expect((await failure(attempt(auth, 'other@example.com', PASSWORD))).code).toBe('UNAUTHORIZED');

    clock.t += WINDOW;
    expect((await attempt(auth, 'admin@example.com', PASSWORD)).user.email).toBe('admin@example.com');
  });

  it('makes each further try from the same address wait longer: 30 s, 60 s, 120 s …', async () => {
    const { auth, users, clock } = build({ maxFailuresPerAccount: 2 });
    await seedAdmin(users);
    await failure(attempt(auth, 'admin@example.com', 'wrong 1'));
    await failure(attempt(auth, 'admin@example.com', 'wrong 2'));
    for (const seconds of [30, 60, 120, 240]) {
      expect(await failure(attempt(auth, 'admin@example.com', PASSWORD))).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        retryAfterSeconds: seconds,
      });
      clock.t += seconds * 1000;
      expect((await failure(attempt(auth, 'admin@example.com', 'wrong again'))).code).toBe('UNAUTHORIZED');
    }
  });

  it('counts a try before checking its password, so simultaneous guesses get only the free tries', async () => {
    const { auth, users } = build({ maxFailuresPerAccount: 5 });
    await seedAdmin(users);
    let verified = 0;
    const original = users.verifyCredentials.bind(users);
    users.verifyCredentials = (email, password) => {
      verified++;
      return original(email, password);
    };
    const guesses = Array.from({ length: 29 }, (_, i) => `guess-${i}`).concat(PASSWORD);
    const results = await Promise.allSettled(guesses.map((p) => attempt(auth, 'admin@example.com', p)));
    expect(verified).toBe(5);
    expect(results.filter((r) => r.status === 'fulfilled')).toEqual([]);
  });

  it('does not hold up a sign-in from another address because of one address’s wrong guesses', async () => {
    const { auth, users } = build({ maxFailuresPerAccount: 3 });
    await seedAdmin(users);
    for (let i = 0; i < 10; i++) await failure(attempt(auth, 'admin@example.com', `guess-${i}`, '6.6.6.6'));
    expect((await attempt(auth, 'admin@example.com', PASSWORD, '10.0.0.1')).user.role).toBe('admin');
  });

  it('holds up new addresses after guesses from many, but never one that signed in to the account before', async () => {
    const { auth, users } = build({ maxFailuresPerAccount: 3, maxFailuresAcrossIps: 6 });
    await seedAdmin(users);
    await attempt(auth, 'admin@example.com', PASSWORD, '10.0.0.1');
    for (let i = 0; i < 9; i++)
      await failure(attempt(auth, 'admin@example.com', `guess-${i}`, `6.6.6.${i % 3}`));
    expect((await failure(attempt(auth, 'admin@example.com', PASSWORD, '10.0.0.2'))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect((await attempt(auth, 'admin@example.com', PASSWORD, '10.0.0.1')).user.role).toBe('admin');
  });

  it('counts an IPv6 network (/64) as one address', async () => {
    const { auth, users } = build({ maxFailuresPerAccount: 2 });
    await seedAdmin(users);
    await failure(attempt(auth, 'admin@example.com', 'wrong', '2001:db8:1:2::1'));
    await failure(attempt(auth, 'admin@example.com', 'wrong', '2001:db8:1:2:ffff::9'));
    expect((await failure(attempt(auth, 'admin@example.com', PASSWORD, '2001:db8:1:2::77'))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect((await attempt(auth, 'admin@example.com', PASSWORD, '2001:db8:1:3::1')).user.role).toBe('admin');
  });

  it('a successful sign-in clears the account’s failures', async () => {
    const { auth, users } = build({ maxFailuresPerAccount: 3 });
    await seedAdmin(users);
    for (let round = 0; round < 3; round++) {
      await failure(attempt(auth, 'admin@example.com', 'wrong password'));
      await failure(attempt(auth, 'admin@example.com', 'wrong password'));
      await attempt(auth, 'admin@example.com', PASSWORD);
    }
  });

  it('unknown emails get locked out too, so lockout does not reveal which accounts exist', async () => {
    const { auth } = build({ maxFailuresPerAccount: 2 });
    await failure(attempt(auth, 'ghost@example.com', PASSWORD));
    await failure(attempt(auth, 'ghost@example.com', PASSWORD));
    expect((await failure(attempt(auth, 'ghost@example.com', PASSWORD))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits all attempts per IP, successful ones included', async () => {
    const { auth, users, clock } = build({ maxAttemptsPerIp: 3, maxFailuresPerAccount: 100 });
    await seedAdmin(users);
    await attempt(auth, 'admin@example.com', PASSWORD, '6.6.6.6');
    await failure(attempt(auth, 'x@example.com', 'wrong password', '6.6.6.6'));
    await failure(attempt(auth, 'y@example.com', 'wrong password', '6.6.6.6'));
    clock.t += 60_000;
    const limited = await failure(attempt(auth, 'admin@example.com', PASSWORD, '6.6.6.6'));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: WINDOW / 1000 - 60 });

    // Another IP is unaffected.
    expect((await attempt(auth, 'admin@example.com', PASSWORD, '7.7.7.7')).user.role).toBe('admin');
  });

  it('does not verify the password while limited', async () => {
    const { auth, users } = build({ maxAttemptsPerIp: 1 });
    await seedAdmin(users);
    let verified = 0;
    const original = users.verifyCredentials.bind(users);
    users.verifyCredentials = (email, password) => {
      verified++;
      return original(email, password);
    };
    await attempt(auth, 'admin@example.com', PASSWORD);
    await failure(attempt(auth, 'admin@example.com', PASSWORD));
    expect(verified).toBe(1);
  });

  it('a password change signs the user out', async () => {
    const { auth, users } = build();
    const admin = await seedAdmin(users);
    const { token } = await attempt(auth, 'admin@example.com', PASSWORD);
    await users.update(admin, admin.id, { password: 'a new and better one' });
    expect(auth.userForToken(token)).toBeNull();
    await failure(attempt(auth, 'admin@example.com', PASSWORD));
    expect((await attempt(auth, 'admin@example.com', 'a new and better one')).user.id).toBe(admin.id);
  });

  it('answers who is asking from memory, and forgets at once when the user or the sign-in changes', async () => {
    const { auth, users, logins, clock } = build();
    const admin = await seedAdmin(users);
    const operator = await users.create(admin, {
      email: 'olga@example.com',
      name: 'Olga',
      password: PASSWORD,
      role: 'operator',
    });
    let reads = 0;
    const lookup = logins.lookup.bind(logins);
    logins.lookup = (token) => {
      reads++;
      return lookup(token);
    };
    const { token } = await attempt(auth, 'olga@example.com', PASSWORD);
    const credential = loginCredential(token);
    for (let i = 0; i < 100; i++) expect(auth.identify(credential)?.actor.role).toBe('operator');
    expect(reads).toBe(1);

    await users.update(admin, operator.id, { role: 'admin' });
    expect(auth.identify(credential)?.actor.role).toBe('admin');
    expect(reads).toBe(2);

    const other = await attempt(auth, 'olga@example.com', PASSWORD);
    auth.identify(loginCredential(other.token));
    auth.logout(token);
    expect(auth.identify(credential)).toBeNull();
    expect(auth.identify(loginCredential(other.token))?.user.id).toBe(operator.id);

    users.delete(admin, operator.id);
    expect(auth.identify(loginCredential(other.token))).toBeNull();

    // A sign-in that expires on its own stops working without any notice.
    const mine = loginCredential((await attempt(auth, 'admin@example.com', PASSWORD)).token);
    expect(auth.identify(mine)?.user.id).toBe(admin.id);
    clock.t += 60 * 60_000;
    expect(auth.identify(mine)).toBeNull();
  });
});
