import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messages, webhookDeliveries, webhooks } from '@switchboard/db';
import { describe, expect, it } from 'vitest';
import { MP4, oggOpus, PDF, PNG, WEBP } from '../media/test-files.ts';
import type { WebhookPayload } from '../outbox/webhook-events.ts';
import { code, connectedSession, harness, messageRow } from './test-support.ts';

const to = '+49 151 2345 6789';

describe('MessageService with files and places', () => {
  it('sends each type as what it is: the engine gets the stored bytes, the kind and the caption', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const upload = (body: Buffer) => h.media.upload(h.operator, { sessionId: 'sales', body: [body] });
    const photo = await upload(PNG);
    const voice = await upload(oggOpus(1));
    const sticker = await upload(WEBP);
    const brochure = await upload(PDF);
    const sends = [
      { type: 'image', media: { id: photo.id }, caption: 'Our menu' },
      { type: 'voice', media: { id: voice.id } },
      { type: 'sticker', media: { id: sticker.id } },
      { type: 'document', media: { id: brochure.id }, filename: 'Brochure.pdf', caption: 'As promised' },
      {
        type: 'location',
        location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Alexanderplatz 1' },
      },
    ] as const;
    const rows = [];
    for (const input of sends)
      rows.push(await h.service.send(h.operator, { sessionId: 'sales', to, ...input }));
    await h.service.drain();

    expect(rows.map((r) => r.type)).toEqual(['image', 'voice', 'sticker', 'document', 'location']);
    expect(rows[0]).toMatchObject({
      body: 'Our menu',
      media: {
        id: photo.id,
        mimetype: 'image/png',
        size: PNG.length,
        url: `/api/v1/media/${photo.id}`,
        missing: null,
      },
      location: null,
    });
    expect(rows[3]?.media).toMatchObject({ filename: 'Brochure.pdf', sha256: brochure.sha256 });
    expect(engine.sent.map((s) => s.content)).toEqual([
      {
        type: 'media',
        kind: 'image',
        mimetype: 'image/png',
        data: PNG.toString('base64'),
        caption: 'Our menu',
      },
      {
        type: 'media',
        kind: 'voice',
        mimetype: 'audio/ogg; codecs=opus',
        data: oggOpus(1).toString('base64'),
      },
      { type: 'media', kind: 'sticker', mimetype: 'image/webp', data: WEBP.toString('base64') },
      {
        type: 'media',
        kind: 'document',
        mimetype: 'application/pdf',
        data: PDF.toString('base64'),
        filename: 'Brochure.pdf',
        caption: 'As promised',
      },
      { type: 'location', latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Alexanderplatz 1' },
    ]);
    for (const row of rows) expect(messageRow(h.db, row.id)?.status).toBe('sent');
  });

  it('fetches a file from a URL at send time, and refuses what does not fit before storing a message', async () => {
    const h = await harness();
    await connectedSession(h);
    const server = createServer((req, res) => {
      if (req.url === '/menu.png') res.writeHead(200, { 'content-type': 'text/html' }).end(PNG);
      else res.writeHead(200, { 'content-type': 'image/jpeg' }).end(MP4);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sent = await h.service.send(h.operator, {
        sessionId: 'sales',
        to,
        type: 'image',
        media: { url: `${base}/menu.png` },
      });
      expect(sent.media).toMatchObject({ mimetype: 'image/png', filename: 'menu.png' });
      // The server called it a JPEG; its bytes are an MP4.
      await expect(
        h.service.send(h.operator, {
          sessionId: 'sales',
          to,
          type: 'image',
          media: { url: `${base}/fake.jpg` },
        }),
      ).rejects.toThrow(code('UNSUPPORTED_MEDIA_TYPE'));
    } finally {
      server.close();
    }
    await h.service.drain();
    expect(h.db.select().from(messages).all()).toHaveLength(1);
  });

  it('refuses content that does not match its type, with a sentence saying why', async () => {
    const h = await harness();
    await connectedSession(h);
    const voice = await h.media.upload(h.operator, { sessionId: 'sales', body: [oggOpus(1)] });
    const send = (input: object) => h.service.send(h.operator, { sessionId: 'sales', to, ...input });
    await expect(send({ type: 'voice', media: { id: voice.id }, caption: 'hi' })).rejects.toThrow(
      'A voice message cannot have a caption on WhatsApp',
    );
    await expect(send({ type: 'image', text: 'hi', media: { id: voice.id } })).rejects.toThrow(
      'A photo takes "media", "caption", not "text"',
    );
    await expect(send({ type: 'image' })).rejects.toThrow('A photo needs "media"');
    await expect(
      send({ type: 'image', media: { id: voice.id, url: 'https://x.test/a.png' } }),
    ).rejects.toThrow('one of the two');
    await expect(send({ type: 'image', media: { id: voice.id } })).rejects.toThrow(
      'cannot be sent as an image: that needs JPEG, PNG or WebP',
    );
    await expect(send({ type: 'image', media: { id: 'med_nope' } })).rejects.toThrow(code('NOT_FOUND'));
    await expect(send({ type: 'location', location: { latitude: 91, longitude: 0 } })).rejects.toThrow(
      'The latitude must be between -90 and 90 degrees',
    );
    await expect(send({ type: 'text', media: { id: voice.id } })).rejects.toThrow(
      'A message takes "text", not "media"',
    );
    expect(h.db.select().from(messages).all()).toHaveLength(0);
  });

  it('stores a received file and offers it to webhooks with a signed link', async () => {
    const h = await harness();
    const engine = await connectedSession(h);
    const now = Date.now();
    h.db
      .insert(webhooks)
      .values({
        id: 'hook',
        accountId: 'sales',
        url: 'https://hooks.test/in',
        secret: 's',
        events: ['message.received'],
        updatedAt: now,
      })
      .run();
    // Written past the webhook service, so told the way the service tells of a new endpoint.
    h.bus.publishWebhooksChange();
    engine.emit({
      type: 'message',
      message: {
        externalId: 'in-voice',
        from: '4915199999999',
        text: '',
        media: { kind: 'voice', mimetype: 'audio/ogg; codecs=opus', download: async () => oggOpus(2) },
        timestamp: now,
      },
    });
    engine.emit({
      type: 'message',
      message: {
        externalId: 'in-place',
        from: '4915199999999',
        text: '',
        location: { latitude: 1.5, longitude: 2.5 },
        timestamp: now,
      },
    });
    await h.service.drain();
    const payloads = h.db
      .select()
      .from(webhookDeliveries)
      .all()
      .map((d) => JSON.parse(d.payload) as WebhookPayload);
    const [voice, place] = payloads.map((p) => (p.type === 'message.received' ? p.data : null));
    expect(voice).toMatchObject({
      type: 'voice',
      text: '',
      media: { mimetype: 'audio/ogg; codecs=opus', size: oggOpus(2).length, missing: null },
      location: null,
    });
    expect(voice?.media?.url).toMatch(
      /^http:\/\/gateway\.test\/api\/v1\/media\/med_\w+\?expires=\d+&signature=/,
    );
    expect(Date.parse(voice?.media?.urlExpiresAt ?? '')).toBeGreaterThan(now);
    expect(place).toMatchObject({
      type: 'location',
      media: null,
      location: { latitude: 1.5, longitude: 2.5, name: null, address: null },
    });
  });
});
