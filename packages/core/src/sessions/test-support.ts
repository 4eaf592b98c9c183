import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Account, accounts, type Db } from '@switchboard/db';
import type { SessionStatus } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { afterEach, expect, vi } from 'vitest';
import { Access, type Actor } from '../access.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { EventBus, type SessionEvent } from '../events.ts';
import { silentLogger } from '../logger.ts';
import { WebhookOutbox } from '../outbox/outbox.ts';
import { FakeEngine, type FakeSession } from '../test-support/fake-engine.ts';
import { SessionManager, type SessionManagerConfig } from './manager.ts';

/** The session manager's tests, one file per part of it, share this harness (a real database, fake engines). */

export const code = (c: string) => expect.objectContaining({ code: c });

/** Small timings: every wait in these files is a few of these, so each file stays well under a second or two. */
const TIMINGS = {
  startTimeoutMs: 150,
  stopTimeoutMs: 60,
  reconnectBaseMs: 20,
  reconnectMaxMs: 80,
} satisfies Partial<SessionManagerConfig>;

export const WAIT = { timeout: 2_000, interval: 5 };

const cleanups: Array<() => Promise<void>> = [];

// Registered by every test file that imports this harness.
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface Harness {
  db: Db;
  bus: EventBus;
  fake: FakeEngine;
  /** Registered as the WhatsApp Web engine only when the harness is asked for it. */
  webjs: FakeEngine;
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

export async function harness(
  overrides: Partial<SessionManagerConfig> = {},
  options: { webjs?: boolean } = {},
): Promise<Harness> {
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
  const webjs = new FakeEngine('webjs');
  const build = (fake: FakeEngine) => {
    const bus = new EventBus();
    const manager = new SessionManager({
      db,
      engines: new Map(
        options.webjs
          ? [
              ['sandbox', fake],
              ['webjs', webjs],
            ]
          : [['sandbox', fake]],
      ),
      bus,
      outbox: new WebhookOutbox(db, bus),
      access: new Access(db),
      config,
      log: silentLogger,
    });
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
    webjs,
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

export const rowOf = (db: Db, id: string) => db.select().from(accounts).where(eq(accounts.id, id)).get();

export const statusesOf = (h: Harness, id: string) =>
  h.statusEvents.filter((e) => e.event.sessionId === id).map((e) => e.event.status);

export async function waitForStatus(h: Harness, id: string, status: SessionStatus): Promise<void> {
  await vi.waitFor(() => expect(h.manager.get(h.admin, id).status).toBe(status), WAIT);
}

/** Creates a session, lets it connect, and returns its engine session. */
export async function connected(h: Harness, actor: Actor, name: string): Promise<FakeSession> {
  const view = await h.manager.create(actor, { name, engine: 'sandbox' });
  const session = h.fake.latest(view.id);
  session.connect();
  expect(h.manager.get(actor, view.id).status).toBe('connected');
  return session;
}

/** A buggy bus subscriber that throws on every event of one session (removed again after the test). */
export function throwFor(h: Harness, id: string): void {
  const listener = (event: SessionEvent) => {
    if (event.sessionId === id) throw new Error('subscriber bug');
  };
  h.bus.on('session', listener);
  cleanups.push(async () => {
    h.bus.off('session', listener);
  });
}

export const retryReason = (h: Harness, id: string) => h.manager.get(h.admin, id).statusReason ?? '';
