import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, messages, webhookDeliveries, webhooks } from '@switchboard/db';
import { DEFAULT_MEDIA_MAX_BYTES } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { afterEach, expect } from 'vitest';
import { Access, type Actor } from '../access.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { ReachOutLimits } from '../campaigns/limits.ts';
import { systemClock } from '../clock.ts';
import { EventBus } from '../events.ts';
import { InboxService } from '../inbox/service.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { type MediaConfig, MediaService } from '../media/service.ts';
import type { MessageView } from '../message-view.ts';
import { WebhookOutbox } from '../outbox/outbox.ts';
import { PoolService } from '../pools/service.ts';
import { SessionManager } from '../sessions/manager.ts';
import { FakeEngine, type FakeSession } from '../test-support/fake-engine.ts';
import { WriteRetry } from '../write-retry.ts';
import { MessageService } from './service.ts';

/** The message service's tests share this harness: a real database and session manager, fake engines. */

export const code = (c: string) => expect.objectContaining({ code: c });

const cleanups: Array<() => Promise<void>> = [];

// Registered by every test file that imports this harness.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface Harness {
  db: Db;
  bus: EventBus;
  fake: FakeEngine;
  sessions: SessionManager;
  media: MediaService;
  service: MessageService;
  inbox: InboxService;
  operator: Actor;
  other: Actor;
  /** Every message event, with the row as stored at the moment it was published. */
  published: Array<{ message: MessageView; stored: ReturnType<typeof messageRow> }>;
  /** What the message service logged at warn and error level. */
  logged: Array<{ level: 'warn' | 'error'; message: string; fields?: Record<string, unknown> }>;
}

export async function harness(media: Partial<MediaConfig> = {}): Promise<Harness> {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const operator = await addUser(users, admin, 'olga@example.com', 'operator');
  const other = await addUser(users, admin, 'otto@example.com', 'operator');
  const sessionsDir = await mkdtemp(join(tmpdir(), 'switchboard-messages-'));
  const fake = new FakeEngine();
  const bus = new EventBus();
  const access = new Access(db);
  const outbox = new WebhookOutbox(db, bus);
  const limits = new ReachOutLimits(systemClock);
  const sessions = new SessionManager({
    db,
    engines: new Map([['sandbox', fake]]),
    bus,
    outbox,
    access,
    config: {
      sessionsDir,
      maxSessions: 10,
      maxSessionsPerUser: 10,
      startTimeoutMs: 1_000,
      stopTimeoutMs: 100,
      reconnectBaseMs: 5_000,
      reconnectMaxMs: 5_000,
    },
    log: silentLogger,
  });
  const logged: Harness['logged'] = [];
  const log: Logger = {
    ...silentLogger,
    warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  };
  const inbox = new InboxService(db, access, bus);
  const mediaService = new MediaService({
    db,
    access,
    bus,
    config: {
      dir: join(sessionsDir, 'media'),
      limits: DEFAULT_MEDIA_MAX_BYTES,
      retentionMs: 0,
      maxTotalBytes: 0,
      fetchTimeoutMs: 2_000,
      fetchPrivate: 'everyone',
      linkTtlMs: 60_000,
      publicUrl: () => 'http://gateway.test',
      ...media,
    },
    log: silentLogger,
  });
  const service = new MessageService({
    db,
    sessions,
    access,
    bus,
    inbox,
    media: mediaService,
    outbox,
    writes: new WriteRetry(silentLogger),
    pools: new PoolService(db, access, limits),
    limits,
    config: { maxTextLength: 50, sendTimeoutMs: 100 },
    log,
  });
  const published: Harness['published'] = [];
  bus.on('message', (event) => {
    published.push({ message: event.message, stored: messageRow(db, event.message.id) });
  });
  cleanups.push(async () => {
    await service.drain();
    await sessions.shutdown();
    await rm(sessionsDir, { recursive: true, force: true });
  });
  return { db, bus, fake, sessions, media: mediaService, service, inbox, operator, other, published, logged };
}

export const messageRow = (db: Db, id: string) => db.select().from(messages).where(eq(messages.id, id)).get();

export async function connectedSession(h: Harness, name = 'Sales', actor = h.operator): Promise<FakeSession> {
  const view = await h.sessions.create(actor, { name, engine: 'sandbox' });
  const engine = h.fake.latest(view.id);
  engine.connect();
  return engine;
}

export const sendText = (h: Harness, text: string, to = '+49 151 2345 6789', sessionId = 'sales') =>
  h.service.send(h.operator, { sessionId, to, text });

/** A global webhook endpoint, so every message change leaves a delivery to read back. */
export function subscribe(db: Db): () => Array<{ type: string; status: unknown; externalId: unknown }> {
  db.insert(webhooks)
    .values({
      id: 'hook',
      accountId: null,
      url: 'https://hooks.example.com/switchboard',
      secret: 'whsec_test',
      events: ['message.sent', 'message.status'],
      updatedAt: Date.now(),
    })
    .run();
  return () =>
    db
      .select()
      .from(webhookDeliveries)
      .all()
      .map((d) => {
        const payload = JSON.parse(d.payload) as {
          type: string;
          data: { status: unknown; externalId: unknown };
        };
        return { type: payload.type, status: payload.data.status, externalId: payload.data.externalId };
      });
}
