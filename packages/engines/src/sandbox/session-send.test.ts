import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EngineSendError } from '../contract.ts';
import { advance, createTestSandbox, TEST_OPTIONS, useTestSandbox } from './test-support.ts';

const sandbox = useTestSandbox();

describe('sending and lookups', () => {
  it('delivers to the virtual phone, then acks delivered and read in order', async () => {
    const { session, events } = await sandbox.openLinked('alpha', '4915112344567');
    events.length = 0;

    const { externalId } = await session.send('4917000000001', { type: 'text', text: 'Hello' });
    expect(externalId).toMatch(/^sb_[0-9a-f]+$/);
    expect(sandbox.network.phoneMessages('4917000000001')).toEqual([
      { id: externalId, from: '4915112344567', type: 'text', text: 'Hello', at: Date.now() },
    ]);

    await advance(TEST_OPTIONS.deliveredDelayMs - 1);
    expect(events).toEqual([]);
    await advance(1);
    expect(events).toEqual([{ type: 'ack', externalId, ack: 'delivered' }]);
    await advance(TEST_OPTIONS.readDelayMs - TEST_OPTIONS.deliveredDelayMs);
    expect(events).toEqual([
      { type: 'ack', externalId, ack: 'delivered' },
      { type: 'ack', externalId, ack: 'read' },
    ]);
  });

  it('never lets read overtake delivered when the read delay is the shorter one', async () => {
    const fast = createTestSandbox({ deliveredDelayMs: 40, readDelayMs: 5 });
    try {
      const { session, events } = await fast.openLinked('alpha', '4915112344567');
      events.length = 0;
      const { externalId } = await session.send('4917000000001', { type: 'text', text: 'Hi' });
      await advance(40);
      expect(events).toEqual([{ type: 'ack', externalId, ack: 'delivered' }]);
      await advance(1);
      expect(events.map((event) => (event.type === 'ack' ? event.ack : event.type))).toEqual([
        'delivered',
        'read',
      ]);
    } finally {
      fast.cleanup();
    }
  });

  it('delivers a file with its caption, description and bytes, acknowledged like a text', async () => {
    const { session, events } = await sandbox.openLinked('alpha', '4915112344567');
    events.length = 0;
    const pdf = Buffer.from('%PDF-1.7 invoice');
    const { externalId } = await session.send('4917000000001', {
      type: 'media',
      kind: 'document',
      mimetype: 'application/pdf',
      data: pdf.toString('base64'),
      filename: 'invoice.pdf',
      caption: 'Your invoice',
    });
    expect(sandbox.network.phoneMessages('4917000000001')).toEqual([
      {
        id: externalId,
        from: '4915112344567',
        type: 'document',
        text: 'Your invoice',
        media: {
          mimetype: 'application/pdf',
          filename: 'invoice.pdf',
          size: 16,
          sha256: createHash('sha256').update(pdf).digest('hex'),
        },
        at: Date.now(),
      },
    ]);
    expect(sandbox.network.phoneFile('4917000000001', externalId).data).toEqual(pdf);
    await advance(TEST_OPTIONS.deliveredDelayMs);
    expect(events).toEqual([{ type: 'ack', externalId, ack: 'delivered' }]);
  });

  it('delivers voice notes, stickers and places as what they are', async () => {
    const { session } = await sandbox.openLinked('alpha', '4915112344567');
    const ogg = Buffer.from('OggS voice');
    await session.send('4917000000001', {
      type: 'media',
      kind: 'voice',
      mimetype: 'audio/ogg; codecs=opus',
      data: ogg.toString('base64'),
    });
    await session.send('4917000000001', {
      type: 'location',
      latitude: 52.52,
      longitude: 13.405,
      name: 'Shop',
    });
    const [voice, place] = sandbox.network.phoneMessages('4917000000001');
    expect(voice).toMatchObject({
      type: 'voice',
      text: '',
      media: { mimetype: 'audio/ogg; codecs=opus', size: 10 },
    });
    expect(place).toMatchObject({
      type: 'location',
      text: '',
      location: { latitude: 52.52, longitude: 13.405, name: 'Shop' },
    });
    expect(place?.media).toBeUndefined();
  });

  it('rejects sends to numbers that are not on WhatsApp, and sends while not connected', async () => {
    const { session } = await sandbox.openLinked('alpha', '4915112344567');
    const refused = await session.send('15550000000', { type: 'text', text: 'Hi' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineSendError);
    expect(refused).toMatchObject({
      message: '+15550000000 is not on WhatsApp',
      outcome: 'failed',
      reason: 'not_on_whatsapp',
    });
    expect(sandbox.network.phoneMessages('15550000000')).toEqual([]);
    // Its phones have numbers only: a privacy id (LID) names nobody on the sandbox network.
    await expect(session.send('123456789012345@lid', { type: 'text', text: 'Hi' })).rejects.toMatchObject({
      outcome: 'failed',
      reason: 'not_on_whatsapp',
    });

    const idle = sandbox.open('beta');
    await expect(idle.session.send('4917000000001', { type: 'text', text: 'Hi' })).rejects.toMatchObject({
      message: 'Session is not connected',
      outcome: 'failed',
      reason: 'not_connected',
    });
    await idle.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    await expect(idle.session.send('4917000000001', { type: 'text', text: 'Hi' })).rejects.toThrow(
      'Session is not connected',
    );
  });

  it('checks numbers, lists no groups and one chat per peer', async () => {
    const { session } = await sandbox.openLinked('alpha', '4915112344567');
    expect(await session.checkNumber('4917000000001')).toEqual({
      onWhatsApp: true,
      chatId: '4917000000001@c.us',
    });
    expect(await session.checkNumber('15550000000')).toEqual({ onWhatsApp: false });
    expect(await session.listGroups()).toEqual([]);

    await session.send('4917000000001', { type: 'text', text: 'one' });
    await advance(100);
    sandbox.network.inbound('4917000000002', '4915112344567', { text: 'two' });
    await session.send('4917000000001', { type: 'text', text: 'three' });
    const sentAt = Date.now();
    await advance(100);
    sandbox.network.inbound('4917000000002', '4915112344567', { text: 'four' });

    expect(await session.listChats()).toEqual([
      {
        id: '4917000000002@c.us',
        name: '4917000000002',
        isGroup: false,
        unreadCount: 0,
        lastMessageAt: Date.now(),
      },
      {
        id: '4917000000001@c.us',
        name: '4917000000001',
        isGroup: false,
        unreadCount: 0,
        lastMessageAt: sentAt,
      },
    ]);
  });

  it('refuses lookups while not connected', async () => {
    const { session } = sandbox.open();
    await expect(session.checkNumber('4917000000001')).rejects.toThrow('Session is not connected');
    await expect(session.listGroups()).rejects.toThrow('Session is not connected');
    await expect(session.listChats()).rejects.toThrow('Session is not connected');
  });
});
