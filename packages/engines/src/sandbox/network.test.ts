import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhoneFiles } from './phone-files.ts';
import { advance, lastQr, qrsOf, refusal, TEST_OPTIONS, typesOf, useTestSandbox } from './test-support.ts';

const sandbox = useTestSandbox();

describe('scan', () => {
  it('answers 404 for an unknown QR code', () => {
    const error = refusal(() => sandbox.network.scan('2@nope,nope,nope,nope', '4915112344567'));
    expect(error.status).toBe(404);
    expect(error.message).toBe('Unknown QR code');
  });

  it('answers 410 for a rotated-out code, and for every code once the cycle failed', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    const first = lastQr(events);
    await advance(TEST_OPTIONS.qrRotateMs);
    expect(sandbox.network.sessionIdForQr(first)).toBe('alpha');
    expect(refusal(() => sandbox.network.scan(first, '4915112344567')).status).toBe(410);

    await advance(TEST_OPTIONS.qrRotateMs * TEST_OPTIONS.qrMaxCodes);
    expect(events.at(-1)?.type).toBe('failed');
    for (const qr of qrsOf(events)) {
      expect(refusal(() => sandbox.network.scan(qr, '4915112344567')).status).toBe(410);
    }
  });

  it('answers 410 for a code scanned a second time', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    const qr = lastQr(events);
    sandbox.network.scan(qr, '4915112344567');
    expect(refusal(() => sandbox.network.scan(qr, '4915100000000')).status).toBe(410);
  });

  it('forgets the codes of a stopped session', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    await session.stop();
    expect(sandbox.network.sessionIdForQr(lastQr(events))).toBeUndefined();
    expect(refusal(() => sandbox.network.scan(lastQr(events), '4915112344567')).status).toBe(404);
  });

  it('answers 409 when the phone is already linked to another running session', async () => {
    await sandbox.openLinked('alpha', '4915112344567');
    const other = sandbox.open('beta');
    await other.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);

    const error = refusal(() => sandbox.network.scan(lastQr(other.events), '4915112344567'));
    expect(error.status).toBe(409);
    // Which session is for the caller to say, if it may: the message itself names none.
    expect(error.message).not.toContain('alpha');
    expect(error.linkedTo).toBe('alpha');
    expect(typesOf(other.events)).toEqual(['qr']);
  });
});

describe('pair', () => {
  it('answers 404 for an unknown code', () => {
    expect(refusal(() => sandbox.network.pair('ABCDEFGH', '4915112344567')).status).toBe(404);
    expect(sandbox.network.sessionIdForPairingCode('ABCDEFGH')).toBeUndefined();
  });
});

describe('inbound and virtual phones', () => {
  it('delivers a message from a virtual phone to the session with that number', async () => {
    const { events } = await sandbox.openLinked('alpha', '4915112344567');
    expect(sandbox.network.sessionIdForPhone('4915112344567')).toBe('alpha');

    const result = sandbox.network.inbound('4917000001234', '4915112344567', { text: 'Hi there' });
    expect(result).toEqual({ sessionId: 'alpha', externalId: expect.stringMatching(/^sb_/) });
    expect(events.at(-1)).toEqual({
      type: 'message',
      message: {
        externalId: result.externalId,
        from: '4917000001234',
        fromName: 'Daniela Hernández',
        text: 'Hi there',
        timestamp: Date.now(),
      },
    });
  });

  it('sends files, whose bytes the session downloads, and places', async () => {
    const { events } = await sandbox.openLinked('alpha', '4915112344567');
    const photo = Buffer.from('a photo');
    sandbox.network.inbound('4917000001234', '4915112344567', {
      text: 'Our shop',
      media: { kind: 'image', data: photo, mimetype: 'image/jpeg', filename: 'shop.jpg' },
    });
    const last = events.at(-1);
    if (last?.type !== 'message') throw new Error('no message');
    expect(last.message).toMatchObject({
      text: 'Our shop',
      media: { kind: 'image', size: photo.length, mimetype: 'image/jpeg', filename: 'shop.jpg' },
    });
    expect(await last.message.media?.download()).toEqual(photo);

    sandbox.network.inbound('4917000001234', '4915112344567', {
      text: '',
      location: { latitude: 48.1, longitude: 11.6, address: 'Marienplatz 1' },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'message',
      message: { text: '', location: { latitude: 48.1, longitude: 11.6, address: 'Marienplatz 1' } },
    });
  });

  it('answers 404 when no connected session has the number', async () => {
    const error = refusal(() => sandbox.network.inbound('4917000001234', '4915112344567', { text: 'Hi' }));
    expect(error.status).toBe(404);

    // Linked but not yet ready is not reachable either.
    const { session, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    await session.stop();
    await sandbox.open('alpha', dataDir).session.start();
    expect(
      refusal(() => sandbox.network.inbound('4917000001234', '4915112344567', { text: 'Hi' })).status,
    ).toBe(404);
  });

  it('keeps each phone’s messages oldest first, bounded to the most recent 1000', async () => {
    expect(sandbox.network.phoneMessages('4917000000001')).toEqual([]);
    const { session } = await sandbox.openLinked('alpha', '4915112344567');
    for (let n = 1; n <= 1005; n += 1) await session.send('4917000000001', { type: 'text', text: `#${n}` });

    const messages = sandbox.network.phoneMessages('4917000000001');
    expect(messages).toHaveLength(1000);
    expect(messages[0]?.text).toBe('#6');
    expect(messages.at(-1)?.text).toBe('#1005');
  });
});

describe('files on virtual phones', () => {
  it('answers 404 for a message that carried no file', async () => {
    const { session } = await sandbox.openLinked('alpha', '4915112344567');
    const { externalId } = await session.send('4917000000001', { type: 'text', text: 'no file' });
    expect(refusal(() => sandbox.network.phoneFile('4917000000001', externalId)).status).toBe(404);
    expect(refusal(() => sandbox.network.phoneFile('4917000000001', 'sb_nope')).status).toBe(404);
  });

  it('forgets the oldest bytes first once over its budget, keeping the newest', () => {
    const files = new PhoneFiles(10);
    files.put('a', Buffer.alloc(4));
    files.put('b', Buffer.alloc(4));
    files.put('c', Buffer.alloc(4));
    expect(files.get('a')).toBeUndefined();
    expect(files.get('b')).toHaveLength(4);
    expect(files.get('c')).toHaveLength(4);
    files.forget('b');
    files.put('d', Buffer.alloc(6));
    expect(files.get('c')).toHaveLength(4);
    expect(files.get('d')).toHaveLength(6);
  });
});

describe('drop', () => {
  it('disconnects without logging out; the session can reconnect without a QR code', async () => {
    const { session, events } = await sandbox.openLinked('alpha', '4915112344567');
    sandbox.network.drop('alpha');
    expect(events.at(-1)).toEqual({
      type: 'disconnected',
      reason: 'Connection lost (sandbox network drop)',
      coded: { reason: 'session.sandbox_drop', params: {} },
      loggedOut: false,
    });
    await expect(session.send('4917000000001', { type: 'text', text: 'Hi' })).rejects.toThrow(
      'Session is not connected',
    );
    expect(sandbox.network.sessionIdForPhone('4915112344567')).toBeUndefined();

    events.length = 0;
    await session.stop();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(typesOf(events)).toEqual(['authenticated', 'ready']);
  });

  it('keeps the network down for offlineMs: start is refused, then works again', async () => {
    const { session, events } = await sandbox.openLinked('alpha', '4915112344567');
    sandbox.network.drop('alpha', 1000);
    await session.stop();

    await expect(session.start()).rejects.toThrow('WhatsApp is unreachable (sandbox network is down)');
    await advance(999);
    await expect(session.start()).rejects.toThrow('WhatsApp is unreachable (sandbox network is down)');
    await advance(1);

    events.length = 0;
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(typesOf(events)).toEqual(['authenticated', 'ready']);
  });

  it('answers 404 for a session that is not running and 409 for one that is not connected', async () => {
    expect(refusal(() => sandbox.network.drop('ghost')).status).toBe(404);
    const { session } = sandbox.open('alpha');
    await session.start();
    expect(refusal(() => sandbox.network.drop('alpha')).status).toBe(409);
  });
});

describe('unlink', () => {
  it('logs the session out and deletes its link; the next start shows a QR code', async () => {
    const { session, events, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    sandbox.network.unlink('alpha');
    expect(events.at(-1)).toEqual({
      type: 'disconnected',
      reason: 'Unlinked from the phone',
      coded: { reason: 'session.phone_unlinked', params: {} },
      loggedOut: true,
    });
    expect(existsSync(join(dataDir, 'sandbox.json'))).toBe(false);

    await session.stop();
    events.length = 0;
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(typesOf(events)).toEqual(['qr']);
  });

  it('answers 404 for a session that is not running or not linked', async () => {
    expect(refusal(() => sandbox.network.unlink('ghost')).status).toBe(404);
    const { session } = sandbox.open('alpha');
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    const error = refusal(() => sandbox.network.unlink('alpha'));
    expect(error.status).toBe(404);
    expect(error.message).toContain('not linked');
  });
});

describe('sessions on the network', () => {
  it('refuses to run two session objects with the same id at once', async () => {
    await sandbox.open('alpha').session.start();
    await expect(sandbox.open('alpha').session.start()).rejects.toThrow('already running');
  });

  it('the engine is named sandbox', () => {
    expect(sandbox.engine.name).toBe('sandbox');
  });
});
