import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { accounts, type Db, type Message, messages } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { EventBus } from '../events.ts';
import { silentLogger } from '../logger.ts';
import { SessionManager } from '../sessions/manager.ts';
import { deferred, FakeEngine, type FakeSession, never } from '../test-support/fake-engine.ts';
import { MessageService } from './service.ts';

const code = (c: string) => expect.objectContaining({ code: c });

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  db: Db;
  bus: EventBus;
  fake: FakeEngine;
  sessions: SessionManager;
  service: MessageService;
  operator: Actor;
  other: Actor;
  /** Every message event, with the row as stored at the moment it was published. */
  published: Array<{ message: Message; stored: Message | undefined }>;
}

async function harness(): Promise<Harness> {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const operator = await addUser(users, admin, 'olga@example.com', 'operator');
  const other = await addUser(users, admin, 'otto@example.com', 'operator');
  const sessionsDir = await mkdtemp(join(tmpdir(), 'switchboard-messages-'));
  const fake = new FakeEngine();
  const bus = new EventBus();
  const sessions = new SessionManager(
    db,
    new Map([['sandbox', fake]]),
    bus,
    {
      sessionsDir,
      maxSessions: 10,
      maxSessionsPerUser: 10,
      startTimeoutMs: 1_000,
      stopTimeoutMs: 100,
      reconnectBaseMs: 5_000,
      reconnectMaxMs: 5_000,
    },
    silentLogger,
  );
  const service = new MessageService(
    db,
    sessions,
    bus,
    { maxTextLength: 50, sendTimeoutMs: 100 },
    silentLogger,
  );
  const published: Harness['published'] = [];
  bus.on('message', (event) => {
    published.push({ message: event.message, stored: messageRow(db, event.message.id) });
  });
  cleanups.push(async () => {
    await service.drain();
    await sessions.shutdown();
    await rm(sessionsDir, { recursive: true, force: true });
  });
  return { db, bus, fake, sessions, service, operator, other, published };
}

const messageRow = (db: Db, id: string) => db.select().from(messages).where(eq(messages.id, id)).get();

async function connectedSession(h: Harness, name = 'Sales', actor = h.operator): Promise<FakeSession> {
  const view = await h.sessions.create(actor, { name, engine: 'sandbox' });
  const engine = h.fake.latest(view.id);
  engine.connect();
  return engine;
}

const sendText = (h: Harness, text: string, to = '+49 151 2345 6789', sessionId = 'sales') =>
  h.service.send(h.operator, { sessionId, to, text });

describe('MessageService.send', () => {
  it('stores the message as queued first, then sent with the engine’s id', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const queued = sendText(h, 'Hello there');
    expect(queued).toMatchObject({
      accountId: 'sales',
      direction: 'out',
      peer: '4915123456789',
      body: 'Hello there',
      status: 'queued',
      externalId: null,
    });
    expect(messageRow(h.db, queued.id)?.status).toBe('queued');

    await h.service.drain();
    expect(messageRow(h.db, queued.id)).toMatchObject({
      status: 'sent',
      externalId: 'ext-sales-1',
      error: null,
    });
    expect(engine.sent).toEqual([
      { to: '4915123456789', content: { type: 'text', text: 'Hello there' }, externalId: 'ext-sales-1' },
    ]);
    expect(h.published.map((p) => p.message.status)).toEqual(['queued', 'sent']);
    for (const { message, stored } of h.published) expect(stored?.status).toBe(message.status);
  });

  it('hands concurrent sends on one session to the engine one at a time, in order', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async (to) => {
      await sleep(5);
      return { externalId: `ext-${to}` };
    };
    const numbers = ['4915111111111', '4915122222222', '4915133333333', '4915144444444', '4915155555555'];
    const rows = numbers.map((n) => sendText(h, `to ${n}`, `+${n}`));
    await h.service.drain();
    expect(engine.maxInFlightSends).toBe(1);
    expect(engine.sent.map((s) => s.to)).toEqual(numbers);
    for (const [i, row] of rows.entries()) {
      expect(messageRow(h.db, row.id)).toMatchObject({ status: 'sent', externalId: `ext-${numbers[i]}` });
    }
  });

  it('does not hold up one session’s sends behind another session’s hanging engine', async () => {
    const h = await harness();
    const slow = await connectedSession(h, 'Slow');
    const fast = await connectedSession(h, 'Fast');
    const release = deferred<{ externalId: string }>();
    slow.sendImpl = () => release.promise;
    const stuck = sendText(h, 'waiting', '+4915111111111', 'slow');
    const quick = sendText(h, 'quick', '+4915122222222', 'fast');
    await sleep(20);
    expect(messageRow(h.db, quick.id)?.status).toBe('sent');
    expect(messageRow(h.db, stuck.id)?.status).toBe('queued');
    expect(fast.sent).toHaveLength(1);
    release.resolve({ externalId: 'late' });
    await h.service.drain();
    expect(messageRow(h.db, stuck.id)).toMatchObject({ status: 'sent', externalId: 'late' });
  });

  it('marks a send the engine refuses as failed with the engine’s message, and the next one still goes', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    let calls = 0;
    engine.sendImpl = async () => {
      calls += 1;
      if (calls === 1) throw new Error('4915123456789 is not on WhatsApp');
      return { externalId: 'second' };
    };
    const first = sendText(h, 'one');
    const second = sendText(h, 'two');
    await h.service.drain();
    expect(messageRow(h.db, first.id)).toMatchObject({
      status: 'failed',
      error: '4915123456789 is not on WhatsApp',
      externalId: null,
    });
    expect(messageRow(h.db, second.id)).toMatchObject({ status: 'sent', externalId: 'second' });
  });

  it('marks a send that hangs as failed after the send timeout', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = () => never();
    const row = sendText(h, 'into the void');
    await h.service.drain();
    expect(messageRow(h.db, row.id)?.status).toBe('failed');
    expect(messageRow(h.db, row.id)?.error).toMatch(/^WhatsApp did not accept the message within \d+ s$/);
  });

  it('fails queued sends when the session stops being connected before their turn', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const release = deferred<{ externalId: string }>();
    engine.sendImpl = () => release.promise;
    const first = sendText(h, 'one');
    const second = sendText(h, 'two');
    await sleep(5);
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await sleep(5);
    expect(h.sessions.get(h.operator, 'sales').status).toBe('reconnecting');
    release.resolve({ externalId: 'first' });
    await h.service.drain();
    expect(messageRow(h.db, first.id)?.status).toBe('sent');
    expect(messageRow(h.db, second.id)).toMatchObject({
      status: 'failed',
      error: 'Session sales is not connected (status: reconnecting)',
    });
    expect(engine.sent).toHaveLength(1);
  });

  it('refuses what cannot be sent, storing nothing', async () => {
    const h = await harness();
    await h.sessions.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    expect(() => sendText(h, 'hi')).toThrow('Session sales is not connected (status: qr)');
    engine.connect();
    expect(() => sendText(h, '   ')).toThrow(code('BAD_REQUEST'));
    expect(() => sendText(h, 'x'.repeat(51))).toThrow('the limit is 50');
    expect(() => sendText(h, 'hi', '12')).toThrow('Recipient "12" is not a phone number');
    expect(() => sendText(h, 'hi', '+1 555 000 0000')).toThrow(code('BAD_REQUEST'));
    await connectedSession(h, 'Foreign', h.other);
    expect(() => sendText(h, 'hi', '+4915123456789', 'foreign')).toThrow(code('NOT_FOUND'));
    expect(() => sendText(h, 'hi', '+4915123456789', 'missing')).toThrow('Session missing not found');
    await h.service.drain();
    expect(h.db.select().from(messages).all()).toHaveLength(0);
    expect(engine.sent).toHaveLength(0);
  });
});

describe('MessageService acks', () => {
  it('moves the status forward only: a late delivered after read is ignored', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const row = sendText(h, 'hi');
    await h.service.drain();
    const ext = messageRow(h.db, row.id)?.externalId ?? '';
    expect(ext).toBe('ext-sales-1');

    engine.emit({ type: 'ack', externalId: ext, ack: 'delivered' });
    expect(messageRow(h.db, row.id)?.status).toBe('delivered');
    engine.emit({ type: 'ack', externalId: ext, ack: 'read' });
    expect(messageRow(h.db, row.id)?.status).toBe('read');
    const publishedBefore = h.published.length;
    engine.emit({ type: 'ack', externalId: ext, ack: 'delivered' });
    engine.emit({ type: 'ack', externalId: ext, ack: 'sent' });
    expect(messageRow(h.db, row.id)?.status).toBe('read');
    expect(h.published).toHaveLength(publishedBefore);
    engine.emit({ type: 'ack', externalId: ext, ack: 'played' });
    expect(messageRow(h.db, row.id)?.status).toBe('played');
    expect(h.published.map((p) => p.message.status)).toEqual([
      'queued',
      'sent',
      'delivered',
      'read',
      'played',
    ]);
  });

  it('records a failed ack with the engine’s error', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const row = sendText(h, 'hi');
    await h.service.drain();
    engine.emit({ type: 'ack', externalId: 'ext-sales-1', ack: 'failed', error: 'Recipient blocked you' });
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'failed', error: 'Recipient blocked you' });
    engine.emit({ type: 'ack', externalId: 'ext-sales-1', ack: 'read' });
    expect(messageRow(h.db, row.id)?.status).toBe('failed');
  });

  it('applies acks that arrive before send() resolves once the send is recorded', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    engine.sendImpl = async () => {
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'delivered' });
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'read' });
      engine.emit({ type: 'ack', externalId: 'quick-1', ack: 'delivered' });
      return { externalId: 'quick-1' };
    };
    const row = sendText(h, 'hi');
    await h.service.drain();
    expect(messageRow(h.db, row.id)).toMatchObject({ status: 'read', externalId: 'quick-1' });
    expect(h.published.map((p) => p.message.status)).toEqual(['queued', 'sent', 'read']);
  });

  it('ignores acks for messages of another session with the same external id', async () => {
    const h = await harness();
    const a = await connectedSession(h, 'Alpha');
    const b = await connectedSession(h, 'Beta');
    a.sendImpl = async () => ({ externalId: 'same' });
    b.sendImpl = async () => ({ externalId: 'same' });
    const fromA = sendText(h, 'hi', '+4915123456789', 'alpha');
    const fromB = sendText(h, 'hi', '+4915123456789', 'beta');
    await h.service.drain();
    b.emit({ type: 'ack', externalId: 'same', ack: 'read' });
    expect(messageRow(h.db, fromA.id)?.status).toBe('sent');
    expect(messageRow(h.db, fromB.id)?.status).toBe('read');
  });
});

describe('MessageService inbound and recovery', () => {
  it('stores an inbound message once even when the engine reports it twice', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const inbound = {
      externalId: 'in-1',
      from: '4915199999999',
      fromName: 'Customer',
      text: 'Do you ship to Austria?',
      timestamp: 1_700_000_000_000,
    };
    engine.emit({ type: 'message', message: inbound });
    engine.emit({ type: 'message', message: inbound });
    engine.emit({
      type: 'message',
      message: {
        externalId: 'in-2',
        from: '4915199999999',
        text: '',
        media: { type: 'image' },
        timestamp: 1,
      },
    });
    const rows = h.db.select().from(messages).where(eq(messages.accountId, 'sales')).all();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.externalId === 'in-1')).toMatchObject({
      direction: 'in',
      status: 'received',
      peer: '4915199999999',
      peerName: 'Customer',
      body: 'Do you ship to Austria?',
    });
    expect(rows.find((r) => r.externalId === 'in-2')?.body).toBe('[image]');
    expect(h.published).toHaveLength(2);
    for (const { stored } of h.published) expect(stored).toBeDefined();

    const page = h.service.list(h.operator, { sessionId: 'sales', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const rest = h.service.list(h.operator, { sessionId: 'sales', limit: 5, cursor: page.nextCursor });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...page.items, ...rest.items].map((m) => m.externalId))).toEqual(
      new Set(['in-1', 'in-2']),
    );
    expect(() => h.service.list(h.other, { sessionId: 'sales', limit: 5 })).toThrow(code('NOT_FOUND'));
  });

  it('marks messages left queued by a previous run as failed, and only those', async () => {
    const h = await harness();
    await h.sessions.create(h.operator, { name: 'Sales', engine: 'sandbox', start: false });
    const now = Date.now();
    const insert = (id: string, status: Message['status']) =>
      h.db
        .insert(messages)
        .values({
          id,
          accountId: 'sales',
          direction: 'out',
          peer: '4915123456789',
          body: id,
          status,
          createdAt: now,
          updatedAt: now,
        })
        .run();
    insert('q1', 'queued');
    insert('q2', 'queued');
    insert('s1', 'sent');
    insert('r1', 'read');
    expect(h.service.failInterrupted()).toBe(2);
    expect(messageRow(h.db, 'q1')).toMatchObject({
      status: 'failed',
      error: 'Not sent: the server stopped before sending it',
    });
    expect(messageRow(h.db, 'q2')?.status).toBe('failed');
    expect(messageRow(h.db, 's1')?.status).toBe('sent');
    expect(messageRow(h.db, 'r1')?.status).toBe('read');
    expect(h.service.failInterrupted()).toBe(0);
    expect(h.db.select().from(accounts).all()).toHaveLength(1);
  });
});
