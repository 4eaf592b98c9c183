import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { campaigns } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MP3, PNG } from '../media/test-files.ts';
import { BRISK, type CampaignHarness, campaignHarness, code, csvOf, phones } from './test-support.ts';

/** A draft from the operator's `sales` account to `numbers`, with one photo uploaded for that account. */
async function draftWithUpload(h: CampaignHarness, numbers: string[]) {
  await h.link(h.operator, 'Sales', '4915112340001');
  const { campaigns: service, media } = h.services;
  const draft = service.create(h.operator, {
    name: 'Menu',
    sessionId: 'sales',
    variants: ['Hi {{name}}, our new menu for {{city}}.', 'Hello {{name}}! {{city}} has a new menu.'],
    pacing: BRISK,
  });
  service.addAudience(h.operator, {
    id: draft.id,
    source: { type: 'csv', csv: csvOf(numbers), phoneColumn: 'phone' },
  });
  const photo = await media.upload(h.operator, { sessionId: 'sales', type: 'image', body: [PNG] });
  return { draft, photo };
}

const row = (h: CampaignHarness, id: string) =>
  h.db.select().from(campaigns).where(eq(campaigns.id, id)).get()!;

describe('a campaign with a file', () => {
  it('reaches every phone as a photo captioned for its recipient, none twice', async () => {
    const h = await campaignHarness();
    const numbers = phones(6);
    const { draft, photo } = await draftWithUpload(h, numbers);
    const attached = await h.services.campaigns.setMedia(h.operator, {
      id: draft.id,
      media: { type: 'image', id: photo.id },
    });
    expect(attached.media).toMatchObject({ id: photo.id, type: 'image', mimetype: 'image/png' });
    h.services.campaigns.start(h.operator, draft.id);
    await h.runUntil(draft.id, 'completed');

    const sha256 = createHash('sha256').update(PNG).digest('hex');
    for (const [i, phone] of numbers.entries()) {
      const got = h.network.phoneMessages(phone);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: 'image', media: { mimetype: 'image/png', sha256 } });
      expect([
        `Hi Person ${i + 1}, our new menu for City ${i % 7}.`,
        `Hello Person ${i + 1}! City ${i % 7} has a new menu.`,
      ]).toContain(got[0]!.text);
    }
  });

  it('fetches a file at a URL once, when it is attached, never per recipient', async () => {
    const h = await campaignHarness();
    const numbers = phones(4);
    const { draft } = await draftWithUpload(h, numbers);
    let fetched = 0;
    const server = createServer((_req, res) => {
      fetched += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/menu.png`;
      // Loopback URLs are for admins on this server (MEDIA_FETCH_PRIVATE=admins); admins manage every campaign.
      const attached = await h.services.campaigns.setMedia(h.admin, {
        id: draft.id,
        media: { type: 'image', url },
      });
      expect(attached.media).toMatchObject({ type: 'image', filename: 'menu.png', accountId: 'sales' });
      h.services.campaigns.start(h.operator, draft.id);
      await h.runUntil(draft.id, 'completed');
    } finally {
      server.close();
    }
    expect(fetched).toBe(1);
    for (const phone of numbers) expect(h.network.phoneMessages(phone)).toMatchObject([{ type: 'image' }]);
  });

  it('refuses a missing file, and another user’s, as NOT_FOUND, changing nothing', async () => {
    const h = await campaignHarness();
    const { draft } = await draftWithUpload(h, phones(2));
    await h.link(h.other, 'Theirs', '4915112340002');
    const theirs = await h.services.media.upload(h.other, {
      sessionId: 'theirs',
      type: 'image',
      body: [PNG],
    });
    const before = row(h, draft.id);
    for (const id of ['med_missing', theirs.id])
      await expect(
        h.services.campaigns.setMedia(h.operator, { id: draft.id, media: { type: 'image', id } }),
      ).rejects.toThrow(code('NOT_FOUND'));
    expect(row(h, draft.id)).toEqual(before);
    // Nor may anyone attach a file to a campaign they cannot see.
    await expect(
      h.services.campaigns.setMedia(h.other, { id: draft.id, media: { type: 'image', id: theirs.id } }),
    ).rejects.toThrow(code('NOT_FOUND'));
  });

  it('counts the caption limit after variables: shown at preview, refused at start', async () => {
    const h = await campaignHarness({ maxTextLength: 4096 });
    const { draft, photo } = await draftWithUpload(h, phones(2));
    await h.services.campaigns.setMedia(h.operator, { id: draft.id, media: { type: 'image', id: photo.id } });
    // 1024 characters as written, a caption's limit; the number it is filled in with is longer than {{phone}}.
    const wording = `${'x'.repeat(1014)} {{phone}}`;
    h.services.campaigns.update(h.operator, { id: draft.id, variants: [wording] });
    const preview = h.services.campaigns.preview(h.operator, { id: draft.id });
    expect(preview.limit).toBe(1024);
    expect(preview.variants[0]!.length).toBe(1029);
    expect(() => h.services.campaigns.start(h.operator, draft.id)).toThrow(
      /Wording 1 filled in for \+\d+: The caption is 1029 characters long; the limit is 1024/,
    );
    expect(h.services.campaignQueries.get(h.operator, draft.id).status).toBe('draft');
    // Without the file the same wording is an ordinary text, well within its limit.
    await h.services.campaigns.setMedia(h.operator, { id: draft.id, media: null });
    expect(h.services.campaigns.preview(h.operator, { id: draft.id }).limit).toBe(4096);
  });

  it('refuses wordings with a file that takes no caption, saying how to send it', async () => {
    const h = await campaignHarness();
    const { draft } = await draftWithUpload(h, phones(2));
    const song = await h.services.media.upload(h.operator, {
      sessionId: 'sales',
      type: 'audio',
      body: [MP3],
    });
    await expect(
      h.services.campaigns.setMedia(h.operator, { id: draft.id, media: { type: 'audio', id: song.id } }),
    ).rejects.toThrow(/Audio files cannot have a caption on WhatsApp: remove the wording/);
    expect(row(h, draft.id).mediaId).toBeNull();

    h.services.campaigns.update(h.operator, { id: draft.id, variants: [] });
    await h.services.campaigns.setMedia(h.operator, { id: draft.id, media: { type: 'audio', id: song.id } });
    expect(() => h.services.campaigns.update(h.operator, { id: draft.id, variants: ['Listen!'] })).toThrow(
      /cannot have a caption/,
    );
    h.services.campaigns.start(h.operator, draft.id);
    await h.runUntil(draft.id, 'completed');
    for (const phone of phones(2))
      expect(h.network.phoneMessages(phone)).toMatchObject([{ type: 'audio', text: '' }]);
  });

  it('keeps the file while the campaign can still send, however old it is', async () => {
    const h = await campaignHarness();
    const { draft, photo } = await draftWithUpload(h, phones(1));
    await h.services.campaigns.setMedia(h.operator, { id: draft.id, media: { type: 'image', id: photo.id } });
    expect(h.services.media.retention.remove([photo.id], 'expired')).toBe(0);
    h.services.campaigns.cancel(h.operator, draft.id);
    expect(h.services.media.retention.remove([photo.id], 'expired')).toBe(1);
  });
});
