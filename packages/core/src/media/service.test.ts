import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { accounts, media } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ELF, MP4, oggOpus, PDF, PNG, WEBP } from './test-files.ts';
import { countingSource, counts, filesOn, mediaHarness } from './test-support.ts';

const code = (c: string) => expect.objectContaining({ code: c });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('MediaService uploads', () => {
  it('stores identical files once, with a row for every upload', async () => {
    const h = await mediaHarness();
    const first = await h.service.upload(h.olga, { sessionId: 'olga-1', type: 'image', body: [PNG] });
    const again = await h.service.upload(h.olga, { sessionId: 'olga-2', filename: 'logo.png', body: [PNG] });
    expect(first).toMatchObject({
      accountId: 'olga-1',
      mimetype: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
      origin: 'upload',
      url: `/api/v1/media/${first.id}`,
    });
    expect(again.id).not.toBe(first.id);
    expect(again.sha256).toBe(first.sha256);
    expect(again.filename).toBe('logo.png');
    expect(counts(h.db)).toEqual({ rows: 2, files: 1 });
    const [stored] = filesOn(h.dir);
    expect(filesOn(h.dir)).toHaveLength(1);
    expect(readFileSync(stored!)).toEqual(PNG);
    expect(h.service.open(h.olga, first.id).path).toBe(stored);
  });

  it('knows a file by its bytes, not its name: a program named photo.jpg is refused as an image', async () => {
    const h = await mediaHarness();
    const refused = h.service.upload(h.olga, {
      sessionId: 'olga-1',
      type: 'image',
      filename: 'photo.jpg',
      body: [ELF],
    });
    await expect(refused).rejects.toThrow(code('UNSUPPORTED_MEDIA_TYPE'));
    await expect(refused).rejects.toThrow(
      'The file is ELF (application/x-elf), which cannot be sent as an image: that needs JPEG, PNG or WebP',
    );
    expect(counts(h.db)).toEqual({ rows: 0, files: 0 });
    expect(filesOn(h.dir)).toEqual([]);
    // As a document, any file goes.
    const doc = await h.service.upload(h.olga, { sessionId: 'olga-1', type: 'document', body: [ELF] });
    expect(doc.mimetype).toBe('application/x-elf');
  });

  it('stops reading an upload as soon as it passes the cap, and keeps nothing of it', async () => {
    const h = await mediaHarness({ limits: { ...limitsOf(1024 * 1024), image: 64 * 1024 } });
    const source = countingSource(10_000, 16 * 1024);
    await expect(
      h.service.upload(h.olga, { sessionId: 'olga-1', type: 'image', body: source }),
    ).rejects.toThrow('The file is larger than 64 KB, the most an image may be (MEDIA_MAX_IMAGE_MB)');
    expect(source.pulled).toBe(5);
    expect(counts(h.db)).toEqual({ rows: 0, files: 0 });
    expect(filesOn(h.dir)).toEqual([]);
  });

  it('checks who is asking before reading a byte; others see NOT_FOUND, like a missing file', async () => {
    const h = await mediaHarness();
    const source = countingSource(3, 10);
    await expect(h.service.upload(h.otto, { sessionId: 'olga-1', body: source })).rejects.toThrow(
      code('NOT_FOUND'),
    );
    expect(source.pulled).toBe(0);
    const mine = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PDF] });
    expect(() => h.service.get(h.otto, mine.id)).toThrow(`Media ${mine.id} not found`);
    expect(() => h.service.get(h.otto, 'med_missing')).toThrow(`Media med_missing not found`);
    expect(h.service.get(h.admin, mine.id).id).toBe(mine.id);
    await expect(h.service.upload(h.olga, { sessionId: 'olga-1', body: [] })).rejects.toThrow(
      'The file is empty',
    );
  });

  it('gives a file to a message only as a type it fits, and only on its own account', async () => {
    const h = await mediaHarness();
    const webp = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [WEBP] });
    expect(h.service.attach('olga-1', webp.id, 'sticker').info).toMatchObject({ mimetype: 'image/webp' });
    expect(h.service.attach('olga-1', webp.id, 'image').mediaId).toBe(webp.id);
    expect(() => h.service.attach('olga-1', webp.id, 'voice')).toThrow(code('UNSUPPORTED_MEDIA_TYPE'));
    expect(() => h.service.attach('olga-2', webp.id, 'sticker')).toThrow(
      `Media ${webp.id} not found: upload it for session olga-2 first`,
    );
    const voice = await h.service.upload(h.olga, { sessionId: 'olga-1', type: 'voice', body: [oggOpus(1)] });
    expect(voice.mimetype).toBe('audio/ogg; codecs=opus');
    const small = await mediaHarness({ limits: { ...limitsOf(1024 * 1024), video: 10 } });
    const video = await small.service.upload(small.olga, { sessionId: 'olga-1', body: [MP4] });
    expect(() => small.service.attach('olga-1', video.id, 'video')).toThrow(code('PAYLOAD_TOO_LARGE'));
  });
});

describe('MediaService signed links', () => {
  it('work until they expire, only for the file they name, and not once it is gone', async () => {
    const h = await mediaHarness({ linkTtlMs: 60_000 });
    const file = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PNG] });
    const now = Date.now();
    const { url, expiresAt } = h.service.links.sign(file.id, now);
    expect(url).toMatch(
      new RegExp(`^https://wa\\.example\\.com/api/v1/media/${file.id}\\?expires=\\d+&signature=`),
    );
    const query = new URL(url).searchParams;
    const expires = query.get('expires')!;
    const signature = query.get('signature')!;
    expect(expiresAt).toBeGreaterThanOrEqual(now + 60_000);
    expect(h.service.openSigned(file.id, expires, signature)).toMatchObject({
      check: 'valid',
      file: { id: file.id },
    });
    expect(h.service.links.check(file.id, expires, signature, expiresAt + 1)).toBe('expired');
    expect(h.service.links.check(file.id, String(Number(expires) + 3600), signature)).toBe('invalid');
    const other = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PDF] });
    expect(h.service.links.check(other.id, expires, signature)).toBe('invalid');
    h.db.delete(accounts).where(eq(accounts.id, 'olga-1')).run();
    expect(h.service.openSigned(file.id, expires, signature)).toEqual({ check: 'valid', file: null });
  });
});

describe('MediaService received files', () => {
  it('stores a received file within its cap, and says why when it does not keep one', async () => {
    const h = await mediaHarness({ limits: { ...limitsOf(1024 * 1024), video: 1000 } });
    const kept = await h.service.receive('olga-1', { kind: 'voice', download: async () => oggOpus(1) });
    expect(kept.mediaId).toMatch(/^med_/);
    expect(kept.info).toMatchObject({ mimetype: 'audio/ogg; codecs=opus', missing: null });

    let downloads = 0;
    const big = await h.service.receive('olga-1', {
      kind: 'video',
      mimetype: 'video/mp4',
      size: 5_000_000,
      download: async () => {
        downloads += 1;
        return MP4;
      },
    });
    expect(downloads).toBe(0);
    expect(big).toEqual({
      mediaId: null,
      info: {
        mimetype: 'video/mp4',
        size: 5_000_000,
        filename: null,
        sha256: null,
        missing: 'Not kept: 4.8 MB is over the 1000 B limit for videos (MEDIA_MAX_VIDEO_MB)',
      },
    });
    const failed = await h.service.receive('olga-1', {
      kind: 'document',
      filename: '../../etc/invoice.pdf',
      download: async () => {
        throw new Error('WhatsApp no longer has this file');
      },
    });
    expect(failed.info).toMatchObject({
      filename: 'invoice.pdf',
      missing: 'Not kept: it could not be downloaded (WhatsApp no longer has this file)',
    });
    expect(counts(h.db)).toEqual({ rows: 1, files: 1 });
  });
});

describe('MediaService retention', () => {
  it('removes old rows and the files no row uses any more; a shared file stays while a young row uses it', async () => {
    const day = 24 * 60 * 60 * 1000;
    const h = await mediaHarness({ retentionMs: 30 * day });
    const old = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PNG] });
    const oldPdf = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PDF] });
    const young = await h.service.upload(h.olga, { sessionId: 'olga-2', body: [PNG] });
    const longAgo = Date.now() - 31 * day;
    h.db.update(media).set({ createdAt: longAgo }).where(eq(media.id, old.id)).run();
    h.db.update(media).set({ createdAt: longAgo }).where(eq(media.id, oldPdf.id)).run();

    expect(h.service.retention.cleanup()).toBe(2);
    expect(h.db.select({ id: media.id }).from(media).all()).toEqual([{ id: young.id }]);
    expect(filesOn(h.dir).map((f) => f.split('/').at(-1))).toEqual([sha256(PNG)]);
  });

  it('removes the oldest files while all of them take more than the cap', async () => {
    const h = await mediaHarness({ maxTotalBytes: 200 });
    const first = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PDF] });
    await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PNG] });
    h.db.update(media).set({ createdAt: 1 }).where(eq(media.id, first.id)).run();
    // 125 + 70 bytes fit; a third file takes storage over 200 bytes and the oldest goes.
    await h.service.upload(h.olga, { sessionId: 'olga-1', body: [WEBP] });
    h.service.retention.cleanup();
    expect(h.service.retention.totalBytes()).toBe(PNG.length + WEBP.length);
    expect(() => h.service.get(h.olga, first.id)).toThrow(code('NOT_FOUND'));
  });

  it('deletes a deleted account’s files, keeping those another account still uses', async () => {
    const h = await mediaHarness();
    await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PNG] });
    await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PDF] });
    await h.service.upload(h.otto, { sessionId: 'otto-1', body: [PNG] });
    h.db.delete(accounts).where(eq(accounts.id, 'olga-1')).run();
    h.bus.publishSession({ type: 'deleted', sessionId: 'olga-1', ownerId: h.olga.id });
    expect(counts(h.db)).toEqual({ rows: 1, files: 1 });
    expect(filesOn(h.dir).map((f) => f.split('/').at(-1))).toEqual([sha256(PNG)]);
  });

  it('at start-up, deletes half-written uploads and files a crash left without their row', async () => {
    const h = await mediaHarness();
    const kept = await h.service.upload(h.olga, { sessionId: 'olga-1', body: [PNG] });
    await h.service.store.write([PDF]);
    const orphan = await h.service.store.write([WEBP]);
    h.service.store.commit(orphan);
    expect(filesOn(h.dir)).toHaveLength(3);
    h.service.retention.sweep();
    expect(filesOn(h.dir)).toEqual([h.service.open(h.olga, kept.id).path]);
  });
});

/** Every type capped at `bytes`. */
function limitsOf(bytes: number) {
  return { image: bytes, video: bytes, audio: bytes, voice: bytes, document: bytes, sticker: bytes };
}
