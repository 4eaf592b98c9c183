import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts, apiKeys, openDatabase } from '@switchboard/db';
import { API_KEY_SHAPE } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { Access, type Actor } from '../access.ts';
import type { AppError } from '../errors.ts';
import { ApiKeyService } from './api-keys.ts';
import { type AuthChange, apiKeyCredential, hashToken } from './identity.ts';
import { addUser, FAST_HASH, freshUsers, seedAdmin } from './test-support.ts';
import { UserService } from './users.ts';

const DAY = 24 * 60 * 60 * 1000;

async function build(options: { requestsPerMinute?: number } = {}) {
  const { db, users } = freshUsers();
  const clock = { t: Date.now() };
  const changes: AuthChange[] = [];
  const keys = new ApiKeyService(db, new Access(db), {
    requestsPerMinute: options.requestsPerMinute ?? 100,
    now: () => clock.t,
    onChange: (change) => changes.push(change),
  });
  const admin = await seedAdmin(users);
  const olga = await addUser(users, admin, 'olga@example.com', 'operator');
  const otto = await addUser(users, admin, 'otto@example.com', 'operator');
  return { db, keys, clock, changes, admin, olga, otto };
}

const lookup = (keys: ApiKeyService, secret: string) => {
  const credential = apiKeyCredential(secret);
  return keys.lookup(credential.secret, credential.hash);
};

function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

const everything = ['sessions:read', 'messages:send'] as const;

describe('ApiKeyService', () => {
  it('shows the key once and keeps only its SHA-256 and visible prefix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-keys-'));
    try {
      const db = openDatabase(join(dir, 'keys.db'));
      const users = new UserService(db, { hashOptions: FAST_HASH });
      const admin = await seedAdmin(users);
      const keys = new ApiKeyService(db, new Access(db), { requestsPerMinute: 10 });
      const { key, secret } = keys.create(admin, {
        name: 'n8n',
        scopes: everything,
        accountIds: null,
        expiresAt: null,
      });
      expect(secret).toMatch(API_KEY_SHAPE);
      expect(key.prefix).toBe(secret.slice(0, 12));
      const row = db.select().from(apiKeys).get();
      expect(row?.hash).toBe(hashToken(secret));
      // Neither the database nor its write-ahead log holds the key itself.
      const files = readdirSync(dir);
      expect(files).toContain('keys.db-wal');
      for (const file of files) {
        const bytes = readFileSync(join(dir, file)).toString('latin1');
        expect(bytes, file).not.toContain(secret);
        expect(bytes, file).not.toContain(secret.slice(12));
      }
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('acts for its owner, narrowed to its scopes and accounts', async () => {
    const { keys, olga } = await build();
    const { key, secret } = keys.create(olga, {
      name: 'CRM',
      scopes: ['messages:send'],
      accountIds: null,
      expiresAt: null,
    });
    expect(lookup(keys, secret)).toMatchObject({
      user: { id: olga.id, role: 'operator' },
      grant: { id: key.id, scopes: ['messages:send'], accountIds: null },
      expiresAt: Number.POSITIVE_INFINITY,
    });
  });

  it('refuses a malformed, unknown, revoked or expired key all alike', async () => {
    const { keys, clock, olga, changes } = await build();
    const revoked = keys.create(olga, { name: 'a', scopes: everything, accountIds: null, expiresAt: null });
    clock.t += 1;
    const expiring = keys.create(olga, {
      name: 'b',
      scopes: everything,
      accountIds: null,
      expiresAt: clock.t + 1000,
    });
    expect(lookup(keys, expiring.secret)).not.toBeNull();
    keys.revoke(olga, revoked.key.id);
    expect(changes).toContainEqual({ credentialKey: apiKeyCredential(revoked.secret).key });
    clock.t += 1000;
    const unknown = `sbk_${'A'.repeat(43)}`;
    for (const secret of [revoked.secret, expiring.secret, unknown, 'sbk_short', 'not a key'])
      expect(lookup(keys, secret), secret).toBeNull();
    expect(keys.list(olga).map((k) => [k.name, k.status])).toEqual([
      ['b', 'expired'],
      ['a', 'revoked'],
    ]);
  });

  it('restricts a key only to accounts its owner sees, naming the reason for an admin', async () => {
    const { db, keys, admin, olga, otto } = await build();
    const olgasId = 'olgas';
    const now = Date.now();
    db.insert(accounts)
      .values({
        id: olgasId,
        name: 'O',
        engine: 'sandbox',
        ownerId: olga.id,
        updatedAt: now,
        statusChangedAt: now,
      })
      .run();
    const input = (accountIds: string[]) => ({ name: 'k', scopes: everything, accountIds, expiresAt: null });
    expect(keys.create(olga, input([olgasId])).key.accountIds).toEqual([olgasId]);
    // Someone else's account answers like a missing one.
    expect(refusal(() => keys.create(otto, input([olgasId])))).toMatchObject({ code: 'NOT_FOUND' });
    // An admin making a key for Otto sees Olga's account, so is told why it cannot be chosen.
    expect(refusal(() => keys.create(admin, { ...input([olgasId]), userId: otto.id }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Session olgas is not one otto@example.com can see',
    });
    expect(refusal(() => keys.create(olga, input([])))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lets operators manage only their own keys, admins everyone’s, and no key any key', async () => {
    const { keys, clock, admin, olga, otto } = await build();
    const olgas = keys.create(olga, { name: 'olga', scopes: everything, accountIds: null, expiresAt: null });
    clock.t += 1;
    const forOtto = keys.create(admin, {
      name: 'otto',
      scopes: everything,
      accountIds: null,
      expiresAt: null,
      userId: otto.id,
    });
    expect(forOtto.key.owner.email).toBe('otto@example.com');
    expect(refusal(() => keys.create(olga, { ...input(), userId: otto.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(keys.list(otto).map((k) => k.name)).toEqual(['otto']);
    expect(keys.list(admin).map((k) => k.name)).toEqual(['otto', 'olga']);
    expect(keys.list(admin, { userId: olga.id }).map((k) => k.name)).toEqual(['olga']);
    expect(refusal(() => keys.revoke(otto, olgas.key.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(keys.revoke(admin, olgas.key.id).status).toBe('revoked');

    const asKey: Actor = { ...olga, key: { id: olgas.key.id, scopes: everything, accountIds: null } };
    for (const call of [
      () => keys.list(asKey),
      () => keys.create(asKey, input()),
      () => keys.revoke(asKey, 'x'),
    ])
      expect(refusal(call)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses expiries in the past or beyond ten years', async () => {
    const { keys, clock, olga } = await build();
    for (const expiresAt of [clock.t, clock.t + 3651 * DAY])
      expect(refusal(() => keys.create(olga, { ...input(), expiresAt }))).toMatchObject({
        code: 'BAD_REQUEST',
      });
  });

  it('counts requests per key per minute and notes "last used" at most once a minute', async () => {
    const { db, keys, clock, olga } = await build({ requestsPerMinute: 3 });
    const { key } = keys.create(olga, input());
    const lastUsed = () => db.select().from(apiKeys).get()?.lastUsedAt;
    expect(lastUsed()).toBeNull();
    const first = clock.t;
    keys.admit(key.id);
    expect(lastUsed()).toBe(first);
    clock.t += 30_000;
    keys.admit(key.id);
    keys.admit(key.id);
    expect(lastUsed()).toBe(first);
    expect(refusal(() => keys.admit(key.id))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 30,
    });
    clock.t += 30_001;
    keys.admit(key.id);
    expect(lastUsed()).toBe(clock.t);
  });
});

function input() {
  return { name: 'k', scopes: everything, accountIds: null, expiresAt: null };
}
