import { describe, expect, it } from 'vitest';
import { linkedSessions, ofType, sha256, text } from './linked-fixture.ts';
import { eventually } from './session-fixture.ts';
import { type FakeWhatsAppWebScript, STAND_IN_ACCOUNT, StandInPhone } from './test-support.ts';

/**
 * A linked account, through whatsapp-web.js's real code in real Chromium, against the stand-in WhatsApp
 * Web — once as WhatsApp Web was until 2.3000.1042401057 (message key in `_serialized`) and once as it is
 * since (in a minified field).
 */

const { open, cleanUp, connected: connectedWith } = linkedSessions();

describe.each(['_serialized', '$1'] as const)('a linked account, message keys in %s', (keyField) => {
  const connected = (script?: FakeWhatsAppWebScript) => connectedWith(keyField, script);

  it('links by QR code, then matches receipts to the right message and hands files over intact', async () => {
    const { session, events, dataDir } = open({}, { keyField });
    await session.start();
    const phone = await StandInPhone.of(dataDir);
    cleanUp(() => phone.close());
    await phone.link();
    await eventually(
      () => ofType(events, 'ready'),
      (r) => r.length > 0,
      'ready',
    );
    expect(events.map((e) => e.type)).toEqual(['qr', 'authenticated', 'ready']);
    expect(ofType(events, 'ready')[0]!.me).toEqual({
      phone: STAND_IN_ACCOUNT.phone,
      name: STAND_IN_ACCOUNT.name,
    });

    const first = await session.send('4917000000001', text('Hello'));
    const second = await session.send('4917000000002', text('Hi'));
    expect(first.externalId).toMatch(/^true_4917000000001@c\.us_3EB0[0-9A-F]{18}$/);
    // The page really keeps the key the way this WhatsApp Web version does.
    const fields = await phone.keyFields(first.externalId);
    expect(fields).toContain(keyField);
    expect(fields).not.toContain(keyField === '$1' ? '_serialized' : '$1');
    expect((await phone.outbox()).map((m) => [m.id, m.to, m.body])).toEqual([
      [first.externalId, '4917000000001@c.us', 'Hello'],
      [second.externalId, '4917000000002@c.us', 'Hi'],
    ]);
    await phone.ack(second.externalId, 'read');
    await phone.ack(first.externalId, 'delivered');
    const acks = await eventually(
      () => ofType(events, 'ack').filter((a) => a.ack !== 'sent'),
      (a) => a.length === 2,
      'the receipts',
    );
    expect(acks).toEqual([
      { type: 'ack', externalId: second.externalId, ack: 'read' },
      { type: 'ack', externalId: first.externalId, ack: 'delivered' },
    ]);
    // WhatsApp's own receipt that its server has them reaches each message too.
    await eventually(
      () => ofType(events, 'ack').filter((a) => a.ack === 'sent').length,
      (n) => n === 2,
      'sent',
    );
    expect(
      ofType(events, 'ack').every((a) => [first.externalId, second.externalId].includes(a.externalId)),
    ).toBe(true);

    const pdf = Buffer.from('%PDF-1.7 stand-in invoice');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const invoice = await session.send('4917000000001', {
      type: 'media',
      kind: 'document',
      mimetype: 'application/pdf',
      data: pdf.toString('base64'),
      filename: 'invoice.pdf',
      caption: 'Your invoice',
    });
    const photo = await session.send('4917000000001', {
      type: 'media',
      kind: 'image',
      mimetype: 'image/png',
      data: png.toString('base64'),
    });
    const [, , handedInvoice, handedPhoto] = await phone.outbox();
    expect(handedInvoice).toMatchObject({
      id: invoice.externalId,
      to: '4917000000001@c.us',
      type: 'document',
      caption: 'Your invoice',
      mimetype: 'application/pdf',
      filename: 'invoice.pdf',
      size: pdf.length,
      filehash: sha256(pdf),
    });
    expect(handedPhoto).toMatchObject({
      id: photo.externalId,
      type: 'image',
      size: png.length,
      filehash: sha256(png),
    });
  });

  it('receives messages, keeping senders WhatsApp names only by LID', async () => {
    const { events, phone } = await connected({
      people: [{ phone: '4917000000003', lid: '86219306106899@lid', name: 'Ana' }],
      groups: [{ id: '120363000000000001@g.us', name: 'Team', members: ['86219306106800@lid'] }],
    });
    const fromNumber = await phone.receive({
      from: '4917000000001@c.us',
      body: 'Hi shop',
      notifyName: 'Ben',
    });
    const fromAna = await phone.receive({ from: '86219306106899@lid', body: 'Ana here', notifyName: 'Ana' });
    const fromStranger = await phone.receive({ from: '86219306106800@lid', body: 'Who am I?' });
    const inGroup = await phone.receive({
      from: '120363000000000001@g.us',
      author: '86219306106800@lid',
      body: 'Hello team',
    });
    const received = await eventually(
      () => ofType(events, 'message'),
      (m) => m.length === 4,
      'four messages',
    );
    expect(received.map((e) => e.message)).toEqual([
      expect.objectContaining({
        externalId: fromNumber,
        from: '4917000000001',
        fromName: 'Ben',
        text: 'Hi shop',
      }),
      expect.objectContaining({ externalId: fromAna, from: '4917000000003', fromLid: '86219306106899@lid' }),
      expect.objectContaining({
        externalId: fromStranger,
        from: '86219306106800@lid',
        fromLid: '86219306106800@lid',
      }),
      expect.objectContaining({
        externalId: inGroup,
        from: '86219306106800@lid',
        groupId: '120363000000000001@g.us',
      }),
    ]);
    expect(fromNumber).toMatch(/^false_4917000000001@c\.us_/);
    expect(inGroup).toMatch(/^false_120363000000000001@g\.us_3EB0[0-9A-F]{18}_86219306106800@lid$/);
  });

  it('sends voice notes, stickers and places as what they are, and downloads received files when asked', async () => {
    const { session, events, phone } = await connected();
    const ogg = Buffer.from('OggS stand-in voice note');
    const webp = Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L stand-in sticker', 'latin1');
    const voice = await session.send('4917000000001', {
      type: 'media',
      kind: 'voice',
      mimetype: 'audio/ogg; codecs=opus',
      data: ogg.toString('base64'),
    });
    const sticker = await session.send('4917000000001', {
      type: 'media',
      kind: 'sticker',
      mimetype: 'image/webp',
      data: webp.toString('base64'),
    });
    const place = await session.send('4917000000001', {
      type: 'location',
      latitude: 52.5219,
      longitude: 13.4132,
      name: 'Shop',
      address: 'Alexanderplatz 1',
    });
    const [handedVoice, handedSticker, handedPlace] = await phone.outbox();
    expect(handedVoice).toMatchObject({
      id: voice.externalId,
      type: 'ptt',
      size: ogg.length,
      filehash: sha256(ogg),
    });
    expect(handedSticker).toMatchObject({
      id: sticker.externalId,
      type: 'sticker',
      size: webp.length,
      filehash: sha256(webp),
    });
    expect(handedPlace).toMatchObject({
      id: place.externalId,
      type: 'location',
      location: { lat: 52.5219, lng: 13.4132, loc: 'Shop\nAlexanderplatz 1' },
    });

    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    await phone.receive({
      from: '4917000000001@c.us',
      body: '',
      media: { type: 'image', mimetype: 'image/jpeg', data: photo.toString('base64'), caption: 'Our shop' },
    });
    await phone.receive({
      from: '4917000000001@c.us',
      body: '',
      location: { lat: 48.137, lng: 11.575, loc: 'Marienplatz\nMunich' },
    });
    const [inPhoto, inPlace] = await eventually(
      () => ofType(events, 'message'),
      (m) => m.length === 2,
      'two messages',
    );
    expect(inPhoto?.message).toMatchObject({
      text: 'Our shop',
      media: { kind: 'image', mimetype: 'image/jpeg', size: photo.length },
    });
    expect(await inPhoto?.message.media?.download()).toEqual(photo);
    expect(inPlace?.message).toMatchObject({
      text: '',
      location: { latitude: 48.137, longitude: 11.575, name: 'Marienplatz', address: 'Munich' },
    });
  });
});
