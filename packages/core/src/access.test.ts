import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts, type Db, webhooks } from '@switchboard/db';
import { DEFAULT_MEDIA_MAX_BYTES } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { Access, type Actor, canSeeAccount, isAdmin, requireScope } from './access.ts';
import { addUser, freshUsers, seedAdmin } from './auth/test-support.ts';
import { silentLogger } from './logger.ts';
import { createServices } from './services.ts';
import { FakeEngine } from './test-support/fake-engine.ts';

const code = (c: string) => expect.objectContaining({ code: c });

async function setup() {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const olga = await addUser(users, admin, 'olga@example.com', 'operator');
  const otto = await addUser(users, admin, 'otto@example.com', 'operator');
  const account = (id: string, owner: Actor) => {
    const now = Date.now();
    db.insert(accounts)
      .values({ id, name: id, engine: 'sandbox', ownerId: owner.id, updatedAt: now, statusChangedAt: now })
      .run();
  };
  account('olga-1', olga);
  account('olga-2', olga);
  account('otto-1', otto);
  return { db, access: new Access(db), admin, olga, otto };
}

/** Webhook rows on the given accounts (null: a global one), to run a list query through `accountFilter`. */
function endpointsOf(db: Db, access: Access, actor: Actor, ids: Array<string | null>): Array<string | null> {
  const now = Date.now();
  for (const accountId of ids) {
    db.insert(webhooks)
      .values({
        id: `w-${accountId}`,
        accountId,
        url: 'https://x.test',
        secret: 's',
        events: [],
        updatedAt: now,
      })
      .run();
  }
  return db
    .select({ accountId: webhooks.accountId })
    .from(webhooks)
    .where(access.accountFilter(actor, webhooks.accountId, 'webhooks:manage'))
    .all()
    .map((w) => w.accountId)
    .sort();
}

describe('Access for signed-in users', () => {
  it('lets owners and admins see an account; anyone else gets NOT_FOUND, exactly like a missing one', async () => {
    const { access, admin, olga, otto } = await setup();
    expect(access.account(olga, 'olga-1', 'sessions:read').ownerId).toBe(olga.id);
    expect(access.account(admin, 'olga-1', 'sessions:manage').id).toBe('olga-1');
    const foreign = () => access.account(otto, 'olga-1', 'sessions:read');
    const missing = () => access.account(otto, 'nobody', 'sessions:read');
    expect(foreign).toThrow('Session olga-1 not found');
    expect(missing).toThrow('Session nobody not found');
    expect(foreign).toThrow(code('NOT_FOUND'));
    expect(access.visible(otto, 'olga-1', 'sessions:read')).toBeUndefined();
    expect(access.visible(olga, '../etc', 'sessions:read')).toBeUndefined();
  });

  it('lists and filters to what each one sees; admins see every account and global endpoints', async () => {
    const { db, access, admin, olga } = await setup();
    expect(access.accounts(olga, 'sessions:read').map((a) => a.id)).toEqual(['olga-1', 'olga-2']);
    expect(access.accounts(admin, 'sessions:read')).toHaveLength(3);
    expect(endpointsOf(db, access, olga, ['olga-1', 'otto-1', null])).toEqual(['olga-1']);
    expect(endpointsOf(db, access, admin, [])).toEqual([null, 'olga-1', 'otto-1']);
  });

  it('holds every scope', async () => {
    const { access, olga } = await setup();
    for (const scope of ['sessions:manage', 'messages:send', 'inbox:write', 'webhooks:manage'] as const)
      expect(() => access.account(olga, 'olga-1', scope)).not.toThrow();
  });
});

describe('Access for an API key acting for its user', () => {
  it('answers FORBIDDEN naming a missing scope, before saying anything about the account', async () => {
    const { access, olga } = await setup();
    const reader: Actor = { ...olga, key: { id: 'k1', scopes: ['sessions:read'], accountIds: null } };
    expect(access.account(reader, 'olga-1', 'sessions:read').id).toBe('olga-1');
    for (const id of ['olga-1', 'otto-1', 'nobody']) {
      expect(() => access.account(reader, id, 'messages:send')).toThrow(code('FORBIDDEN'));
      expect(() => access.account(reader, id, 'messages:send')).toThrow('"messages:send" scope');
    }
    expect(() => requireScope(reader, 'webhooks:manage')).toThrow(code('FORBIDDEN'));
  });

  it('never sees more than its owner, and only the accounts it is limited to', async () => {
    const { db, access, admin, olga } = await setup();
    const limited: Actor = { ...olga, key: { id: 'k2', scopes: ['sessions:read'], accountIds: ['olga-2'] } };
    expect(access.accounts(limited, 'sessions:read').map((a) => a.id)).toEqual(['olga-2']);
    expect(() => access.account(limited, 'olga-1', 'sessions:read')).toThrow(code('NOT_FOUND'));
    const reachesFurther: Actor = {
      ...olga,
      key: { id: 'k3', scopes: ['sessions:read'], accountIds: ['otto-1', 'olga-1'] },
    };
    expect(access.accounts(reachesFurther, 'sessions:read').map((a) => a.id)).toEqual(['olga-1']);

    const adminKey: Actor = {
      ...admin,
      key: { id: 'k4', scopes: ['webhooks:manage'], accountIds: ['otto-1'] },
    };
    expect(isAdmin(adminKey)).toBe(false);
    expect(endpointsOf(db, access, adminKey, ['olga-1', 'otto-1', null])).toEqual(['otto-1']);
  });

  it('filters event streams the same way', async () => {
    const { admin, olga } = await setup();
    const limited: Actor = { ...olga, key: { id: 'k5', scopes: [], accountIds: ['olga-2'] } };
    expect(canSeeAccount(limited, { id: 'olga-2', ownerId: olga.id })).toBe(true);
    expect(canSeeAccount(limited, { id: 'olga-1', ownerId: olga.id })).toBe(false);
    expect(canSeeAccount(olga, { id: 'otto-1', ownerId: 'otto' })).toBe(false);
    expect(canSeeAccount(admin, { id: 'otto-1', ownerId: 'otto' })).toBe(true);
  });
});

describe('Services ask Access with the scope of each action', () => {
  it('refuses each action a key lacks the scope for, and limits what it lists to its accounts', async () => {
    const { db, olga } = await setup();
    const sessionsDir = await mkdtemp(join(tmpdir(), 'switchboard-access-'));
    const services = createServices({
      db,
      engines: new Map([['sandbox', new FakeEngine()]]),
      log: silentLogger,
      config: {
        sessionsDir,
        maxSessions: 10,
        maxSessionsPerUser: 10,
        startTimeoutMs: 1_000,
        stopTimeoutMs: 100,
        reconnectBaseMs: 1_000,
        reconnectMaxMs: 1_000,
        campaignMaxRecipients: 1_000,
        maxTextLength: 100,
        sendTimeoutMs: 1_000,
        loginTtlMs: 60_000,
        loginWindowMs: 60_000,
        loginMaxAttemptsPerIp: 10,
        loginMaxFailuresPerAccount: 5,
        loginMaxFailuresAcrossIps: 20,
        apiKeyRequestsPerMinute: 100,
        webhooks: { retryScheduleMs: [], timeoutMs: 1_000, blockPrivate: false, privateForOperators: false },
        media: {
          dir: join(sessionsDir, 'media'),
          limits: DEFAULT_MEDIA_MAX_BYTES,
          retentionMs: 0,
          maxTotalBytes: 0,
          fetchTimeoutMs: 1_000,
          fetchPrivate: 'admins',
          linkTtlMs: 60_000,
          publicUrl: () => 'http://gateway.test',
        },
      },
    });
    try {
      const reader: Actor = { ...olga, key: { id: 'k', scopes: ['sessions:read'], accountIds: ['olga-2'] } };
      expect(services.sessions.list(reader).map((s) => s.id)).toEqual(['olga-2']);
      const refusals: Array<() => unknown> = [
        () => services.sessions.stop(reader, 'olga-2'),
        () => services.sessions.create(reader, { name: 'New', engine: 'sandbox' }),
        () => services.messages.send(reader, { sessionId: 'olga-2', to: '+4915123456789', text: 'Hi' }),
        () => services.messages.list(reader, { sessionId: 'olga-2', limit: 10 }),
        () => services.media.upload(reader, { sessionId: 'olga-2', body: [Buffer.from('x')] }),
        () => services.media.fetch(reader, { sessionId: 'olga-2', url: 'http://127.0.0.1/x.png' }),
        () => services.media.get(reader, 'med_any'),
        () => services.inbox.list(reader, { limit: 10 }),
        () => services.inbox.markRead(reader, 'any-conversation'),
        () => services.webhooks.list(reader),
      ];
      for (const refused of refusals)
        await expect(Promise.resolve().then(refused)).rejects.toThrow(code('FORBIDDEN'));
    } finally {
      await services.lifecycle.stop();
      await rm(sessionsDir, { recursive: true, force: true });
    }
  });
});
