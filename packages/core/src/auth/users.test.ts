import { loginSessions, users as usersTable } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { LoginSessionService } from './login-sessions.ts';
import { addUser, freshUsers, insertAccount, PASSWORD, seedAdmin } from './test-support.ts';
import { UserService } from './users.ts';

const code = (c: string) => expect.objectContaining({ code: c });

describe('UserService setup', () => {
  it('creates the first admin once, then refuses without creating anything', async () => {
    const { users } = freshUsers();
    expect(users.count()).toBe(0);
    const admin = await users.setupFirstAdmin({
      email: '  Boss@Example.COM ',
      name: ' Boss ',
      password: PASSWORD,
    });
    expect(admin).toMatchObject({ email: 'boss@example.com', name: 'Boss', role: 'admin' });
    expect(admin).not.toHaveProperty('passwordHash');

    await expect(
      users.setupFirstAdmin({ email: 'second@example.com', name: 'Second', password: PASSWORD }),
    ).rejects.toThrow(code('FORBIDDEN'));
    await expect(users.setupFirstAdmin({ email: 'x', name: '', password: '' })).rejects.toThrow(
      'Setup is already done: sign in instead',
    );
    expect(users.count()).toBe(1);
  });

  it('lets only one of two concurrent setups win', async () => {
    const { users } = freshUsers();
    const results = await Promise.allSettled([
      users.setupFirstAdmin({ email: 'a@example.com', name: 'A', password: PASSWORD }),
      users.setupFirstAdmin({ email: 'b@example.com', name: 'B', password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(users.count()).toBe(1);
  });

  it('validates setup input with BAD_REQUEST', async () => {
    const { users } = freshUsers();
    await expect(users.setupFirstAdmin({ email: 'nope', name: 'A', password: PASSWORD })).rejects.toThrow(
      '"nope" is not a valid email address',
    );
    await expect(
      users.setupFirstAdmin({ email: 'a@example.com', name: '  ', password: PASSWORD }),
    ).rejects.toThrow('Name is required');
    await expect(
      users.setupFirstAdmin({ email: 'a@example.com', name: 'x'.repeat(101), password: PASSWORD }),
    ).rejects.toThrow(code('BAD_REQUEST'));
    await expect(
      users.setupFirstAdmin({ email: 'a@example.com', name: 'A', password: 'short' }),
    ).rejects.toThrow('Password must be at least 8 characters long');
    expect(users.count()).toBe(0);
  });

  it('ensureAdmin creates only on an empty database', async () => {
    const { users } = freshUsers();
    expect(await users.ensureAdmin('Env@Example.com', PASSWORD)).toBe(true);
    expect(await users.ensureAdmin('other@example.com', 'irrelevant')).toBe(false);
    expect(users.count()).toBe(1);
    expect(await users.verifyCredentials('env@example.com', PASSWORD)).toMatchObject({ role: 'admin' });
  });

  it('stores argon2id hashes with the strong defaults when no options are given', async () => {
    const { db } = freshUsers();
    await new UserService(db).setupFirstAdmin({ email: 'a@example.com', name: 'A', password: PASSWORD });
    const row = db.select().from(usersTable).get();
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('UserService management', () => {
  it('is admin only', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    const op = await addUser(users, admin, 'op@example.com', 'operator');
    const forbidden = 'Only admins can manage users';
    expect(() => users.list(op)).toThrow(forbidden);
    await expect(
      users.create(op, { email: 'x@example.com', name: 'X', password: PASSWORD, role: 'admin' }),
    ).rejects.toThrow(forbidden);
    await expect(users.update(op, op.id, { role: 'admin' })).rejects.toThrow(code('FORBIDDEN'));
    expect(() => users.delete(op, admin.id)).toThrow(code('FORBIDDEN'));
    expect(users.list(admin).map((u) => u.email)).toEqual(['admin@example.com', 'op@example.com']);
  });

  it('refuses duplicate emails regardless of case and spacing', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    await expect(
      users.create(admin, { email: ' ADMIN@example.com', name: 'Dup', password: PASSWORD, role: 'operator' }),
    ).rejects.toThrow('A user with email admin@example.com already exists');
  });

  it('rejects unknown roles coming from unchecked input', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    const role = 'root' as 'admin';
    await expect(
      users.create(admin, { email: 'r@example.com', name: 'R', password: PASSWORD, role }),
    ).rejects.toThrow('Role must be one of: admin, operator');
  });

  it('reports unknown ids as NOT_FOUND', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    await expect(users.update(admin, 'ghost', { name: 'G' })).rejects.toThrow('User ghost not found');
    expect(() => users.delete(admin, 'ghost')).toThrow(code('NOT_FOUND'));
  });

  it('updates name and role', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    const op = await addUser(users, admin, 'op@example.com', 'operator');
    const updated = await users.update(admin, op.id, { name: ' Olivia ', role: 'admin' });
    expect(updated).toMatchObject({ id: op.id, name: 'Olivia', role: 'admin', email: 'op@example.com' });
  });

  it('cannot demote or delete the last admin', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    await expect(users.update(admin, admin.id, { role: 'operator' })).rejects.toThrow(
      /Cannot demote the last admin/,
    );
    // An actor whose own row is gone (or was demoted meanwhile) must still not remove the last admin.
    const stale = { id: 'someone-else', role: 'admin' as const };
    expect(() => users.delete(stale, admin.id)).toThrow(/Cannot delete the last admin/);
    expect(() => users.delete(stale, admin.id)).toThrow(code('PRECONDITION_FAILED'));

    // With a second admin both become possible.
    const second = await addUser(users, admin, 'second@example.com', 'admin');
    expect((await users.update(second, admin.id, { role: 'operator' })).role).toBe('operator');
    await expect(users.update(second, second.id, { role: 'operator' })).rejects.toThrow(
      code('PRECONDITION_FAILED'),
    );
  });

  it('cannot delete yourself', async () => {
    const { users } = freshUsers();
    const admin = await seedAdmin(users);
    await addUser(users, admin, 'second@example.com', 'admin');
    expect(() => users.delete(admin, admin.id)).toThrow(
      'You cannot delete yourself: ask another admin to do it',
    );
  });

  it('refuses to delete a user who still owns accounts', async () => {
    const { db, users } = freshUsers();
    const admin = await seedAdmin(users);
    const op = await addUser(users, admin, 'op@example.com', 'operator');
    insertAccount(db, op.id);
    insertAccount(db, op.id);
    expect(() => users.delete(admin, op.id)).toThrow(
      'User op@example.com still owns 2 sessions: delete them first',
    );
    expect(() => users.delete(admin, op.id)).toThrow(code('CONFLICT'));
    expect(users.count()).toBe(2);
  });

  it('deletes a user together with their login sessions', async () => {
    const { db, users } = freshUsers();
    const admin = await seedAdmin(users);
    const op = await addUser(users, admin, 'op@example.com', 'operator');
    const logins = new LoginSessionService(db, { ttlMs: 60_000 });
    const { token } = logins.create(op.id);
    users.delete(admin, op.id);
    expect(users.count()).toBe(1);
    expect(logins.resolve(token)).toBeNull();
    expect(db.select().from(loginSessions).where(eq(loginSessions.userId, op.id)).all()).toHaveLength(0);
  });

  it('a password change revokes only that user’s login sessions', async () => {
    const { db, users } = freshUsers();
    const admin = await seedAdmin(users);
    const op = await addUser(users, admin, 'op@example.com', 'operator');
    const logins = new LoginSessionService(db, { ttlMs: 60_000 });
    const opToken = logins.create(op.id).token;
    const adminToken = logins.create(admin.id).token;

    await users.update(admin, op.id, { name: 'Renamed' });
    expect(logins.resolve(opToken)).not.toBeNull(); // other changes keep them signed in

    await users.update(admin, op.id, { password: 'a brand new password' });
    expect(logins.resolve(opToken)).toBeNull();
    expect(logins.resolve(adminToken)?.id).toBe(admin.id);
    expect(await users.verifyCredentials('op@example.com', PASSWORD)).toBeNull();
    expect(await users.verifyCredentials('op@example.com', 'a brand new password')).toMatchObject({
      id: op.id,
    });
  });

  it('verifyCredentials never returns the hash and handles unknown emails', async () => {
    const { users } = freshUsers();
    await seedAdmin(users);
    const user = await users.verifyCredentials(' ADMIN@example.com ', PASSWORD);
    expect(user && Object.keys(user).sort()).toEqual(['createdAt', 'email', 'id', 'locale', 'name', 'role']);
    expect(await users.verifyCredentials('nobody@example.com', PASSWORD)).toBeNull();
    expect(await users.verifyCredentials('admin@example.com', 'wrong password')).toBeNull();
  });
});
