import { request } from 'node:http';
import { ELF, PDF, PNG } from '@switchboard/core/test-files';
import { describe, expect, it } from 'vitest';
import { connect, createLinked, signIn } from './support/harness.ts';
import { sha256, upload } from './support/media.ts';
import { CUSTOMER, cleanups, client, cookie, g, storedFiles, website } from './support/media-gateway.ts';

describe('media refusals change nothing', () => {
  it('refuses a program renamed photo.jpg, sent with an image content type', async () => {
    const s = await createLinked(g, cookie, client, 'Refusals', '4915100000034');
    const refused = await upload(
      g,
      cookie,
      { sessionId: s.id, type: 'image' },
      { name: 'photo.jpg', bytes: ELF, contentType: 'image/jpeg' },
    );
    expect(refused.status).toBe(415);
    expect(refused.body).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'The file is ELF (application/x-elf), which cannot be sent as an image: that needs JPEG, PNG or WebP. Send it as a document instead',
    });
    expect(storedFiles()).toEqual([]);
    expect((await upload(g, undefined, { sessionId: s.id }, { name: 'a.pdf', bytes: PDF })).status).toBe(401);
    expect(
      (await upload(g, cookie, { sessionId: 'nobody-has-this' }, { name: 'a.pdf', bytes: PDF })).status,
    ).toBe(404);
  });

  it('cuts off an oversize upload while it streams: a 1 GB body is not read, nothing is stored', async () => {
    const s = await createLinked(g, cookie, client, 'Big upload', '4915100000035');
    const boundary = 'switchboard-test-boundary';
    const head = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="sessionId"',
        '',
        s.id,
        `--${boundary}`,
        'Content-Disposition: form-data; name="type"',
        '',
        'image',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="huge.png"',
        'Content-Type: image/png',
        '',
        '',
      ].join('\r\n'),
    );
    const { port } = new URL(g.url);
    const outcome = await new Promise<{ status: number | null; sent: number }>((resolve) => {
      let status: number | null = null;
      let sent = 0;
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/media',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x42);
      let stopped = false;
      const finish = () => {
        if (stopped) return;
        stopped = true;
        resolve({ status, sent });
      };
      req.on('response', (res) => {
        status = res.statusCode ?? null;
        res.resume();
        res.on('end', finish);
      });
      req.on('error', finish);
      req.on('close', finish);
      req.write(head);
      const pump = () => {
        // 1 GB at most; the server should have stopped reading long before.
        while (!stopped && sent < 1024 * chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!stopped) req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(outcome.status === 413 || outcome.status === null).toBe(true);
    expect(outcome.sent).toBeLessThan(64 * 1024 * 1024);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses media URLs to metadata addresses, redirects to them, endless bodies and slow servers', async () => {
    const s = await createLinked(g, cookie, client, 'URLs', '4915100000036');
    const redirecting = await website((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam' }).end(),
    );
    const endless = await website((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const silent = await website(() => undefined);
    const send = (url: string, by = client) =>
      by.messages.send.mutate({ sessionId: s.id, to: `+${CUSTOMER}`, type: 'image', media: { url } });

    await expect(send('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message: 'Media URL refused: 169.254.169.254 is a link-local or cloud metadata address',
    });
    await expect(send(`${redirecting}/logo.png`)).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message: 'Media URL redirect refused: 169.254.169.254 is a link-local or cloud metadata address',
    });
    await expect(send(`${endless}/forever.png`)).rejects.toMatchObject({
      data: { code: 'PAYLOAD_TOO_LARGE' },
      message: 'The file is larger than 1 MB, the most an image may be (MEDIA_MAX_IMAGE_MB)',
    });
    await expect(send(`${silent}/slow.png`)).rejects.toMatchObject({
      data: { code: 'TIMEOUT' },
      message: 'The media URL did not deliver the file within 2 s (MEDIA_FETCH_TIMEOUT_MS)',
    });

    // Private and loopback addresses are for admins only (MEDIA_FETCH_PRIVATE=admins).
    await client.users.create.mutate({
      email: 'otto@example.com',
      name: 'Otto',
      password: 'otto-password-1',
      role: 'operator',
    });
    const otto = connect(g, await signIn(g, 'otto@example.com', 'otto-password-1'));
    cleanups.push(() => otto.close());
    const own = await otto.sessions.create.mutate({ name: 'Otto desk', engine: 'sandbox', start: false });
    const pngSite = await website((_req, res) => res.end(PNG));
    await expect(
      otto.messages.send.mutate({
        sessionId: own.id,
        to: `+${CUSTOMER}`,
        type: 'image',
        media: { url: `${pngSite}/a.png` },
      }),
    ).rejects.toMatchObject({ data: { code: 'PRECONDITION_FAILED' } });
    await expect(
      otto.media.fetch.mutate({ sessionId: own.id, url: `${pngSite}/a.png` }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message:
        'Media URL refused: 127.0.0.1 is a private or loopback address: only admins may have media fetched from one (MEDIA_FETCH_PRIVATE=admins)',
    });
    expect((await client.media.fetch.mutate({ sessionId: s.id, url: `${pngSite}/a.png` })).sha256).toBe(
      sha256(PNG),
    );

    expect((await client.messages.list.query({ sessionId: s.id, limit: 10 })).items).toEqual([]);
    expect(storedFiles()).toHaveLength(1);
  });
});
