import { PDF, PNG } from '@switchboard/core/test-files';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  createLinked,
  rest,
  sandbox,
  setupAdmin,
  startTestGateway,
  waitFor,
} from './support/harness.ts';
import { download, sha256, upload } from './support/media.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway() {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(() => admin.close());
  const keyWith = async (...scopes: Array<'messages:send' | 'messages:read'>) =>
    (await admin.apiKeys.create.mutate({ name: scopes.join(' '), scopes })).secret;
  return { g, cookie, admin, keyWith };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('media over REST with an API key', () => {
  it('uploads a file and sends it by its id, and the phone gets the same bytes', async () => {
    const { g, cookie, admin, keyWith } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Shop', '4915112300071');
    const key = await keyWith('messages:send', 'messages:read');

    const stored = await upload(
      g,
      bearer(key),
      { sessionId: s.id, type: 'image' },
      { name: 'menu.png', bytes: PNG },
    );
    expect(stored).toMatchObject({
      status: 201,
      body: { mimetype: 'image/png', size: PNG.length, sha256: sha256(PNG) },
    });
    const sent = await rest(g, key, 'POST', '/v1/messages', {
      sessionId: s.id,
      to: '+14155552671',
      type: 'image',
      media: { id: stored.body.id },
      caption: 'Our menu',
    });
    expect(sent).toMatchObject({
      status: 200,
      body: {
        type: 'image',
        body: 'Our menu',
        media: { id: stored.body.id, url: `/api/v1/media/${stored.body.id}` },
      },
    });
    const file = await download(g, `/api/v1/media/${stored.body.id}`, bearer(key));
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(sha256(PNG));

    const received = await waitFor(async () => {
      const inbox = await sandbox(g, cookie, 'GET', '/phones/14155552671/messages');
      return (inbox.body as Array<{ id: string; type: string; text: string }>).find(
        (m) => m.type === 'image',
      );
    }, 'the photo to reach the phone');
    expect(received.text).toBe('Our menu');
    const onPhone = await download(g, `/api/sandbox/phones/14155552671/messages/${received.id}/media`, {
      cookie,
    });
    expect(sha256(onPhone.bytes)).toBe(sha256(PNG));
  });

  it('needs messages:send to upload and messages:read to download, and refuses a bad key like no key', async () => {
    const { g, cookie, admin, keyWith } = await gateway();
    const s = await createLinked(g, cookie, admin, 'Files', '4915112300072');
    const reader = await keyWith('messages:read');
    const sender = await keyWith('messages:send');
    const file = { name: 'terms.pdf', bytes: PDF };

    expect(await upload(g, bearer(reader), { sessionId: s.id }, file)).toEqual({
      status: 403,
      body: { code: 'FORBIDDEN', message: 'This API key lacks the "messages:send" scope needed for this' },
    });
    const stored = await upload(g, bearer(sender), { sessionId: s.id }, file);
    expect(stored.status).toBe(201);
    const path = `/api/v1/media/${stored.body.id}`;
    expect((await download(g, path, bearer(sender))).status).toBe(403);
    expect((await download(g, path, bearer(reader))).status).toBe(200);

    const noKey = await download(g, path);
    const badKey = await download(g, path, bearer('sbk_not-a-key'));
    expect([noKey.status, badKey.status]).toEqual([401, 401]);
    expect(JSON.parse(badKey.bytes.toString())).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await upload(g, bearer('sbk_not-a-key'), { sessionId: s.id }, file)).body).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // The login cookie uploads only from this site's own pages.
    const res = await fetch(`${g.url}/api/v1/media`, {
      method: 'POST',
      headers: { cookie, origin: 'http://blog.localhost' },
      body: new FormData(),
    });
    expect(res.status).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('documents the upload and the download, and the media fields of a send', async () => {
    const { g } = await gateway();
    const document = (await (await fetch(`${g.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: { content: object } }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.paths['/v1/media']?.post?.tags).toEqual(['Media']);
    expect(Object.keys(document.paths['/v1/media']?.post?.requestBody?.content ?? {})).toEqual([
      'multipart/form-data',
    ]);
    expect(document.paths['/v1/media/{id}']?.get?.tags).toEqual(['Media']);
    const send = JSON.stringify(document.paths['/v1/messages']?.post?.requestBody);
    for (const field of ['"media"', '"caption"', '"location"', '"filename"', '"from"', '"image"'])
      expect(send).toContain(field);
  });
});
