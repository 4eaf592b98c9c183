import { loginSessions } from '@switchboard/db';
import { describe, expect, it } from 'vitest';
import { hashToken } from './identity.ts';
import { LoginSessionService } from './login-sessions.ts';
import { freshUsers, seedAdmin } from './test-support.ts';

async function setup(ttlMs = 60_000) {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const clock = { t: Date.now() };
  const logins = new LoginSessionService(db, { ttlMs, now: () => clock.t });
  return { db, admin, logins, clock };
}

describe('LoginSessionService', () => {
  it('issues a random token, stores only its SHA-256 and resolves it to the user', async () => {
    const { db, admin, logins, clock } = await setup();
    const { token, expiresAt } = logins.create(admin.id, { ip: '10.0.0.1', userAgent: 'x'.repeat(2000) });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(clock.t + 60_000);

    const rows = db.select().from(loginSessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(rows[0]?.tokenHash).not.toContain(token);
    expect(rows[0]?.ip).toBe('10.0.0.1');
    expect(rows[0]?.userAgent).toHaveLength(512);

    expect(logins.resolve(token)).toMatchObject({ id: admin.id, role: 'admin', email: 'admin@example.com' });
    expect(logins.create(admin.id).token).not.toBe(token);
  });

  it('returns null for unknown or malformed tokens', async () => {
    const { logins } = await setup();
    expect(logins.resolve('A'.repeat(43))).toBeNull();
    expect(logins.resolve('')).toBeNull();
    expect(logins.resolve('not a token at all')).toBeNull();
  });

  it('expires sessions and deletes the expired row on resolve', async () => {
    const { db, admin, logins, clock } = await setup(1_000);
    const { token } = logins.create(admin.id);
    clock.t += 999;
    expect(logins.resolve(token)).not.toBeNull();
    clock.t += 1;
    expect(logins.resolve(token)).toBeNull();
    expect(db.select().from(loginSessions).all()).toHaveLength(0);
  });

  it('revokes one token, all of a user’s tokens, and purges expired ones', async () => {
    const { admin, logins, clock } = await setup(1_000);
    const a = logins.create(admin.id).token;
    const b = logins.create(admin.id).token;
    logins.revoke(a);
    expect(logins.resolve(a)).toBeNull();
    expect(logins.resolve(b)).not.toBeNull();
    logins.revoke('garbage'); // harmless

    logins.create(admin.id);
    expect(logins.revokeAllForUser(admin.id)).toBe(2);
    expect(logins.resolve(b)).toBeNull();

    logins.create(admin.id);
    clock.t += 500;
    const live = logins.create(admin.id).token;
    clock.t += 600; // first one expired, second still has 400 ms
    expect(logins.purgeExpired()).toBe(1);
    expect(logins.resolve(live)).not.toBeNull();
  });

  it('rejects a non-positive ttl', async () => {
    const { db } = freshUsers();
    expect(() => new LoginSessionService(db, { ttlMs: 0 })).toThrow();
  });
});
