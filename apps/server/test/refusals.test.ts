import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type AppRouter, appRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import WS from 'ws';
import {
  type Client,
  connect,
  createLinked,
  type StreamedSessionEvent,
  sandbox,
  sessionEventsIn,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

// ── Local helpers ──────────────────────────────────────────────────────────────────────────────────────

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Newest first (subscriptions, clients, then gateways); one failing cleanup must not skip the others.
  const failures: unknown[] = [];
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
});

/**
 * A fresh gateway with a signed-in admin. QR codes rotate as usual but do not run out during a test, so a
 * session shown as `qr` stays `qr` while we compare before and after.
 */
async function gateway(overrides: Record<string, string> = {}) {
  const g = await startTestGateway({ SANDBOX_QR_MAX_CODES: '100', ...overrides });
  cleanups.push(() => disposeWithin(g, 5000));
  const cookie = await setupAdmin(g);
  const admin = track(connect(g, cookie));
  return { g, cookie, admin };
}

/** A gateway whose graceful close hangs is a finding of its own; report it instead of stalling the suite. */
async function disposeWithin(g: TestGateway, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const outcome = await Promise.race([g.dispose().then(() => 'closed' as const), hung]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    rmSync(g.dataDir, { recursive: true, force: true });
    throw new Error(`The gateway did not close within ${ms} ms`);
  }
}

function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

const OPERATOR_PASSWORD = 'operator-password-1';

/** An operator created by the admin through users.create, signed in through the login form. */
async function operator(g: TestGateway, admin: Client, email = 'olga@example.com') {
  const user = await admin.users.create.mutate({ email, name: 'Olga Operator', password: OPERATOR_PASSWORD });
  const cookie = await signIn(g, email, OPERATOR_PASSWORD);
  return { user, cookie, client: track(connect(g, cookie)) };
}

interface Refusal {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
}

/** The error a call was refused with; fails the test if the call succeeded. */
async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

const refusedWith = (code: string, message: string | RegExp) =>
  expect.objectContaining({
    code,
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  });

/** Everything a user could see change: sessions, their messages, users, and files in the data folder. */
async function world(g: TestGateway, admin: Client) {
  const sessions = await admin.sessions.list.query();
  const messages: Record<string, string[]> = {};
  for (const s of sessions) {
    const page = await admin.messages.list.query({ sessionId: s.id, limit: 100 });
    messages[s.id] = page.items.map((m) => `${m.id} ${m.direction} ${m.peer} ${m.body}`);
  }
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      name: s.name,
      ownerId: s.ownerId,
      engine: s.engine,
      status: s.status,
      phone: s.phone,
      lastConnectedAt: s.lastConnectedAt,
    })),
    messages,
    users: (await admin.users.list.query()).map((u) => `${u.email} ${u.role} ${u.name}`),
    // The database files and the server's lock are always there; everything else is engine state a call created.
    files: readdirSync(g.dataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.startsWith('switchboard.'))
      .sort(),
  };
}

interface SubscriptionHandlers {
  onData: (value: unknown) => void;
  onError: (error: unknown) => void;
}

/** Resolves with the error a subscription ends with; fails if it yields data or stays silent. */
function subscriptionRefusal(
  subscribe: (handlers: SubscriptionHandlers) => { unsubscribe(): void },
): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error('The subscription was neither refused nor yielded anything within 5 s'));
    }, 5000);
    const sub = subscribe({
      onData: (value) => {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(new Error(`Expected a refusal, but the subscription yielded ${JSON.stringify(value)}`));
      },
      onError: (error) => {
        clearTimeout(timer);
        const e = error as TRPCClientError<AppRouter>;
        resolve({ code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message });
      },
    });
  });
}

/** Opens a raw WebSocket to /trpc; answers the HTTP status of a refused upgrade, or 'open'. */
function upgrade(g: TestGateway, headers: Record<string, string>): Promise<number | 'open' | 'no answer'> {
  return new Promise((resolve) => {
    const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers });
    const done = (result: number | 'open' | 'no answer') => {
      clearTimeout(timer);
      ws.terminate();
      resolve(result);
    };
    // A refusal is answered at once; a handshake nobody answers must not hang the test (or the server's close).
    const timer = setTimeout(() => done('no answer'), 1500);
    ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
    ws.on('open', () => done('open'));
    ws.on('error', () => {});
  });
}

const ID_PATTERN_MESSAGE = 'Session id must be 1-64 lowercase letters, digits, "-" or "_"';
const BAD_IDS = ['../x', 'A', '', 'a'.repeat(65), 'x/y', '..', '-x', 'x y', 'é'];

// ── Input validation ───────────────────────────────────────────────────────────────────────────────────

describe('bad session ids are refused before they reach the disk', () => {
  it('refuses each bad id in create, byId, start and delete with BAD_REQUEST, and creates nothing', async () => {
    const { g, admin } = await gateway();
    const before = await world(g, admin);
    for (const id of BAD_IDS) {
      const calls = [
        () => admin.sessions.create.mutate({ id, name: 'Sneaky' }),
        () => admin.sessions.byId.query({ id }),
        () => admin.sessions.start.mutate({ id }),
        () => admin.sessions.delete.mutate({ id }),
      ];
      for (const call of calls) {
        expect(await refusal(call()), `id ${JSON.stringify(id)}`).toEqual(
          expect.objectContaining({
            code: 'BAD_REQUEST',
            httpStatus: 400,
            message: expect.stringContaining(ID_PATTERN_MESSAGE),
          }),
        );
      }
    }
    expect(await admin.sessions.list.query()).toEqual([]);
    expect(readdirSync(join(g.dataDir, 'sessions'))).toEqual([]);
    expect(await world(g, admin)).toEqual(before);
  });

  it('accepts the longest valid id (64 characters) and keeps a name full of path characters inside sessions/', async () => {
    const { g, admin } = await gateway();
    const longest = await admin.sessions.create.mutate({ id: 'a'.repeat(64), name: 'Longest', start: false });
    expect(longest.id).toBe('a'.repeat(64));
    const derived = await admin.sessions.create.mutate({ name: '../../etc/passwd', start: true });
    expect(derived.id).toBe('etc-passwd');
    await waitForStatus(admin, derived.id, 'qr');
    // Besides the database and the server's lock, only sessions/ and the sandbox network's own folder.
    expect(readdirSync(g.dataDir).filter((f) => !f.startsWith('switchboard.'))).toEqual([
      'sandbox',
      'sessions',
    ]);
    expect(readdirSync(join(g.dataDir, 'sessions'))).toContain('etc-passwd');
  });

  it('refuses a duplicate id with CONFLICT and keeps the first session as it was', async () => {
    const { g, admin } = await gateway();
    await admin.sessions.create.mutate({ id: 'sales-1', name: 'Sales', start: false });
    const before = await world(g, admin);
    expect(await refusal(admin.sessions.create.mutate({ id: 'sales-1', name: 'Other sales' }))).toEqual(
      refusedWith('CONFLICT', 'Session id "sales-1" is already taken'),
    );
    // A name that derives to the same id is a duplicate too.
    expect(await refusal(admin.sessions.create.mutate({ name: 'Sales 1' }))).toEqual(
      refusedWith('CONFLICT', 'Session id "sales-1" is already taken'),
    );
    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: 'sales-1' })).name).toBe('Sales');
  });

  it('refuses an unknown engine and an engine this server does not run, naming what is available', async () => {
    const { g, admin } = await gateway({ WEBJS_ENABLED: 'false' });
    const before = await world(g, admin);
    const unknown = await refusal(
      // The wire accepts any string; the schema is what must refuse it.
      admin.sessions.create.mutate({ name: 'Telegram', engine: 'telegram' as 'sandbox' }),
    );
    expect(unknown).toEqual(refusedWith('BAD_REQUEST', /engine/i));
    expect(unknown.message).toContain('sandbox');
    expect(await refusal(admin.sessions.create.mutate({ name: 'Chrome', engine: 'webjs' }))).toEqual(
      refusedWith('BAD_REQUEST', 'Engine "webjs" is not enabled on this server (available: sandbox)'),
    );
    expect(await world(g, admin)).toEqual(before);
  });

  it('refuses an empty, blank or too long session name on create and rename', async () => {
    const { g, admin } = await gateway();
    await admin.sessions.create.mutate({ id: 'desk', name: 'Desk', start: false });
    const before = await world(g, admin);
    for (const name of ['', '   ']) {
      expect(await refusal(admin.sessions.create.mutate({ name }))).toEqual(
        refusedWith('BAD_REQUEST', 'Name is required'),
      );
      expect((await refusal(admin.sessions.update.mutate({ id: 'desk', name }))).code).toBe('BAD_REQUEST');
    }
    expect(await refusal(admin.sessions.create.mutate({ name: 'n'.repeat(101) }))).toEqual(
      refusedWith('BAD_REQUEST', 'Name must be at most 100 characters'),
    );
    expect((await refusal(admin.sessions.update.mutate({ id: 'desk', name: 'n'.repeat(101) }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(await world(g, admin)).toEqual(before);
  });
});

describe('messages.send refuses what it cannot send, and stores nothing', () => {
  it('refuses bad phone numbers with BAD_REQUEST naming the number', async () => {
    const { g, cookie, admin } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Sender', '4915112340001');
    const before = await world(g, admin);
    const cases: Array<[string, string]> = [
      ['12', 'Recipient "12" is not a phone number'],
      ['abc', 'Recipient "abc" is not a phone number'],
      ['+1 555 000 0000', 'Recipient "+1 555 000 0000" is not a valid phone number'],
      ['', 'Phone number is required'],
      ['+49 151 1234 5678 9999 0000 1111 2222 3333 4444', 'Phone number is too long'],
    ];
    for (const [to, message] of cases) {
      expect(await refusal(admin.messages.send.mutate({ sessionId: s.id, to, text: 'hello' })), to).toEqual(
        refusedWith('BAD_REQUEST', message),
      );
    }
    expect(await world(g, admin)).toEqual(before);
  });

  it('refuses text over MESSAGE_MAX_LENGTH, over the hard ceiling, and empty or blank text', async () => {
    const { g, cookie, admin } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Sender', '4915112340002');
    const before = await world(g, admin);
    const send = (text: string) => admin.messages.send.mutate({ sessionId: s.id, to: '+14155550101', text });
    expect(await refusal(send('x'.repeat(4097)))).toEqual(
      refusedWith('BAD_REQUEST', 'Message text is 4097 characters long; the limit is 4096'),
    );
    expect(await refusal(send('x'.repeat(65_537)))).toEqual(
      refusedWith('BAD_REQUEST', 'Message text must be at most 65536 characters'),
    );
    for (const text of ['', '   ', '\n\t ']) {
      expect(await refusal(send(text)), JSON.stringify(text)).toEqual(
        refusedWith('BAD_REQUEST', 'Message text is empty'),
      );
    }
    expect(await world(g, admin)).toEqual(before);
    // The limit itself is allowed.
    expect((await send('x'.repeat(4096))).status).toBe('queued');
  });

  it('honours a lower MESSAGE_MAX_LENGTH', async () => {
    const { g, cookie, admin } = await gateway({ MESSAGE_MAX_LENGTH: '10' });
    const s = await createLinked(g, cookie, admin, 'Short', '4915112340003');
    expect(
      await refusal(admin.messages.send.mutate({ sessionId: s.id, to: '+14155550101', text: 'eleven char' })),
    ).toEqual(refusedWith('BAD_REQUEST', 'the limit is 10'));
    expect((await admin.messages.list.query({ sessionId: s.id })).items).toEqual([]);
  });

  it('refuses sending from a session that is not connected, naming its status', async () => {
    const { g, admin } = await gateway();
    const showing = await admin.sessions.create.mutate({ id: 'showing', name: 'Showing a QR' });
    await waitForStatus(admin, showing.id, 'qr');
    const stopped = await admin.sessions.create.mutate({ id: 'resting', name: 'Resting', start: false });
    const before = await world(g, admin);
    expect(
      await refusal(admin.messages.send.mutate({ sessionId: showing.id, to: '+14155550101', text: 'hi' })),
    ).toEqual(
      expect.objectContaining({
        code: 'PRECONDITION_FAILED',
        message: 'Session showing is not connected (status: qr)',
      }),
    );
    expect(
      await refusal(admin.messages.send.mutate({ sessionId: stopped.id, to: '+14155550101', text: 'hi' })),
    ).toEqual(refusedWith('PRECONDITION_FAILED', 'is not connected (status: stopped)'));
    expect(await world(g, admin)).toEqual(before);
  });
});

describe('oversized request bodies', () => {
  it('refuses a tRPC body over 1 MB with 413 and keeps serving', async () => {
    const { g, cookie, admin } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Sender', '4915112340004');
    const before = await world(g, admin);
    const res = await fetch(`${g.url}/trpc/messages.send`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: s.id, to: '+14155550101', text: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await world(g, admin)).toEqual(before);
    // Still serving, both the API and sends.
    expect((await fetch(`${g.url}/health`)).status).toBe(200);
    const sent = await admin.messages.send.mutate({
      sessionId: s.id,
      to: '+14155550101',
      text: 'still here',
    });
    expect(sent.status).toBe('queued');
  });

  it('refuses a sandbox control body over its limit with 413 (32 MiB when it may carry a file) and stores nothing', async () => {
    const { g, cookie, admin } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Inbox', '4915112340005');
    const before = await world(g, admin);
    const bigScan = await sandbox(g, cookie, 'POST', '/scan', {
      qr: 'x'.repeat(130 * 1024),
      phone: '+14155550150',
    });
    expect(bigScan).toEqual({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('larger than 131072 bytes') },
    });
    const bigFile = await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+14155550150',
      to: `+${s.phone}`,
      media: { type: 'document', data: 'A'.repeat(33 * 1024 * 1024) },
    });
    expect(bigFile).toEqual({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('larger than 33554432 bytes') },
    });
    expect(await world(g, admin)).toEqual(before);
    const small = await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+14155550150',
      to: `+${s.phone}`,
      text: 'fits',
    });
    expect(small.status).toBe(200);
  });
});

// ── Isolation between users ────────────────────────────────────────────────────────────────────────────

describe("another user's session looks exactly like one that does not exist", () => {
  it('answers NOT_FOUND "Session X not found" for every procedure, and changes nothing', async () => {
    const { g, cookie, admin } = await gateway();
    const mine = await createLinked(g, cookie, admin, 'Admin desk', '4915112340010');
    await admin.messages.send.mutate({ sessionId: mine.id, to: '+14155550101', text: 'admin only' });
    const op = await operator(g, admin);
    const before = await world(g, admin);

    for (const id of [mine.id, 'ghost']) {
      const notFound = { code: 'NOT_FOUND', httpStatus: 404, message: `Session ${id} not found` };
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['byId', () => op.client.sessions.byId.query({ id })],
        ['start', () => op.client.sessions.start.mutate({ id })],
        ['stop', () => op.client.sessions.stop.mutate({ id })],
        ['restart', () => op.client.sessions.restart.mutate({ id })],
        ['logout', () => op.client.sessions.logout.mutate({ id })],
        ['delete', () => op.client.sessions.delete.mutate({ id })],
        ['update', () => op.client.sessions.update.mutate({ id, name: 'Mine now' })],
        ['checkNumber', () => op.client.sessions.checkNumber.query({ id, phone: '+14155550101' })],
        ['checkNumbers', () => op.client.sessions.checkNumbers.mutate({ id, phones: ['+14155550101'] })],
        ['groups', () => op.client.sessions.groups.query({ id })],
        ['chats', () => op.client.sessions.chats.query({ id })],
        [
          'requestPairingCode',
          () => op.client.sessions.requestPairingCode.mutate({ id, phone: '+4915112340099' }),
        ],
        [
          'messages.send',
          () => op.client.messages.send.mutate({ sessionId: id, to: '+14155550101', text: 'hi' }),
        ],
        ['messages.list', () => op.client.messages.list.query({ sessionId: id })],
      ];
      for (const [what, call] of calls) expect(await refusal(call()), `${what} ${id}`).toEqual(notFound);
    }

    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: mine.id })).status).toBe('connected');
  });

  it('lists only what each user may see: the operator their own, the admin everything', async () => {
    const { g, admin } = await gateway();
    const adminSession = await admin.sessions.create.mutate({
      id: 'admin-desk',
      name: 'Admin',
      start: false,
    });
    const op = await operator(g, admin);
    const opSession = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual([opSession.id]);
    expect((await op.client.sessions.stats.query()).total).toBe(1);
    expect((await admin.sessions.list.query()).map((s) => s.id).sort()).toEqual(
      [adminSession.id, opSession.id].sort(),
    );
    expect((await admin.sessions.stats.query()).total).toBe(2);
  });

  it('refuses the sandbox control API on a foreign session with 404, like an unknown one', async () => {
    const { g, cookie, admin } = await gateway();
    const linked = await createLinked(g, cookie, admin, 'Admin linked', '4915112340011');
    const showing = await admin.sessions.create.mutate({ id: 'admin-qr', name: 'Admin QR' });
    const shown = await waitForStatus(admin, showing.id, 'qr');
    const { code } = await admin.sessions.requestPairingCode.mutate({
      id: showing.id,
      phone: '+4915112340012',
    });
    const op = await operator(g, admin);
    const before = await world(g, admin);

    for (const id of [linked.id, 'ghost']) {
      for (const action of ['drop', 'unlink', 'limit', 'fail-next-send']) {
        expect(
          await sandbox(g, op.cookie, 'POST', `/sessions/${id}/${action}`, {}),
          `${action} ${id}`,
        ).toEqual({
          status: 404,
          body: { code: 'NOT_FOUND', message: `Session ${id} not found` },
        });
      }
    }
    const scan = await sandbox(g, op.cookie, 'POST', '/scan', { qr: shown.qr!.qr, phone: '+4915112340013' });
    expect(scan).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: expect.stringContaining('Unknown QR code') },
    });
    const pair = await sandbox(g, op.cookie, 'POST', '/pair', { code, phone: '+4915112340012' });
    expect(pair).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Unknown pairing code' } });
    const inbound = await sandbox(g, op.cookie, 'POST', '/inbound', {
      from: '+14155550150',
      to: `+${linked.phone}`,
      text: 'into a foreign inbox',
    });
    expect(inbound.status).toBe(404);

    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: showing.id })).status).toBe('qr');

    // The same request from the owner works, so the 404s above were about who asked.
    expect((await sandbox(g, cookie, 'POST', `/sessions/${linked.id}/unlink`, {})).status).toBe(200);
    await waitForStatus(admin, linked.id, 'logged_out');
  });

  it('refuses subscribing to the events of a foreign or unknown session with NOT_FOUND', async () => {
    const { g, admin } = await gateway();
    const mine = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    for (const id of [mine.id, 'ghost']) {
      const refused = await subscriptionRefusal((h) => op.client.sessions.onEvent.subscribe({ id }, h));
      expect(refused, `sessions.onEvent ${id}`).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: `Session ${id} not found`,
      });
    }
  });

  it('refuses subscribing to the messages of a foreign or unknown session with NOT_FOUND', async () => {
    const { g, admin } = await gateway();
    const mine = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    for (const id of [mine.id, 'ghost']) {
      const refused = await subscriptionRefusal((h) =>
        op.client.messages.onUpdate.subscribe({ sessionId: id }, h),
      );
      expect(refused, `messages.onUpdate ${id}`).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: `Session ${id} not found`,
      });
    }
  });

  it("never streams the admin's session events to an operator's unfiltered subscription", async () => {
    const { g, admin } = await gateway();
    const op = await operator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    type Seen = { sessionId: string; ownerId: string; type: string };
    const opSeen: Seen[] = [];
    const adminSeen: Seen[] = [];
    const subs = [
      op.client.sessions.onEvent.subscribe(undefined, {
        onData: ({ data }) => opSeen.push(...sessionEventsIn(data)),
      }),
      admin.sessions.onEvent.subscribe(undefined, {
        onData: ({ data }) => adminSeen.push(...sessionEventsIn(data)),
      }),
    ];
    cleanups.push(async () => {
      for (const sub of subs) sub.unsubscribe();
    });
    // The snapshot of the operator's own session says the subscription is live.
    await waitFor(() => opSeen.some((e) => e.sessionId === own.id), "the operator's snapshot");

    const theirs = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin' });
    await waitForStatus(admin, theirs.id, 'qr');
    await waitFor(
      () => adminSeen.some((e) => e.sessionId === theirs.id && e.type === 'qr'),
      "the admin's own QR event",
    );
    // Events arrive in order: once the operator sees the QR of their own later start, everything of the
    // admin's start has long gone past.
    await op.client.sessions.start.mutate({ id: own.id });
    await waitFor(() => opSeen.some((e) => e.sessionId === own.id && e.type === 'qr'), "the operator's QR");
    await waitFor(() => adminSeen.some((e) => e.sessionId === own.id && e.type === 'qr'), 'admin sees all');

    expect(opSeen.filter((e) => e.sessionId !== own.id)).toEqual([]);
    expect(opSeen.every((e) => e.ownerId === op.user.id)).toBe(true);
  });
  it("leaves the admin's sessions out of an operator's batched snapshot", async () => {
    const { g, admin } = await gateway();
    const theirs = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    const messages: StreamedSessionEvent[] = [];
    const sub = op.client.sessions.onEvent.subscribe(
      { batchSnapshot: true },
      { onData: ({ data }) => messages.push(data) },
    );
    cleanups.push(async () => sub.unsubscribe());
    const snapshot = await waitFor(() => messages[0], "the operator's snapshot");
    const ids = sessionEventsIn(snapshot).map((e) => e.sessionId);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(theirs.id);
  });
});

// ── Limits ─────────────────────────────────────────────────────────────────────────────────────────────

describe('session limits', () => {
  it('refuses a session over MAX_SESSIONS for everyone, naming the setting', async () => {
    const { g, admin } = await gateway({ MAX_SESSIONS: '2' });
    await admin.sessions.create.mutate({ id: 'one', name: 'One', start: false });
    const op = await operator(g, admin);
    await op.client.sessions.create.mutate({ id: 'two', name: 'Two', start: false });
    const before = await world(g, admin);
    expect(await refusal(admin.sessions.create.mutate({ id: 'three', name: 'Three' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS=2'),
    );
    expect(await refusal(op.client.sessions.create.mutate({ id: 'four', name: 'Four' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS=2'),
    );
    expect(await world(g, admin)).toEqual(before);
    // Deleting one makes room again.
    await admin.sessions.delete.mutate({ id: 'one' });
    expect((await admin.sessions.create.mutate({ id: 'three', name: 'Three', start: false })).id).toBe(
      'three',
    );
  });

  it('holds MAX_SESSIONS under concurrent creates', async () => {
    const { admin } = await gateway({ MAX_SESSIONS: '2' });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => admin.sessions.create.mutate({ id: `race-${i}`, name: `Race ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(await admin.sessions.list.query()).toHaveLength(2);
  });

  it("refuses an operator's second session over MAX_SESSIONS_PER_USER while the admin can still create", async () => {
    const { g, admin } = await gateway({ MAX_SESSIONS_PER_USER: '1' });
    const op = await operator(g, admin);
    await op.client.sessions.create.mutate({ id: 'olga-1', name: 'Olga 1', start: false });
    const before = await world(g, admin);
    expect(await refusal(op.client.sessions.create.mutate({ id: 'olga-2', name: 'Olga 2' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS_PER_USER=1'),
    );
    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.create.mutate({ id: 'admin-1', name: 'Admin 1', start: false })).id).toBe(
      'admin-1',
    );
    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual(['olga-1']);
  });
});

// ── Without signing in ─────────────────────────────────────────────────────────────────────────────────

const PUBLIC_PROCEDURES = ['auth.me', 'auth.setup', 'auth.login', 'auth.logout'];

describe('without signing in', () => {
  it('answers 401 UNAUTHORIZED from every procedure but auth.me/setup/login/logout, over plain HTTP', async () => {
    const { g } = await gateway();
    // At runtime the router keeps a flat map of every procedure by its dotted path; its static type is nested.
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    expect(procedures.length).toBeGreaterThan(20);
    for (const [path, procedure] of procedures) {
      if (PUBLIC_PROCEDURES.includes(path)) continue;
      const type = procedure._def.type;
      const res = await fetch(`${g.url}/trpc/${path}`, {
        method: type === 'mutation' ? 'POST' : 'GET',
        ...(type === 'mutation' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
        signal: AbortSignal.timeout(5000),
      });
      const text = await res.text();
      if (type === 'subscription') {
        // Subscriptions over HTTP are server-sent events: the stream carries the refusal and nothing else.
        expect(text, path).toContain('"code":"UNAUTHORIZED"');
        expect(text, path).not.toMatch(/^data: \{"id"/m);
      } else {
        expect(res.status, path).toBe(401);
        expect(JSON.parse(text).error, path).toMatchObject({
          message: 'Sign in first: this needs a logged-in user',
          data: { code: 'UNAUTHORIZED' },
        });
      }
    }
  });

  it('refuses the real client without a cookie and changes nothing', async () => {
    const { g, admin } = await gateway();
    await admin.sessions.create.mutate({ id: 'desk', name: 'Desk', start: false });
    const before = await world(g, admin);
    const anonymous = track(connect(g));
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['users.list', () => anonymous.users.list.query()],
      [
        'users.create',
        () => anonymous.users.create.mutate({ email: 'x@example.com', name: 'X', password: 'long-enough' }),
      ],
      ['sessions.list', () => anonymous.sessions.list.query()],
      ['sessions.byId', () => anonymous.sessions.byId.query({ id: 'desk' })],
      ['sessions.create', () => anonymous.sessions.create.mutate({ name: 'Intruder' })],
      ['sessions.start', () => anonymous.sessions.start.mutate({ id: 'desk' })],
      ['sessions.delete', () => anonymous.sessions.delete.mutate({ id: 'desk' })],
      [
        'messages.send',
        () => anonymous.messages.send.mutate({ sessionId: 'desk', to: '+14155550101', text: 'x' }),
      ],
      ['messages.list', () => anonymous.messages.list.query({ sessionId: 'desk' })],
    ];
    for (const [what, call] of calls) {
      expect(await refusal(call()), what).toEqual({
        code: 'UNAUTHORIZED',
        httpStatus: 401,
        message: 'Sign in first: this needs a logged-in user',
      });
    }
    expect(await anonymous.auth.me.query()).toEqual({ user: null, needsSetup: false });
    expect(await world(g, admin)).toEqual(before);
  });

  it('refuses the WebSocket upgrade without a valid login cookie (401)', async () => {
    const { g, cookie } = await gateway();
    expect(await upgrade(g, {})).toBe(401);
    expect(await upgrade(g, { cookie: 'sb_session=bogus' })).toBe(401);
    // Shaped like a real token, but never issued.
    expect(await upgrade(g, { cookie: `sb_session=${'A'.repeat(43)}` })).toBe(401);
    expect(await upgrade(g, { cookie })).toBe('open');
  });

  it('refuses a WebSocket from a foreign origin even with a valid cookie (403)', async () => {
    const { g, cookie } = await gateway();
    expect(await upgrade(g, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(g, { cookie, origin: `http://127.0.0.1:${g.port + 1}` })).toBe(403);
    expect(await upgrade(g, { cookie, origin: g.url })).toBe('open');
  });

  it('refuses a WebSocket with an opaque "Origin: null" (sandboxed iframes, file: pages) with 403', async () => {
    const { g, cookie } = await gateway();
    // Without a cookie first: whatever the origin, an anonymous handshake must get an answer.
    expect.soft(await upgrade(g, { origin: 'null' }), 'anonymous').toBeOneOf([401, 403]);
    expect.soft(await upgrade(g, { cookie, origin: 'null' }), 'signed in').toBe(403);
    expect(await upgrade(g, { cookie })).toBe('open');
  });

  it('refuses the sandbox control API with 401 and changes nothing', async () => {
    const { g, cookie, admin } = await gateway();
    const linked = await createLinked(g, cookie, admin, 'Linked', '4915112340020');
    const showing = await admin.sessions.create.mutate({ id: 'showing', name: 'Showing' });
    const shown = await waitForStatus(admin, showing.id, 'qr');
    const before = await world(g, admin);
    const requests: Array<['GET' | 'POST', string, unknown]> = [
      ['POST', '/scan', { qr: shown.qr!.qr, phone: '+4915112340021' }],
      ['POST', '/pair', { code: 'ABCD1234', phone: '+4915112340021' }],
      ['POST', '/inbound', { from: '+14155550150', to: `+${linked.phone}`, text: 'anonymous' }],
      ['GET', '/phones/14155550150/messages', undefined],
      ['POST', `/sessions/${linked.id}/drop`, {}],
      ['POST', `/sessions/${linked.id}/unlink`, {}],
      ['POST', `/sessions/${linked.id}/limit`, { forMs: 60_000 }],
      ['POST', `/sessions/${linked.id}/fail-next-send`, {}],
    ];
    for (const [method, path, body] of requests) {
      expect(await sandbox(g, undefined, method, path, body), path).toEqual({
        status: 401,
        body: { code: 'UNAUTHORIZED', message: expect.stringContaining('Sign in first') },
      });
    }
    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: showing.id })).status).toBe('qr');
  });

  it('answers GET /health with exactly { "status": "ok" }', async () => {
    const { g } = await gateway();
    const res = await fetch(`${g.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toStrictEqual({ status: 'ok' });
  });
});

describe('with the sandbox disabled', () => {
  it('answers the control API with 404 saying so, and refuses sandbox sessions naming the missing engine', async () => {
    const { g, cookie, admin } = await gateway({ SANDBOX_ENABLED: 'false' });
    expect(await sandbox(g, cookie, 'POST', '/scan', { qr: 'x', phone: '+4915112340030' })).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: expect.stringContaining('SANDBOX_ENABLED=false') },
    });
    expect(await refusal(admin.sessions.create.mutate({ name: 'Play', engine: 'sandbox' }))).toEqual(
      refusedWith('BAD_REQUEST', 'Engine "sandbox" is not enabled on this server'),
    );
    expect(await admin.sessions.list.query()).toEqual([]);
  });
});
