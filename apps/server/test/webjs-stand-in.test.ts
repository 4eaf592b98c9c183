import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  browserPid,
  fakeQr,
  isAlive,
  STAND_IN_ACCOUNT,
  StandInPhone,
} from '@switchboard/engines/webjs/test-support';
import { describe, expect, it } from 'vitest';
import { waitFor, waitForStatus } from './support/harness.ts';
import { chromiumCount, gateway, phones, sessionDir } from './support/webjs.ts';

/** The WhatsApp Web engine against a stand-in WhatsApp Web page: QR codes, pairing, unlinking, today's key field. */

describe('webjs sessions against a stand-in WhatsApp Web page', () => {
  it('show the exact QR code, give pairing codes, and reconnect to a new QR after the browser crashes', async () => {
    const { client, dataDir } = await gateway({}, {});
    const created = await client.sessions.create.mutate({ id: 'linking', name: 'Linking', engine: 'webjs' });
    expect(created.status).toBe('qr');
    expect(created.qr?.qr).toBe(fakeQr(1));
    expect(
      await client.sessions.requestPairingCode.mutate({ id: 'linking', phone: '+49 151 1234 5678' }),
    ).toEqual({
      code: 'PAIR5678',
    });

    const crashed = browserPid(sessionDir(dataDir, 'linking'));
    expect(crashed).not.toBeNull();
    process.kill(crashed!, 'SIGKILL');
    const reconnecting = await waitForStatus(client, 'linking', 'reconnecting', 10_000);
    expect(reconnecting.statusReason).toMatch(
      /^The browser closed unexpectedly — retrying in \d+ s \(attempt 1\)$/,
    );
    const again = await waitForStatus(client, 'linking', 'qr', 20_000);
    expect(again.qr?.qr).toBe(fakeQr(1));
    expect(await isAlive(crashed!)).toBe(false);

    await client.sessions.delete.mutate({ id: 'linking' });
    expect(await chromiumCount(dataDir, 'linking')).toBe(0);
    expect(existsSync(sessionDir(dataDir, 'linking'))).toBe(false);
  });

  it('become logged_out when the phone unlinks, with the login data deleted and the browser gone', async () => {
    const { client, dataDir } = await gateway({}, { unlinkAfterMs: 1000 });
    await client.sessions.create.mutate({ id: 'unlinked', name: 'Unlinked', engine: 'webjs' });
    const out = await waitForStatus(client, 'unlinked', 'logged_out', 15_000);
    expect(out).toMatchObject({
      statusReason: 'Logged out: the linked device was removed',
      autoStart: false,
    });
    expect(await chromiumCount(dataDir, 'unlinked')).toBe(0);
    expect(existsSync(join(sessionDir(dataDir, 'unlinked'), 'session'))).toBe(false);
  });
});

describe('webjs sessions linked to the stand-in of today’s WhatsApp Web (renamed message key field)', () => {
  it('connect by QR scan, send through the API, follow the receipts, and keep senders known by LID', async () => {
    const { client, dataDir } = await gateway(
      {},
      { keyField: '$1', people: [{ phone: '491700000003', lid: '86219306106899@lid', name: 'Ana' }] },
    );
    const created = await client.sessions.create.mutate({ id: 'linked', name: 'Linked', engine: 'webjs' });
    expect(created.status).toBe('qr');
    const phone = await StandInPhone.of(sessionDir(dataDir, 'linked'));
    phones.push(phone);
    await phone.link();
    expect(await waitForStatus(client, 'linked', 'connected', 20_000)).toMatchObject({
      phone: STAND_IN_ACCOUNT.phone,
      pushName: STAND_IN_ACCOUNT.name,
    });

    const queued = await client.messages.send.mutate({
      sessionId: 'linked',
      to: '+49 170 0000001',
      text: 'Hello',
    });
    const messageOf = async (id: string) =>
      (await client.messages.list.query({ sessionId: 'linked' })).items.find((m) => m.id === id);
    const sent = await waitFor(async () => {
      const m = await messageOf(queued.id);
      return m?.status === 'sent' && m;
    }, 'the message to be sent');
    const [handedOver] = await phone.outbox();
    expect(sent.externalId).toBe(handedOver!.id);
    expect(handedOver).toMatchObject({ to: '491700000001@c.us', body: 'Hello' });
    await phone.ack(handedOver!.id, 'delivered');
    await waitFor(async () => (await messageOf(queued.id))?.status === 'delivered', 'the delivery receipt');

    await phone.receive({ from: '86219306106800@lid', body: 'Who is this?', notifyName: 'Lia' });
    const reply = await waitFor(async () => {
      const page = await client.messages.list.query({ sessionId: 'linked' });
      return page.items.find((m) => m.direction === 'in');
    }, 'the reply');
    expect(reply).toMatchObject({ peer: '86219306106800@lid', peerName: 'Lia', body: 'Who is this?' });

    // Someone WhatsApp names by LID but whose number it knows is kept under the number, with both ids.
    await phone.receive({ from: '86219306106899@lid', body: 'Ana here', notifyName: 'Ana' });
    const people = await waitFor(async () => {
      const { items } = await client.contacts.list.query({ sessionId: 'linked' });
      return items.length === 3 && items;
    }, 'three contacts');
    expect(people.map((c) => [c.name, c.phone, c.lid])).toEqual([
      [null, '491700000001', null],
      ['Ana', '491700000003', '86219306106899@lid'],
      ['Lia', '86219306106800@lid', '86219306106800@lid'],
    ]);

    // A reply to the LID-only sender goes to their LID.
    const answer = await client.messages.send.mutate({
      sessionId: 'linked',
      to: '86219306106800@lid',
      text: 'This is the shop',
    });
    await waitFor(async () => {
      const m = await messageOf(answer.id);
      return m?.status === 'sent' && m;
    }, 'the reply to Lia');
    expect((await phone.outbox()).at(-1)).toMatchObject({
      to: '86219306106800@lid',
      body: 'This is the shop',
    });
  });

  it('restart "authenticated but never ready" through the retry policy, with the watchdog’s reason', async () => {
    const { client } = await gateway({ WEBJS_INIT_TIMEOUT_MS: '10000' }, { linked: true, neverReady: true });
    await client.sessions.create.mutate({ id: 'stuck', name: 'Stuck', engine: 'webjs' });
    const failed = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'stuck' });
        return s.status === 'failed' && s;
      },
      'the watchdog',
      30_000,
    );
    expect(failed.statusReason).toMatch(
      /^WhatsApp Web accepted the login but did not become ready in 10 s \(whatsapp-web\.js could not attach to it\): .* — retrying in \d+ s \(attempt 1\)$/,
    );
    expect(failed.nextRetryAt).not.toBeNull();
    // The retry starts it again from the stored login (no QR code) and meets the same end.
    const again = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'stuck' });
        return s.statusReason?.endsWith('(attempt 2)') && s;
      },
      'the second attempt',
      50_000,
    );
    expect(again.statusReason).toContain('did not become ready');
    expect(again.qr).toBeNull();
  }, 100_000);
});
