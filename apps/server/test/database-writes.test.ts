import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppRouter } from '@switchboard/api';
import { openDatabase } from '@switchboard/db';
import type { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Another program holding the database's write lock (a backup tool, someone's sqlite3 shell). */
function holdWriteLock(g: TestGateway) {
  const other = openDatabase(join(g.dataDir, 'switchboard.db')).$client;
  other.exec('BEGIN IMMEDIATE');
  const release = () => {
    if (!other.open) return;
    other.exec('ROLLBACK');
    other.close();
  };
  cleanups.push(release);
  return release;
}

async function health(g: TestGateway) {
  const res = await fetch(`${g.url}/health`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

describe('a database that cannot be written for a while', () => {
  it('keeps what WhatsApp reported meanwhile, says so in /health, and writes it once it can', async () => {
    // Receipts come late enough that the lock is surely taken before them.
    const g = await startTestGateway({ SANDBOX_DELIVERED_DELAY_MS: '1500', SANDBOX_READ_DELAY_MS: '2500' });
    cleanups.push(() => g.dispose());
    const cookie = await setupAdmin(g);
    const admin = connect(g, cookie);
    cleanups.push(() => admin.close());
    const desk = await createLinked(g, cookie, admin, 'Desk', '4915100000050');
    expect(await health(g)).toEqual({ status: 200, body: { status: 'ok' } });

    const sent = await admin.messages.send.mutate({ sessionId: desk.id, to: '+14155550150', text: 'Hello' });
    const release = holdWriteLock(g);
    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550150', to: `+${desk.phone}`, text: 'Hi!' });

    // The receipts and the incoming message wait; /health says the database cannot be written, and why.
    const refused = await waitFor(async () => {
      const h = await health(g);
      return h.status === 503 && /([3-9]|\d\d) changes are waiting/.test(h.body.reason ?? '') && h;
    }, 'the receipts and the incoming message to wait for the database');
    expect(refused.body).toEqual({
      status: 'unavailable',
      reason: expect.stringMatching(/^The database cannot be written: it is locked by another program/),
    });
    // A user's own write is refused plainly, changing nothing.
    const send = await admin.messages.send
      .mutate({ sessionId: desk.id, to: '+14155550151', text: 'Later' })
      .catch((e: TRPCClientError<AppRouter>) => e);
    expect(send).toMatchObject({
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
      message: expect.stringContaining('it is locked by another program. Nothing was changed'),
    });

    release();
    await waitFor(async () => {
      const page = await admin.messages.list.query({ sessionId: desk.id });
      const mine = page.items.find((m) => m.id === sent.id);
      return mine?.status === 'read' && page.items.some((m) => m.direction === 'in' && m.body === 'Hi!');
    }, 'the receipts and the incoming message to be written');
    expect(await health(g)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers /health with 503 and the reason while another program holds the write lock', async () => {
    const g = await startTestGateway();
    cleanups.push(() => g.dispose());
    const release = holdWriteLock(g);
    const answers = await Promise.all([health(g), health(g), health(g)]);
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 503,
        body: {
          status: 'unavailable',
          reason: 'The database cannot be written: it is locked by another program',
        },
      });
    }
    release();
    await waitFor(async () => (await health(g)).status === 200, '/health to recover');
  });

  it('does not resend a webhook in a loop while the database cannot record the attempt', async () => {
    const g = await startTestGateway({ WEBHOOK_RETRY_SCHEDULE_MS: '50' });
    cleanups.push(() => g.dispose());
    const cookie = await setupAdmin(g);
    const admin = connect(g, cookie);
    cleanups.push(() => admin.close());
    // A receiver that holds its first answer until told to give it.
    const held: ServerResponse[] = [];
    const ids: string[] = [];
    const receiver = createServer((req, res) => {
      ids.push(String(req.headers['webhook-id']));
      req.resume();
      if (ids.length === 1) held.push(res);
      else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          receiver.closeAllConnections();
          receiver.close(() => resolve());
        }),
    );
    const session = await admin.sessions.create.mutate({ name: 'Hooks', start: false });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await admin.webhooks.create.mutate({ sessionId: session.id, url, events: ['session.status'] });
    await admin.sessions.start.mutate({ id: session.id });
    await waitFor(() => held.length === 1, 'the first delivery to arrive');

    const release = holdWriteLock(g);
    held[0]!.writeHead(200).end('ok');
    // The answer cannot be recorded; the delivery waits instead of going out again and again. (Those queued
    // behind it by then may have gone out once, in order, in the same run.)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = ids.length;
    expect(new Set(ids).size).toBe(sent);

    release();
    await waitFor(async () => {
      const page = await admin.webhooks.deliveries.query({ status: 'delivered' });
      return page.items.length >= 1;
    }, 'the delivery to be recorded once the database takes writes');
    // Sent again once (same webhook-id, so a receiver drops the duplicate), then recorded.
    expect(ids[sent]).toBe(ids[0]);
  });
});
