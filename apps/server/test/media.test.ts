import { MP3, MP4, oggOpus, PDF, PNG, WEBP } from '@switchboard/core/test-files';
import { describe, expect, it } from 'vitest';
import { createLinked, sandbox, signIn, waitFor } from './support/harness.ts';
import { download, sha256, upload } from './support/media.ts';
import { CUSTOMER, cleanups, client, cookie, g, storedFiles } from './support/media-gateway.ts';
import { startReceiver } from './support/receiver.ts';

describe('media through the sandbox, end to end', () => {
  it('uploads, sends and delivers every type: the phone gets the same bytes, caption and file name', async () => {
    const s = await createLinked(g, cookie, client, 'Media desk', '4915100000031');
    const files = [
      { type: 'image', name: 'menu.png', bytes: PNG, caption: 'Our menu' },
      { type: 'video', name: 'tour.mp4', bytes: MP4, caption: 'A tour' },
      { type: 'audio', name: 'jingle.mp3', bytes: MP3 },
      { type: 'voice', name: 'note.ogg', bytes: oggOpus(2) },
      { type: 'document', name: 'Brochure 2026.pdf', bytes: PDF, caption: 'As promised' },
      { type: 'sticker', name: 'smile.webp', bytes: WEBP },
    ] as const;
    for (const file of files) {
      const up = await upload(g, cookie, { sessionId: s.id, type: file.type }, file);
      expect(up.status).toBe(201);
      expect(up.body.sha256).toBe(sha256(file.bytes));
      // Where the file lies on the server's disk is nobody's business.
      expect(Object.keys(up.body)).not.toContain('path');
      const sent = await client.messages.send.mutate({
        sessionId: s.id,
        to: `+${CUSTOMER}`,
        type: file.type,
        media: { id: up.body.id! },
        ...('caption' in file ? { caption: file.caption } : {}),
      });
      expect(sent).toMatchObject({ type: file.type, status: 'queued', media: { id: up.body.id } });
    }
    await client.messages.send.mutate({
      sessionId: s.id,
      to: `+${CUSTOMER}`,
      type: 'location',
      location: { latitude: 52.5219, longitude: 13.4132, name: 'Shop', address: 'Alexanderplatz 1, Berlin' },
    });

    type PhoneMessage = {
      id: string;
      type: string;
      text: string;
      media?: { sha256: string; size: number; filename?: string };
      location?: object;
    };
    const received = await waitFor(async () => {
      const { body } = await sandbox(g, cookie, 'GET', `/phones/${CUSTOMER}/messages`);
      const list = body as PhoneMessage[];
      return list.length === 7 ? list : undefined;
    }, 'seven messages on the phone');
    for (const [i, file] of files.entries()) {
      const got = received[i]!;
      expect(got).toMatchObject({ type: file.type, text: 'caption' in file ? file.caption : '' });
      expect(got.media).toMatchObject({ sha256: sha256(file.bytes), size: file.bytes.length });
      const bytes = await download(g, `/api/sandbox/phones/${CUSTOMER}/messages/${got.id}/media`, { cookie });
      expect(sha256(bytes.bytes)).toBe(sha256(file.bytes));
    }
    expect(received[4]?.media?.filename).toBe('Brochure 2026.pdf');
    expect(received[6]).toMatchObject({
      type: 'location',
      location: { latitude: 52.5219, longitude: 13.4132, name: 'Shop', address: 'Alexanderplatz 1, Berlin' },
    });
    const listed = await client.messages.list.query({ sessionId: s.id, limit: 10 });
    expect(listed.items.map((m) => m.type).reverse()).toEqual([...files.map((f) => f.type), 'location']);
  });

  it('stores received files, shows them in the inbox and gives webhooks a signed link that expires and dies with the account', async () => {
    const s = await createLinked(g, cookie, client, 'Inbound media', '4915100000032');
    const r = await startReceiver();
    cleanups.push(r.close);
    await client.webhooks.create.mutate({ sessionId: s.id, url: r.url, events: ['message.received'] });
    const voice = oggOpus(3);
    const inbound = (body: object) =>
      sandbox(g, cookie, 'POST', '/inbound', { from: `+${CUSTOMER}`, to: `+${s.phone}`, ...body });
    expect((await inbound({ media: { type: 'voice', data: voice.toString('base64') } })).status).toBe(200);
    expect(
      (
        await inbound({
          text: 'Our shop',
          media: { type: 'image', data: PNG.toString('base64'), filename: 'shop.png' },
        })
      ).status,
    ).toBe(200);
    await inbound({ location: { latitude: 48.137, longitude: 11.575, name: 'Marienplatz' } });

    const payloads = await waitFor(
      () => (r.received.length === 3 ? r.received.map((x) => x.payload.data) : undefined),
      'three message.received deliveries',
    );
    type Data = Record<string, unknown> & { media: Record<string, string> };
    const [hookVoice, hookImage, hookPlace] = payloads as [Data, Data, Data];
    expect(hookVoice).toMatchObject({
      type: 'voice',
      text: '',
      media: { mimetype: 'audio/ogg; codecs=opus', size: voice.length, sha256: sha256(voice), missing: null },
    });
    expect(hookImage).toMatchObject({ type: 'image', text: 'Our shop', media: { filename: 'shop.png' } });
    expect(hookPlace).toMatchObject({
      type: 'location',
      media: null,
      location: { name: 'Marienplatz', address: null },
    });

    // The signed link works without a sign-in.
    const signed = hookVoice.media.url!;
    expect(signed.startsWith(`${g.url}/api/v1/media/`)).toBe(true);
    const fetched = await download(g, signed);
    expect(fetched.status).toBe(200);
    expect(sha256(fetched.bytes)).toBe(sha256(voice));
    expect(fetched.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    // Personal data, never kept by browsers or proxies; a page opened from it could run nothing.
    expect(fetched.headers.get('cache-control')).toBe('no-store');
    expect(fetched.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; sandbox",
    );

    // The inbox shows the same messages; the signed-in link serves the file, also in ranges for players.
    const [conversation] = (await client.conversations.list.query({ sessionId: s.id })).items;
    expect(conversation?.lastMessagePreview).toBe('Location');
    const thread = await client.conversations.messages.query({ conversationId: conversation!.id, limit: 10 });
    expect(thread.items.map((m) => m.type)).toEqual(['location', 'image', 'voice']);
    const inThread = thread.items[2]!;
    expect(inThread.media?.url).toBe(`/api/v1/media/${inThread.media?.id}`);
    expect((await download(g, inThread.media!.url!, { cookie })).bytes).toEqual(voice);
    const part = await download(g, inThread.media!.url!, { cookie, range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-9/${voice.length}`);
    expect(part.bytes).toEqual(voice.subarray(0, 10));
    expect((await download(g, inThread.media!.url!)).status).toBe(401);

    // Someone else's file looks like a missing one.
    await client.users.create.mutate({
      email: 'olga@example.com',
      name: 'Olga',
      password: 'olga-password-1',
      role: 'operator',
    });
    const olga = await signIn(g, 'olga@example.com', 'olga-password-1');
    expect((await download(g, inThread.media!.url!, { cookie: olga })).status).toBe(404);
    expect((await download(g, '/api/v1/media/med_missing', { cookie: olga })).status).toBe(404);

    // Expired, tampered: refused.
    const id = inThread.media!.id!;
    const expired = g.services.media.links.sign(id, Date.now() - 48 * 60 * 60 * 1000).url;
    expect((await download(g, expired)).status).toBe(410);
    expect((await download(g, signed.replace(/signature=.{4}/, 'signature=AAAA'))).status).toBe(403);

    // Deleting the account ends its links and removes its files.
    expect(storedFiles().length).toBe(2);
    await client.sessions.delete.mutate({ id: s.id });
    expect((await download(g, signed)).status).toBe(404);
    expect(storedFiles()).toEqual([]);
  });

  it('stores identical uploads once', async () => {
    const s = await createLinked(g, cookie, client, 'Same file', '4915100000033');
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++)
      ids.add((await upload(g, cookie, { sessionId: s.id }, { name: `copy-${i}.pdf`, bytes: PDF })).body.id!);
    expect(ids.size).toBe(3);
    expect(storedFiles()).toHaveLength(1);
  });
});
