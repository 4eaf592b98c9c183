import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinked, sandbox, waitForStatus } from './support/harness.ts';
import { gateway, refusal, refusedWith, world } from './support/refusals.ts';

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
