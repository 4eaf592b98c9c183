import { createConfig, lintFromString } from '@redocly/openapi-core';
import { restRoutes } from '@switchboard/api';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { generatedClient } from './support/generated-client.ts';
import {
  connect,
  createLinked,
  rest,
  sandbox,
  setupAdmin,
  startTestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(overrides: Record<string, string> = {}) {
  const g = await startTestGateway(overrides);
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(() => admin.close());
  const key = (
    await admin.apiKeys.create.mutate({
      name: 'tests',
      scopes: [
        'sessions:read',
        'sessions:manage',
        'messages:send',
        'messages:read',
        'inbox:read',
        'webhooks:manage',
      ],
    })
  ).secret;
  return { g, cookie, admin, key };
}

const documentOf = async (url: string) => {
  const res = await fetch(`${url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { tags?: string[] }>>;
    tags: Array<{ name: string }>;
  };
};

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, describes every REST endpoint and, while enabled, the sandbox', async () => {
    const { g } = await gateway();
    const document = await documentOf(g.url);
    expect(document.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual(
      [],
    );
    for (const route of restRoutes())
      expect(
        document.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    expect(document.paths['/v1/sessions/{id}/qr.png']?.get).toBeDefined();
    // The campaigns domain, each under its own tag.
    for (const [path, method, tag] of [
      ['/v1/campaigns', 'post', 'Campaigns'],
      ['/v1/campaigns/{id}/audience', 'post', 'Campaigns'],
      ['/v1/campaigns/{id}/media', 'put', 'Campaigns'],
      ['/v1/campaigns/{id}/start', 'post', 'Campaigns'],
      ['/v1/campaigns/{id}/export', 'get', 'Campaigns'],
      ['/v1/pools/{id}', 'patch', 'Pools'],
      ['/v1/opt-outs/import', 'post', 'Opt-outs'],
      ['/v1/contacts/{id}/tags', 'put', 'Contacts'],
    ] as const)
      expect(document.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual([tag]);
    expect(document.paths['/sandbox/scan']?.post?.tags).toEqual(['Sandbox']);
    expect(document.tags.map((t) => t.name)).toContain('Sandbox');

    const { g: real } = await gateway({ SANDBOX_ENABLED: 'false' });
    const withoutSandbox = await documentOf(real.url);
    expect(Object.keys(withoutSandbox.paths).filter((p) => p.startsWith('/sandbox'))).toEqual([]);
    expect(withoutSandbox.tags.map((t) => t.name)).not.toContain('Sandbox');
  });

  it('generates a client (openapi-typescript, openapi-fetch) that links a session and sends once by phone', async () => {
    const { g, cookie, key } = await gateway({ SANDBOX_QR_ROTATE_MS: '20000' });
    const client = await generatedClient(`${g.url}/api/v1/openapi.json`);
    cleanups.push(() => client.dispose());
    expect(client.typeErrors()).toEqual([]);
    const seen = (await client.run(`${g.url}/api`, key)) as Record<string, unknown>;
    expect(seen).toMatchObject({
      qrPngType: 'image/png',
      phone: '4915112345678',
      status: 'read',
      refused: { status: 404, code: 'NOT_FOUND' },
    });
    expect(seen.qrPngBytes).toBeGreaterThan(1000);
    expect(seen.again).toBe(seen.first);
    const received = await sandbox(g, cookie, 'GET', '/phones/14155552671/messages');
    expect(received.body).toEqual([expect.objectContaining({ text: 'Your order has shipped' })]);
  }, 120_000);
});

describe('REST', () => {
  it('serves the QR code as a PNG that decodes to the code on display', async () => {
    const { g, cookie, admin, key } = await gateway({ SANDBOX_QR_ROTATE_MS: '20000' });
    const session = await admin.sessions.create.mutate({ name: 'Shop' });
    const shown = await waitForStatus(admin, session.id, 'qr');
    const res = await fetch(`${g.url}/api/v1/sessions/${session.id}/qr.png`, {
      headers: { 'x-api-key': key },
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(shown.qr!.qr);
    const connected = await createLinked(g, cookie, admin, 'Desk', '4915112340201');
    expect(await rest(g, key, 'GET', `/v1/sessions/${connected.id}/qr`)).toMatchObject({
      status: 412,
      body: {
        code: 'PRECONDITION_FAILED',
        message: `Session ${connected.id} shows no QR code (status: connected): it is linked already`,
      },
    });
  });

  it('answers like REST clients expect: 404, 405 with Allow, 415, and 400 naming each bad field', async () => {
    const { g, key } = await gateway();
    expect(await rest(g, key, 'GET', '/v1/nothing')).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    const wrongMethod = await rest(g, key, 'PUT', '/v1/sessions');
    expect(wrongMethod).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_SUPPORTED' } });
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    const form = await fetch(`${g.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Shop',
    });
    expect(form.status).toBe(415);
    expect(await rest(g, key, 'POST', '/v1/sessions', { name: '', engine: 'fax' })).toMatchObject({
      status: 400,
      body: {
        code: 'BAD_REQUEST',
        issues: [
          { path: 'name', message: 'Name is required' },
          { path: 'engine', message: expect.any(String) },
        ],
      },
    });
    expect(await rest(g, key, 'GET', '/v1/conversations?limit=many')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('limit') },
    });
    // Nothing was made by any of them.
    expect((await rest(g, key, 'GET', '/v1/sessions')).body).toEqual([]);
  });

  it('reads numbers and booleans from the query string and pages like tRPC', async () => {
    const { g, cookie, admin: client, key } = await gateway();
    const desk = await createLinked(g, cookie, client, 'Desk', '4915112340202');
    for (const text of ['one', 'two', 'three'])
      await rest(g, key, 'POST', '/v1/messages', { sessionId: desk.id, to: '+14155550202', text });
    const page = await rest(g, key, 'GET', `/v1/sessions/${desk.id}/messages?limit=2`);
    expect(page.body).toMatchObject({
      items: [{ body: 'three' }, { body: 'two' }],
      nextCursor: expect.any(String),
    });
    const next = await rest(
      g,
      key,
      'GET',
      `/v1/sessions/${desk.id}/messages?limit=2&cursor=${(page.body as { nextCursor: string }).nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ body: 'one' }], nextCursor: null });
  });

  it('sends once per idempotency key even when the requests race, and refuses the key for another message', async () => {
    const { g, cookie, admin: client, key } = await gateway();
    const desk = await createLinked(g, cookie, client, 'Desk', '4915112340203');
    const body = { sessionId: desk.id, to: '+14155550203', text: 'Exactly once' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        rest(g, key, 'POST', '/v1/messages', body, { 'Idempotency-Key': 'race-1' }),
      ),
    );
    const ids = new Set(answers.map((a) => (a.body as { id: string }).id));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(ids.size).toBe(1);
    // The tRPC field and the REST header are the same key.
    const viaTrpc = await client.messages.send.mutate({ ...body, idempotencyKey: 'race-1' });
    expect(ids.has(viaTrpc.id)).toBe(true);
    expect(
      await rest(
        g,
        key,
        'POST',
        '/v1/messages',
        { ...body, text: 'Something else' },
        { 'Idempotency-Key': 'race-1' },
      ),
    ).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT' },
    });
    expect(
      await rest(
        g,
        key,
        'POST',
        '/v1/messages',
        { ...body, idempotencyKey: 'a' },
        { 'Idempotency-Key': 'b' },
      ),
    ).toMatchObject({ status: 400 });
    await waitFor(
      async () => (await sandbox(g, cookie, 'GET', '/phones/14155550203/messages')).body,
      'delivery',
    );
    expect((await sandbox(g, cookie, 'GET', '/phones/14155550203/messages')).body).toHaveLength(1);
    expect((await client.messages.list.query({ sessionId: desk.id })).items).toHaveLength(1);
  });

  it("refuses a write the login cookie signs in from another page of the site, never a key's", async () => {
    const { g, cookie, admin: client, key } = await gateway();
    const desk = await createLinked(g, cookie, client, 'Desk', '4915112340203');
    // What a page on a sibling host of the same site can make a browser send: the cookie rides along
    // (SameSite=Lax allows it), and a body-less POST needs no content type a page could not send.
    const elsewhere = { cookie, origin: 'http://blog.localhost' };
    for (const path of [`/v1/sessions/${desk.id}/stop`, `/sandbox/sessions/${desk.id}/unlink`])
      expect(await rest(g, null, 'POST', path, undefined, elsewhere), path).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', message: expect.stringContaining('API key') },
      });
    expect((await client.sessions.byId.query({ id: desk.id })).status).toBe('connected');
    // Reads are not writes; the dashboard's own pages and clients that send no Origin (curl) may write.
    const read = await rest(g, null, 'GET', `/v1/sessions/${desk.id}`, undefined, elsewhere);
    expect(read.status).toBe(200);
    expect(
      await rest(g, null, 'POST', `/v1/sessions/${desk.id}/stop`, undefined, { cookie, origin: g.url }),
    ).toMatchObject({ status: 200, body: { status: 'stopped' } });
    const fromCurl = await rest(g, null, 'POST', `/v1/sessions/${desk.id}/start`, undefined, { cookie });
    expect(fromCurl.status).toBe(200);
    // A key is no cookie: whoever presents it holds it, from whichever page.
    expect(
      await rest(g, key, 'POST', `/v1/sessions/${desk.id}/stop`, undefined, {
        origin: 'https://crm.example.com',
      }),
    ).toMatchObject({ status: 200, body: { status: 'stopped' } });
  });

  it('sends from the session with the given number, or from the default session', async () => {
    const { g, cookie, admin: client, key } = await gateway();
    const a = await createLinked(g, cookie, client, 'Alpha', '4915112340204');
    const b = await createLinked(g, cookie, client, 'Beta', '4915112340205');
    const send = (sender: Record<string, string>) =>
      rest(g, key, 'POST', '/v1/messages', { ...sender, to: '+14155550204', text: 'hi' });
    expect(await send({})).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('default session') },
    });
    expect((await send({ from: '+49 151 12340205' })).body).toMatchObject({ accountId: b.id });
    expect(await rest(g, key, 'PUT', '/v1/default-sender', { sessionId: a.id })).toMatchObject({
      status: 200,
      body: { sessionId: a.id },
    });
    expect((await send({})).body).toMatchObject({ accountId: a.id });
    expect((await rest(g, key, 'GET', '/v1/default-sender')).body).toEqual({ sessionId: a.id });
    expect(await send({ sessionId: a.id, from: `+${b.phone}` })).toMatchObject({ status: 400 });
    await client.sessions.delete.mutate({ id: a.id });
    expect((await rest(g, key, 'GET', '/v1/default-sender')).body).toEqual({ sessionId: null });
  });
});

describe('the docs page', () => {
  it('is served with its assets from this server, under a policy that loads nothing from elsewhere', async () => {
    const { g } = await gateway();
    const page = await fetch(`${g.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'docs.js', 'docs.css']) {
      const res = await fetch(`${g.url}/api/docs/${asset}`);
      expect(res.status, asset).toBe(200);
    }
    expect(await (await fetch(`${g.url}/api/docs/docs.js`)).text()).toContain('validatorUrl: null');
  });
});
