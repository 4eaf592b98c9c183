import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Account, accounts, type Db } from '@switchboard/db';
import type { SessionStatus } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../actor.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { EventBus, type SessionEvent } from '../events.ts';
import { silentLogger } from '../logger.ts';
import { FakeEngine, type FakeSession } from '../test-support/fake-engine.ts';
import { type EngineTraffic, SessionManager, type SessionManagerConfig } from './manager.ts';

const code = (c: string) => expect.objectContaining({ code: c });

/** Small timings: every wait in this file is a few of these, so the whole file stays well under a second or two. */
const TIMINGS = {
  startTimeoutMs: 150,
  stopTimeoutMs: 60,
  reconnectBaseMs: 20,
  reconnectMaxMs: 80,
} satisfies Partial<SessionManagerConfig>;

const WAIT = { timeout: 2_000, interval: 5 };

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  db: Db;
  bus: EventBus;
  fake: FakeEngine;
  manager: SessionManager;
  config: SessionManagerConfig;
  admin: Actor;
  operator: Actor;
  other: Actor;
  /** Every status event published, with the row as stored at the moment it was published. */
  statusEvents: Array<{ event: Extract<SessionEvent, { type: 'status' }>; stored: Account | undefined }>;
  sessionEvents: SessionEvent[];
  /** A second manager on the same database and sessions folder: the next server run. */
  nextRun(fake?: FakeEngine): { manager: SessionManager; fake: FakeEngine; bus: EventBus };
}

async function harness(overrides: Partial<SessionManagerConfig> = {}): Promise<Harness> {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const operator = await addUser(users, admin, 'olga@example.com', 'operator');
  const other = await addUser(users, admin, 'otto@example.com', 'operator');
  const sessionsDir = await mkdtemp(join(tmpdir(), 'switchboard-manager-'));
  const config: SessionManagerConfig = {
    sessionsDir,
    maxSessions: 50,
    maxSessionsPerUser: 10,
    ...TIMINGS,
    ...overrides,
  };
  const managers: SessionManager[] = [];
  const build = (fake: FakeEngine) => {
    const bus = new EventBus();
    const manager = new SessionManager(db, new Map([['sandbox', fake]]), bus, config, silentLogger);
    managers.push(manager);
    return { manager, bus, fake };
  };
  const { manager, bus, fake } = build(new FakeEngine());
  cleanups.push(async () => {
    for (const m of managers) await m.shutdown();
    await rm(sessionsDir, { recursive: true, force: true });
  });
  const statusEvents: Harness['statusEvents'] = [];
  const sessionEvents: SessionEvent[] = [];
  bus.on('session', (event) => {
    sessionEvents.push(event);
    if (event.type === 'status') statusEvents.push({ event, stored: rowOf(db, event.sessionId) });
  });
  return {
    db,
    bus,
    fake,
    manager,
    config,
    admin,
    operator,
    other,
    statusEvents,
    sessionEvents,
    nextRun: (next = new FakeEngine()) => build(next),
  };
}

const rowOf = (db: Db, id: string) => db.select().from(accounts).where(eq(accounts.id, id)).get();

const statusesOf = (h: Harness, id: string) =>
  h.statusEvents.filter((e) => e.event.sessionId === id).map((e) => e.event.status);

async function waitForStatus(h: Harness, id: string, status: SessionStatus): Promise<void> {
  await vi.waitFor(() => expect(h.manager.get(h.admin, id).status).toBe(status), WAIT);
}

/** Creates a session, lets it connect, and returns its engine session. */
async function connected(h: Harness, actor: Actor, name: string): Promise<FakeSession> {
  const view = await h.manager.create(actor, { name, engine: 'sandbox' });
  const session = h.fake.latest(view.id);
  session.connect();
  expect(h.manager.get(actor, view.id).status).toBe('connected');
  return session;
}

// ── Creating and seeing sessions ─────────────────────────────────────────────────────────────────────

describe('SessionManager.create', () => {
  it('derives the id from the name, or takes an explicit one', async () => {
    const h = await harness();
    const derived = await h.manager.create(h.operator, {
      name: '  Sales — Berlin #1 ',
      engine: 'sandbox',
      start: false,
    });
    expect(derived).toMatchObject({
      id: 'sales-berlin-1',
      name: 'Sales — Berlin #1',
      engine: 'sandbox',
      ownerId: h.operator.id,
      status: 'stopped',
      autoStart: false,
      qr: null,
      nextRetryAt: null,
    });
    const explicit = await h.manager.create(h.operator, {
      id: 'support_2',
      name: 'Support',
      engine: 'sandbox',
      start: false,
    });
    expect(explicit.id).toBe('support_2');
    expect(h.fake.sessions).toHaveLength(0);
  });

  it('starts the new session unless told not to', async () => {
    const h = await harness();
    const view = await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    expect(view).toMatchObject({ id: 'sales', status: 'starting', autoStart: true });
    expect(h.fake.latest('sales').calls.start).toBe(1);
    expect(h.fake.latest('sales').options.dataDir).toBe(join(h.config.sessionsDir, 'sales'));
    expect(existsSync(join(h.config.sessionsDir, 'sales'))).toBe(true);
  });

  it('refuses invalid ids, taken ids, unknown engines and blank names', async () => {
    const h = await harness();
    for (const id of ['Bad Id', '../etc', '-lead', 'x'.repeat(65), '']) {
      await expect(h.manager.create(h.operator, { id, name: 'X', engine: 'sandbox' })).rejects.toThrow(
        code('BAD_REQUEST'),
      );
    }
    await expect(
      h.manager.create(h.operator, { id: 'Bad Id', name: 'X', engine: 'sandbox' }),
    ).rejects.toThrow('Session id "Bad Id" is invalid');

    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.other, { name: 'sales', engine: 'sandbox' })).rejects.toThrow(
      code('CONFLICT'),
    );
    await expect(
      h.manager.create(h.other, { id: 'sales', name: 'Other', engine: 'sandbox' }),
    ).rejects.toThrow('Session id "sales" is already taken');

    const webjs = h.manager.create(h.operator, { name: 'Real', engine: 'webjs' });
    await expect(webjs).rejects.toThrow(code('BAD_REQUEST'));
    await expect(h.manager.create(h.operator, { name: 'Real', engine: 'webjs' })).rejects.toThrow(
      'Engine "webjs" is not enabled on this server (available: sandbox)',
    );

    await expect(h.manager.create(h.operator, { name: '   ', engine: 'sandbox' })).rejects.toThrow(
      code('BAD_REQUEST'),
    );
    expect(h.manager.list(h.admin).map((s) => s.id)).toEqual(['sales']);
    expect(h.fake.sessions).toHaveLength(0);
  });

  it('enforces MAX_SESSIONS and the per-user limit with PRECONDITION_FAILED', async () => {
    const h = await harness({ maxSessions: 3, maxSessionsPerUser: 2 });
    await h.manager.create(h.operator, { name: 'One', engine: 'sandbox', start: false });
    await h.manager.create(h.operator, { name: 'Two', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.operator, { name: 'Three', engine: 'sandbox' })).rejects.toThrow(
      code('PRECONDITION_FAILED'),
    );
    await expect(h.manager.create(h.operator, { name: 'Three', engine: 'sandbox' })).rejects.toThrow(
      'MAX_SESSIONS_PER_USER=2',
    );
    await h.manager.create(h.other, { name: 'Three', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.admin, { name: 'Four', engine: 'sandbox' })).rejects.toThrow(
      'MAX_SESSIONS=3',
    );
    expect(h.manager.list(h.admin)).toHaveLength(3);
  });
});

describe('SessionManager visibility', () => {
  it('shows operators only their own sessions; a foreign one looks exactly like a missing one', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Mine', engine: 'sandbox', start: false });
    await h.manager.create(h.other, { name: 'Theirs', engine: 'sandbox', start: false });

    expect(h.manager.list(h.operator).map((s) => s.id)).toEqual(['mine']);
    expect(h.manager.list(h.other).map((s) => s.id)).toEqual(['theirs']);
    expect(
      h.manager
        .list(h.admin)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['mine', 'theirs']);
    expect(h.manager.get(h.admin, 'theirs').ownerId).toBe(h.other.id);

    const foreign = (() => {
      try {
        h.manager.get(h.operator, 'theirs');
      } catch (error) {
        return error as Error & { code: string };
      }
    })();
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', message: 'Session theirs not found' });
    expect(() => h.manager.get(h.operator, 'nobody')).toThrow('Session nobody not found');
    expect(() => h.manager.visibleOwner(h.operator, 'theirs')).toThrow(code('NOT_FOUND'));

    await expect(h.manager.start(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.stop(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.logout(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.delete(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    expect(() => h.manager.rename(h.operator, 'theirs', 'Mine now')).toThrow(code('NOT_FOUND'));
    expect(h.fake.sessions).toHaveLength(0);
    expect(h.manager.get(h.admin, 'theirs').name).toBe('Theirs');

    expect(h.manager.stats(h.operator)).toMatchObject({ total: 1, byStatus: { stopped: 1 } });
    expect(h.manager.stats(h.admin).total).toBe(2);
    expect(h.manager.snapshot(h.operator, h.bus.lastId).map((e) => e.sessionId)).toEqual(['mine']);
  });
});

// ── Status flow ──────────────────────────────────────────────────────────────────────────────────────

describe('SessionManager status flow', () => {
  it('goes stopped → starting → qr → authenticating → connected, storing before publishing', async () => {
    const h = await harness();
    const view = await h.manager.create(h.operator, { name: 'Sales — Berlin #1', engine: 'sandbox' });
    const id = view.id;
    expect(view.status).toBe('starting');
    const engine = h.fake.latest(id);

    engine.emit({ type: 'qr', qr: 'QR-ONE', expiresAt: 1_000 });
    expect(h.manager.get(h.operator, id)).toMatchObject({
      status: 'qr',
      qr: { qr: 'QR-ONE', expiresAt: 1_000 },
    });
    engine.emit({ type: 'qr', qr: 'QR-TWO', expiresAt: 2_000 });
    expect(h.manager.get(h.operator, id).qr).toEqual({ qr: 'QR-TWO', expiresAt: 2_000 });
    const snapshot = h.manager.snapshot(h.operator, h.bus.lastId);
    expect(snapshot).toEqual([
      expect.objectContaining({ type: 'status', sessionId: id, status: 'qr', id: h.bus.lastId }),
      expect.objectContaining({ type: 'qr', sessionId: id, qr: 'QR-TWO', expiresAt: 2_000 }),
    ]);
    expect(h.sessionEvents.filter((e) => e.type === 'qr').map((e) => e.type === 'qr' && e.qr)).toEqual([
      'QR-ONE',
      'QR-TWO',
    ]);

    engine.emit({ type: 'pairing_code', code: 'WXYZ9876' });
    expect(h.sessionEvents.at(-1)).toMatchObject({ type: 'pairing_code', sessionId: id, code: 'WXYZ9876' });

    engine.emit({ type: 'authenticated' });
    expect(h.manager.get(h.operator, id)).toMatchObject({ status: 'authenticating', qr: null });
    expect(h.manager.snapshot(h.operator, h.bus.lastId).some((e) => e.type === 'qr')).toBe(false);

    const before = Date.now();
    engine.connect('4915123456789', 'Berlin Sales');
    const done = h.manager.get(h.operator, id);
    expect(done).toMatchObject({
      status: 'connected',
      statusReason: null,
      phone: '4915123456789',
      pushName: 'Berlin Sales',
      qr: null,
    });
    expect(done.lastConnectedAt).toBeGreaterThanOrEqual(before);
    expect(h.statusEvents.at(-1)?.event).toMatchObject({
      status: 'connected',
      phone: '4915123456789',
      pushName: 'Berlin Sales',
      ownerId: h.operator.id,
    });

    expect(statusesOf(h, id)).toEqual(['stopped', 'starting', 'qr', 'authenticating', 'connected']);
    for (const { event, stored } of h.statusEvents) {
      expect(stored?.status, `row of ${event.sessionId} when "${event.status}" was published`).toBe(
        event.status,
      );
      expect(stored?.statusReason).toBe(event.reason);
    }
  });

  it('connects straight from starting when the engine has stored auth', async () => {
    const h = await harness();
    h.fake.configure = (s) => s.startEmits({ type: 'ready', me: { phone: '4915111111111' } });
    await h.manager.create(h.operator, { name: 'Restored', engine: 'sandbox' });
    await waitForStatus(h, 'restored', 'connected');
    expect(h.manager.get(h.operator, 'restored')).toMatchObject({ phone: '4915111111111', pushName: null });
    expect(statusesOf(h, 'restored')).toEqual(['stopped', 'starting', 'connected']);
  });

  it('start on a running session leaves it as it is; stop and restart work from connected', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    await h.manager.start(h.operator, 'sales');
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('connected');

    const restarted = await h.manager.restart(h.operator, 'sales');
    expect(engine.calls.stop).toBe(1);
    expect(restarted.status).toBe('starting');
    expect(h.fake.sessionsFor('sales')).toHaveLength(2);
    h.fake.latest('sales').connect();

    const stopped = await h.manager.stop(h.operator, 'sales');
    expect(stopped).toMatchObject({ status: 'stopped', statusReason: null, autoStart: false });
    expect(h.fake.latest('sales').calls.stop).toBe(1);
    expect(statusesOf(h, 'sales')).toEqual([
      'stopped',
      'starting',
      'connected',
      'stopped',
      'starting',
      'connected',
      'stopped',
    ]);
  });

  it('answers lookups and pairing-code requests only in the right status', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    await expect(h.manager.requestPairingCode(h.operator, 'sales', '4915123456789')).rejects.toThrow(
      'is not waiting to be linked (status: starting)',
    );
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    await expect(h.manager.requestPairingCode(h.operator, 'sales', '4915123456789')).resolves.toBe(
      'ABCD1234',
    );
    expect(engine.calls.pairingCode).toEqual(['4915123456789']);
    await expect(h.manager.lookup(h.operator, 'sales', 'list groups', (e) => e.listGroups())).rejects.toThrow(
      'Session sales is not connected (status: qr)',
    );
    expect(() => h.manager.connectedEngine('sales')).toThrow(code('PRECONDITION_FAILED'));

    engine.connect();
    engine.listGroupsImpl = async () => [{ id: 'g1', name: 'Team', participants: 3 }];
    await expect(
      h.manager.lookup(h.operator, 'sales', 'list groups', (e) => e.listGroups()),
    ).resolves.toEqual([{ id: 'g1', name: 'Team', participants: 3 }]);
    engine.listChatsImpl = async () => {
      throw new Error('browser crashed');
    };
    await expect(h.manager.lookup(h.operator, 'sales', 'list chats', (e) => e.listChats())).rejects.toThrow(
      'Session sales could not list chats: browser crashed',
    );
    engine.checkNumberImpl = () => new Promise(() => {});
    await expect(
      h.manager.lookup(h.operator, 'sales', 'check a number', (e) => e.checkNumber('1')),
    ).rejects.toThrow(code('PRECONDITION_FAILED'));
  });
});

/** A buggy bus subscriber that throws on every event of one session (removed again after the test). */
function throwFor(h: Harness, id: string): void {
  const listener = (event: SessionEvent) => {
    if (event.sessionId === id) throw new Error('subscriber bug');
  };
  h.bus.on('session', listener);
  cleanups.push(async () => {
    h.bus.off('session', listener);
  });
}

// ── Timeouts and isolation ───────────────────────────────────────────────────────────────────────────

describe('SessionManager isolation and timeouts', () => {
  it('fails a session whose engine start hangs while another one connects meanwhile', async () => {
    const h = await harness();
    h.fake.configure = (s) => {
      if (s.id === 'hangs') s.startHangs();
    };
    const started = Date.now();
    const hanging = h.manager.create(h.operator, { name: 'Hangs', engine: 'sandbox' });
    await vi.waitFor(() => expect(h.fake.sessionsFor('hangs')).toHaveLength(1), WAIT);
    expect(h.manager.get(h.operator, 'hangs').status).toBe('starting');

    await h.manager.create(h.operator, { name: 'Healthy', engine: 'sandbox' });
    h.fake.latest('healthy').connect();
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
    expect(h.manager.get(h.operator, 'hangs').status).toBe('starting');
    const healthyAt = Date.now();

    const failed = await hanging;
    expect(Date.now() - started).toBeGreaterThanOrEqual(h.config.startTimeoutMs - 5);
    expect(healthyAt - started).toBeLessThan(h.config.startTimeoutMs);
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toMatch(/did not start within/);
    const firstFailure = h.statusEvents.find(
      (e) => e.event.sessionId === 'hangs' && e.event.status === 'failed',
    );
    expect(firstFailure?.event.reason).toMatch(/^The (engine|session) did not start within \d+ s/);
    expect(h.fake.sessionsFor('hangs')[0]?.calls.stop).toBe(1);
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
  });

  it('fails with the engine’s own message when start rejects or throws synchronously', async () => {
    const h = await harness();
    h.fake.configure = (s) => {
      if (s.id === 'rejects') s.startRejects('Chromium not found at /usr/bin/chromium');
      if (s.id === 'throws') s.startThrowsSynchronously('Profile folder is locked');
    };
    const rejects = await h.manager.create(h.operator, { name: 'Rejects', engine: 'sandbox' });
    const throws = await h.manager.create(h.operator, { name: 'Throws', engine: 'sandbox' });
    expect(rejects.status).toBe('failed');
    expect(rejects.statusReason).toContain('Chromium not found at /usr/bin/chromium');
    expect(throws.status).toBe('failed');
    expect(throws.statusReason).toContain('Profile folder is locked');
    const reasons = h.statusEvents
      .filter((e) => e.event.status === 'failed')
      .map((e) => `${e.event.sessionId}: ${e.event.reason}`);
    expect(reasons).toContain('rejects: Chromium not found at /usr/bin/chromium');
    expect(reasons).toContain('throws: Profile folder is locked');
  });

  it('fails a session whose engine cannot even be created, without touching the others', async () => {
    const h = await harness();
    const healthy = await connected(h, h.operator, 'Healthy');
    h.fake.configure = (s) => {
      if (s.id === 'broken') throw new Error('auth folder is corrupt');
    };
    const broken = await h.manager.create(h.operator, { name: 'Broken', engine: 'sandbox' });
    expect(broken.status).toBe('failed');
    expect(broken.statusReason).toContain('Could not create the engine session: auth folder is corrupt');
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
    expect(healthy.calls.stop).toBe(0);
  });

  it('keeps other sessions going when a bus subscriber throws for one of them', async () => {
    const h = await harness();
    const a = await connected(h, h.operator, 'Alpha');
    throwFor(h, 'alpha');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    a.emit({ type: 'pairing_code', code: 'ABCD1234' });
    const b = await h.manager.create(h.operator, { name: 'Beta', engine: 'sandbox' });
    h.fake.latest(b.id).connect();
    expect(h.manager.get(h.operator, 'beta').status).toBe('connected');
    errors.mockRestore();
  });

  it('a bus subscriber that throws neither breaks the session it throws for nor silences the other subscribers', async () => {
    const h = await harness();
    throwFor(h, 'alpha');
    const heard: SessionEvent[] = [];
    h.bus.on('session', (event) => heard.push(event));

    const outcome = await h.manager
      .create(h.operator, { name: 'Alpha', engine: 'sandbox' })
      .then((view) => view.status)
      .catch((error: Error) => `create threw: ${error.message}`);
    expect(outcome).toBe('starting');
    expect(heard.filter((e) => e.sessionId === 'alpha').map((e) => e.type === 'status' && e.status)).toEqual([
      'stopped',
      'starting',
    ]);
  });

  it('keeps reconnecting a dropped session even when a bus subscriber throws on its status events', async () => {
    const h = await harness();
    const first = await connected(h, h.operator, 'Alpha');
    throwFor(h, 'alpha');
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('alpha')).toHaveLength(2), {
      timeout: 500,
      interval: 5,
    });
  });

  it('abandons an engine whose stop hangs; stop still completes with status stopped', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Stuck');
    engine.stopHangs();
    const other = await connected(h, h.operator, 'Other');
    const began = Date.now();
    const stopping = h.manager.stop(h.operator, 'stuck');
    other.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'other', 'reconnecting');
    const view = await stopping;
    expect(Date.now() - began).toBeGreaterThanOrEqual(h.config.stopTimeoutMs - 5);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(view).toMatchObject({ status: 'stopped', autoStart: false });
    expect(engine.calls.stop).toBe(1);
    expect(engine.listenerCount).toBe(0);
  });

  it('stop() interrupts a start that hangs instead of waiting for the start timeout', async () => {
    const h = await harness({ startTimeoutMs: 400 });
    h.fake.configure = (s) => s.startHangs();
    const starting = h.manager.create(h.operator, { name: 'Stuck', engine: 'sandbox' });
    await vi.waitFor(() => expect(h.fake.latest('stuck').calls.start).toBe(1), WAIT);
    const began = Date.now();
    const view = await h.manager.stop(h.operator, 'stuck');
    const took = Date.now() - began;
    await starting;
    expect(view).toMatchObject({ status: 'stopped', autoStart: false });
    expect(took, 'stop() waited for the hanging start to time out').toBeLessThan(200);
  });

  it('shutdown() does not wait for a hanging start to time out', async () => {
    const h = await harness({ startTimeoutMs: 400 });
    h.fake.configure = (s) => s.startHangs();
    void h.manager.create(h.operator, { name: 'Stuck', engine: 'sandbox' }).catch(() => undefined);
    await vi.waitFor(() => expect(h.fake.latest('stuck').calls.start).toBe(1), WAIT);
    const began = Date.now();
    await h.manager.shutdown();
    const took = Date.now() - began;
    expect(h.fake.latest('stuck').calls.stop).toBe(1);
    expect(took, 'shutdown() waited for the hanging start to time out').toBeLessThan(200);
  });

  it('does not time out a start that shows a QR code', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Waiting', engine: 'sandbox' });
    h.fake.latest('waiting').emit({ type: 'qr', qr: 'SCAN-ME', expiresAt: Date.now() + 60_000 });
    await sleep(h.config.startTimeoutMs * 2);
    expect(h.manager.get(h.operator, 'waiting')).toMatchObject({ status: 'qr', qr: { qr: 'SCAN-ME' } });
    expect(h.fake.sessionsFor('waiting')).toHaveLength(1);
    expect(h.fake.latest('waiting').calls.stop).toBe(0);
  });

  it('fails a session that starts but never shows a sign of life', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Silent', engine: 'sandbox' });
    await waitForStatus(h, 'silent', 'failed');
    const failure = h.statusEvents.find((e) => e.event.status === 'failed');
    expect(failure?.event.reason).toMatch(/^The session did not start within \d+ s$/);
    expect(h.fake.sessionsFor('silent')[0]?.calls.stop).toBe(1);
  });

  it('fails a session that authenticated but never became ready ("did not finish linking")', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Linking', engine: 'sandbox' });
    const engine = h.fake.latest('linking');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    await sleep(h.config.startTimeoutMs / 2);
    engine.emit({ type: 'authenticated' });
    expect(h.manager.get(h.operator, 'linking').status).toBe('authenticating');
    await waitForStatus(h, 'linking', 'failed');
    const failure = h.statusEvents.find((e) => e.event.status === 'failed');
    expect(failure?.event.reason).toMatch(/^The session did not finish linking within \d+ s$/);
    expect(engine.calls.stop).toBe(1);
    expect(engine.listenerCount).toBe(0);
  });
});

// ── Reconnects, logouts and failures reported by the engine ──────────────────────────────────────────

const retryReason = (h: Harness, id: string) => h.manager.get(h.admin, id).statusReason ?? '';

describe('SessionManager reconnects', () => {
  it('reconnects after a drop with a new engine session and resets the attempts once connected', async () => {
    const h = await harness();
    const first = await connected(h, h.operator, 'Sales');
    const before = Date.now();
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'sales', 'reconnecting');
    const waiting = h.manager.get(h.operator, 'sales');
    expect(waiting.statusReason).toMatch(/^Network dropped — retrying in \d+ s \(attempt 1\)$/);
    expect(waiting.nextRetryAt).toBeGreaterThanOrEqual(before + h.config.reconnectBaseMs / 2);
    expect(waiting.nextRetryAt).toBeLessThanOrEqual(Date.now() + h.config.reconnectBaseMs);
    expect(waiting.autoStart).toBe(true);
    expect(first.calls.stop).toBe(1);
    expect(first.listenerCount).toBe(0);

    // The next engine cannot start: the attempt counter grows.
    h.fake.configure = (s) => s.startRejects('WhatsApp is unreachable');
    await vi.waitFor(() => expect(retryReason(h, 'sales')).toContain('(attempt 2)'), WAIT);
    expect(retryReason(h, 'sales')).toMatch(/^WhatsApp is unreachable — retrying/);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');

    h.fake.configure = () => {};
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(3), WAIT);
    const third = h.fake.latest('sales');
    await vi.waitFor(() => expect(third.calls.start).toBe(1), WAIT);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');
    third.connect('4915123456789', 'Again');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      status: 'connected',
      statusReason: null,
      nextRetryAt: null,
    });

    third.emit({ type: 'disconnected', reason: 'Network dropped again', loggedOut: false });
    await waitForStatus(h, 'sales', 'reconnecting');
    expect(retryReason(h, 'sales')).toMatch(/\(attempt 1\)$/);
    expect(statusesOf(h, 'sales')).not.toContain('failed');
  });

  it('keeps retrying with growing, capped delays until stopped, then never again', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const h = await harness({ reconnectBaseMs: 10, reconnectMaxMs: 40 });
    const first = await connected(h, h.operator, 'Flaky');
    h.fake.configure = (s) => s.startRejects('WhatsApp is unreachable');
    const delays: number[] = [];
    h.bus.on('session', (event) => {
      if (event.type !== 'status' || event.status !== 'reconnecting') return;
      const next = h.manager.get(h.admin, 'flaky').nextRetryAt;
      if (next !== null) delays.push(next - event.at);
    });
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('flaky').length).toBeGreaterThanOrEqual(7), WAIT);

    const expected = [10, 20, 40, 40, 40, 40];
    expect(delays.length).toBeGreaterThanOrEqual(expected.length);
    expected.forEach((delay, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(delay - 8);
      expect(delays[i]).toBeLessThanOrEqual(delay);
    });
    expect(h.manager.get(h.operator, 'flaky').status).toBe('reconnecting');
    expect(statusesOf(h, 'flaky')).not.toContain('failed');

    const stopped = await h.manager.stop(h.operator, 'flaky');
    expect(stopped).toMatchObject({
      status: 'stopped',
      statusReason: null,
      autoStart: false,
      nextRetryAt: null,
    });
    const attempts = h.fake.sessionsFor('flaky').length;
    await sleep(h.config.reconnectMaxMs * 4);
    expect(h.fake.sessionsFor('flaky')).toHaveLength(attempts);
    expect(h.manager.get(h.operator, 'flaky').status).toBe('stopped');
  });

  it('retries a reconnect whose engine start hangs, still as reconnecting', async () => {
    const h = await harness({ startTimeoutMs: 60 });
    const first = await connected(h, h.operator, 'Hangs');
    h.fake.configure = (s) => s.startHangs();
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('hangs').length).toBeGreaterThanOrEqual(3), WAIT);
    expect(h.manager.get(h.operator, 'hangs').status).toBe('reconnecting');
    expect(retryReason(h, 'hangs')).toMatch(/did not start within/);
    expect(statusesOf(h, 'hangs')).not.toContain('failed');
  });

  it('goes logged_out when the phone unlinks: engine logged out, no reconnect, no auto start', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'disconnected', reason: 'The phone removed this linked device', loggedOut: true });
    await waitForStatus(h, 'sales', 'logged_out');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      status: 'logged_out',
      statusReason: 'The phone removed this linked device',
      phone: null,
      pushName: null,
      autoStart: false,
      nextRetryAt: null,
    });
    expect(engine.calls.logout).toBe(1);
    expect(engine.listenerCount).toBe(0);
    await sleep(h.config.reconnectMaxMs * 2);
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('logged_out');
  });

  it('takes a non-retryable failure as final: failed with the reason, no retry, no auto start', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    engine.emit({ type: 'failed', reason: 'QR code not scanned in time', retryable: false });
    await waitForStatus(h, 'sales', 'failed');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      statusReason: 'QR code not scanned in time',
      autoStart: false,
      qr: null,
      nextRetryAt: null,
    });
    expect(engine.calls.stop).toBe(1);
    await sleep(h.config.reconnectMaxMs * 2);
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('failed');
  });

  it('retries a retryable failure while the operator wants the session running', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'failed', reason: 'Browser crashed', retryable: true });
    await waitForStatus(h, 'sales', 'failed');
    expect(retryReason(h, 'sales')).toMatch(/^Browser crashed — retrying in \d+ s \(attempt 1\)$/);
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(2), WAIT);
    await waitForStatus(h, 'sales', 'starting');
    h.fake.latest('sales').connect();
    expect(h.manager.get(h.operator, 'sales').status).toBe('connected');
  });

  it('ignores events from an engine session that was torn down', async () => {
    const h = await harness();
    const traffic: EngineTraffic[] = [];
    h.manager.traffic.on((t) => traffic.push(t));
    h.fake.configure = (s) => {
      s.ignoreUnsubscribe = true;
    };
    const old = await connected(h, h.operator, 'Sales');
    old.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(2), WAIT);
    const current = h.fake.latest('sales');
    await vi.waitFor(() => expect(current.calls.start).toBe(1), WAIT);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');
    // The old engine still calls the manager's listener: nothing it says may count.
    expect(old.listenerCount).toBe(0);

    old.connect('4900000000000', 'Ghost');
    old.emit({ type: 'qr', qr: 'OLD', expiresAt: 1 });
    old.emit({ type: 'message', message: { externalId: 'm1', from: '491', text: 'hi', timestamp: 1 } });
    old.emit({ type: 'failed', reason: 'old engine failed', retryable: false });
    old.emit({ type: 'disconnected', reason: 'old engine unlinked', loggedOut: true });
    await sleep(20);
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({ status: 'reconnecting', qr: null });
    expect(current.calls.logout + current.calls.stop).toBe(0);
    expect(traffic).toHaveLength(0);

    current.connect('4915123456789', 'Current');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({ status: 'connected', phone: '4915123456789' });
    current.emit({ type: 'message', message: { externalId: 'm2', from: '491', text: 'hi', timestamp: 1 } });
    expect(traffic).toEqual([expect.objectContaining({ sessionId: 'sales', ownerId: h.operator.id })]);
  });
});

// ── Boot, shutdown, logout and delete ────────────────────────────────────────────────────────────────

describe('SessionManager restore and shutdown', () => {
  it('restores sessions left running by a previous run and repairs stale statuses', async () => {
    const h = await harness();
    await connected(h, h.operator, 'Alpha');
    await connected(h, h.other, 'Beta');
    await h.manager.create(h.operator, { name: 'Gamma', engine: 'sandbox', start: false });
    await h.manager.create(h.operator, { name: 'Delta', engine: 'sandbox', start: false });
    // Gamma was showing a QR when the previous run died, but the operator had stopped wanting it.
    h.db.update(accounts).set({ status: 'qr', autoStart: false }).where(eq(accounts.id, 'gamma')).run();
    h.db
      .update(accounts)
      .set({ status: 'failed', statusReason: 'QR code not scanned in time' })
      .where(eq(accounts.id, 'delta'))
      .run();

    const next = h.nextRun();
    await next.manager.restore();
    expect(next.fake.sessionsFor('alpha')).toHaveLength(1);
    expect(next.fake.sessionsFor('beta')).toHaveLength(1);
    expect(next.fake.sessionsFor('gamma')).toHaveLength(0);
    expect(next.fake.sessionsFor('delta')).toHaveLength(0);
    expect(next.fake.latest('alpha').calls.start).toBe(1);
    expect(next.manager.get(h.admin, 'alpha')).toMatchObject({ status: 'starting', autoStart: true });
    expect(next.manager.get(h.admin, 'gamma')).toMatchObject({
      status: 'stopped',
      statusReason: 'Server restarted',
    });
    expect(next.manager.get(h.admin, 'delta')).toMatchObject({
      status: 'failed',
      statusReason: 'QR code not scanned in time',
    });

    next.fake.latest('alpha').connect();
    next.fake.latest('beta').connect();
    expect(next.manager.stats(h.admin).byStatus.connected).toBe(2);
  });

  it('stops every engine on shutdown but keeps them wanted, so the next run restores them', async () => {
    const h = await harness();
    const alpha = await connected(h, h.operator, 'Alpha');
    const beta = await connected(h, h.other, 'Beta');
    beta.stopHangs();
    await h.manager.create(h.operator, { name: 'Idle', engine: 'sandbox', start: false });

    const began = Date.now();
    await h.manager.shutdown();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(alpha.calls.stop).toBe(1);
    expect(beta.calls.stop).toBe(1);
    for (const id of ['alpha', 'beta']) {
      expect(h.manager.get(h.admin, id)).toMatchObject({
        status: 'stopped',
        statusReason: 'Server shut down',
        autoStart: true,
      });
    }
    expect(h.manager.get(h.admin, 'idle')).toMatchObject({ status: 'stopped', autoStart: false });
    await expect(h.manager.create(h.operator, { name: 'Late', engine: 'sandbox' })).rejects.toThrow(
      'The server is shutting down',
    );
    await expect(h.manager.start(h.operator, 'idle')).rejects.toThrow(code('PRECONDITION_FAILED'));

    const next = h.nextRun();
    await next.manager.restore();
    expect(next.fake.sessions.map((s) => s.id).sort()).toEqual(['alpha', 'beta']);
    expect(next.manager.get(h.admin, 'alpha').status).toBe('starting');
  });

  it('marks a session waiting to reconnect as stopped on shutdown, and schedules no more attempts', async () => {
    const h = await harness({ reconnectBaseMs: 200, reconnectMaxMs: 200 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    await h.manager.shutdown();
    await sleep(300);
    expect(h.fake.sessionsFor('dropped')).toHaveLength(1);
    expect(h.manager.get(h.admin, 'dropped')).toMatchObject({
      status: 'stopped',
      statusReason: 'Server shut down',
      autoStart: true,
    });
  });
});

describe('SessionManager logout and delete', () => {
  it('logs out a stopped session through a fresh engine session, without starting it', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Dormant', engine: 'sandbox', start: false });
    const view = await h.manager.logout(h.operator, 'dormant');
    expect(view).toMatchObject({ status: 'logged_out', statusReason: 'Logged out', autoStart: false });
    const dormant = h.fake.latest('dormant');
    expect(dormant.calls).toMatchObject({ start: 0, logout: 1 });
    expect(dormant.options.dataDir).toBe(join(h.config.sessionsDir, 'dormant'));
  });

  it('logs out a running session through its own engine, abandoning a logout that hangs', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Live');
    engine.logoutHangs();
    const view = await h.manager.logout(h.operator, 'live');
    expect(view).toMatchObject({ status: 'logged_out', phone: null, pushName: null, autoStart: false });
    expect(engine.calls.logout).toBe(1);
    expect(h.fake.sessionsFor('live')).toHaveLength(1);

    const restarted = await h.manager.start(h.operator, 'live');
    expect(restarted.status).toBe('starting');
  });

  it('logs out a session waiting to reconnect: no retry is shown or attempted afterwards', async () => {
    const h = await harness({ reconnectBaseMs: 200, reconnectMaxMs: 200 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    expect(h.manager.get(h.operator, 'dropped').nextRetryAt).not.toBeNull();
    const view = await h.manager.logout(h.operator, 'dropped');
    expect(view).toMatchObject({ status: 'logged_out', autoStart: false, nextRetryAt: null });
    await sleep(300);
    expect(h.fake.sessionsFor('dropped').filter((s) => s.calls.start > 0)).toHaveLength(1);
    expect(h.manager.get(h.operator, 'dropped').status).toBe('logged_out');
  });

  it('deletes a session: engine logged out, data folder and row removed, `deleted` published', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Gone');
    const dataDir = join(h.config.sessionsDir, 'gone');
    await writeFile(join(dataDir, 'auth.json'), '{}');
    await h.manager.delete(h.operator, 'gone');
    expect(engine.calls.logout).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
    expect(rowOf(h.db, 'gone')).toBeUndefined();
    expect(() => h.manager.get(h.admin, 'gone')).toThrow(code('NOT_FOUND'));
    expect(h.sessionEvents.at(-1)).toMatchObject({
      type: 'deleted',
      sessionId: 'gone',
      ownerId: h.operator.id,
    });

    // The id is free again.
    await h.manager.create(h.operator, { name: 'Gone', engine: 'sandbox', start: false });
  });

  it('deletes a stopped session after logging out its stored auth', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Stopped', engine: 'sandbox', start: false });
    await h.manager.delete(h.operator, 'stopped');
    expect(h.fake.latest('stopped').calls).toMatchObject({ start: 0, logout: 1 });
    expect(existsSync(join(h.config.sessionsDir, 'stopped'))).toBe(false);
    expect(h.manager.list(h.admin)).toHaveLength(0);
  });

  it('deletes a session waiting to reconnect without a later attempt bringing it back', async () => {
    const h = await harness({ reconnectBaseMs: 40, reconnectMaxMs: 40 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    await h.manager.delete(h.operator, 'dropped');
    await sleep(100);
    // Only the dormant logout's engine session was created after the drop; nothing started.
    expect(h.fake.sessionsFor('dropped').every((s) => s === engine || s.calls.start === 0)).toBe(true);
    expect(existsSync(join(h.config.sessionsDir, 'dropped'))).toBe(false);
    expect(rowOf(h.db, 'dropped')).toBeUndefined();
  });
});
