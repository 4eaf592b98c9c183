import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPES, type Scope } from '@switchboard/validators';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import WS from 'ws';
import {
  type Client,
  connect,
  connectWithKey,
  createLinked,
  recordingLogger,
  rest,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  upgradeStatus,
  waitFor,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(
  overrides: Record<string, string> = {},
  options: Parameters<typeof startTestGateway>[2] = {},
) {
  const g = await startTestGateway(overrides, undefined, options);
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = track(connect(g, cookie));
  return { g, cookie, admin };
}

function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

async function operator(
  g: TestGateway,
  admin: Client,
  email = 'olga@example.com',
  role: 'operator' | 'admin' = 'operator',
) {
  const user = await admin.users.create.mutate({
    email,
    name: email.split('@')[0]!,
    password: 'operator-pass-1',
    role,
  });
  const cookie = await signIn(g, email, 'operator-pass-1');
  return { user, cookie, client: track(connect(g, cookie)) };
}

type KeyInput = Parameters<Client['apiKeys']['create']['mutate']>[0];
const newKey = async (client: Client, input: Partial<KeyInput> = {}) =>
  (await client.apiKeys.create.mutate({ name: 'integration', scopes: [...SCOPES], ...input })).secret;

/** A raw WebSocket speaking tRPC's protocol with a key, to watch how the server ends it. */
async function keySocket(g: TestGateway, key: string, how: 'params' | 'header') {
  const ws = new WS(`${g.url.replace('http', 'ws')}/trpc${how === 'params' ? '?connectionParams=1' : ''}`, {
    headers: how === 'header' ? { 'x-api-key': key } : {},
  });
  const socket = {
    messages: [] as Array<{ id?: number; result?: { type: string } }>,
    closed: null as number | null,
  };
  ws.on('message', (data) => {
    const text = data.toString();
    if (text !== 'PING' && text !== 'PONG') socket.messages.push(JSON.parse(text));
  });
  ws.on('close', (code) => {
    socket.closed = code;
  });
  cleanups.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (how === 'params') ws.send(JSON.stringify({ method: 'connectionParams', data: { apiKey: key } }));
  ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'sessions.onEvent', input: {} } }));
  await waitFor(
    () => socket.messages.some((m) => m.id === 1 && m.result?.type === 'started'),
    'stream started',
  );
  return socket;
}

const codeOf = (error: unknown) => (error instanceof TRPCClientError ? error.data?.code : error);
async function refused(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return codeOf(error);
  }
  return 'not refused';
}

describe('API keys', () => {
  it('work on REST and tRPC (a header) and on the WebSocket (connection params or a header)', async () => {
    const { g, cookie, admin } = await gateway();
    await createLinked(g, cookie, admin, 'Desk', '4915112340101');
    const key = await newKey(admin);
    expect((await rest(g, key, 'GET', '/v1/sessions')).body).toMatchObject([{ id: 'desk' }]);
    for (const socketHeader of [false, true]) {
      const client = track(connectWithKey(g, key, { socketHeader }));
      expect(await client.sessions.list.query()).toMatchObject([{ id: 'desk', status: 'connected' }]);
      const events: unknown[] = [];
      const sub = client.sessions.onEvent.subscribe(undefined, { onData: (e) => events.push(e.data) });
      await waitFor(() => events.length > 0, 'the first event over the socket');
      sub.unsubscribe();
      expect(events[0]).toMatchObject({ type: 'status', sessionId: 'desk', status: 'connected' });
    }
  });

  it("sign in WebSockets from other sites' pages too (the Origin check guards the cookie)", async () => {
    const { g, cookie, admin } = await gateway();
    const key = await newKey(admin);
    const foreign = 'https://crm.example.com';
    expect(await upgradeStatus(g, { 'x-api-key': key, origin: foreign })).toBe('open');
    expect(await upgradeStatus(g, { cookie, origin: foreign })).toBe(403);
    expect(await upgradeStatus(g, { 'x-api-key': `${key}x`, origin: foreign })).toBe(401);
  });

  it('refuse every procedure family a key lacks the scope for (403 naming it) and allow it with the scope', async () => {
    const { g, cookie, admin } = await gateway();
    const desk = await createLinked(g, cookie, admin, 'Desk', '4915112340102');
    await admin.messages.send.mutate({ sessionId: desk.id, to: '+14155550102', text: 'hello' });
    const contact = (await admin.contacts.list.query()).items[0]!;
    const families: Array<[Scope, Parameters<typeof rest>[2], string, unknown?]> = [
      ['sessions:read', 'GET', `/v1/sessions/${desk.id}`],
      ['sessions:manage', 'PATCH', `/v1/sessions/${desk.id}`, { name: 'Front desk' }],
      ['messages:send', 'POST', '/v1/messages', { sessionId: desk.id, to: '+14155550102', text: 'hi' }],
      ['messages:read', 'GET', `/v1/sessions/${desk.id}/messages`],
      ['inbox:read', 'GET', '/v1/conversations'],
      ['inbox:write', 'PATCH', `/v1/contacts/${contact.id}`, { name: 'Grace' }],
      ['webhooks:manage', 'GET', '/v1/webhooks'],
    ];
    for (const [scope, method, path, body] of families) {
      const without = await newKey(admin, { scopes: SCOPES.filter((s) => s !== scope) });
      const messagesBefore = (await admin.messages.list.query({ sessionId: desk.id })).items.length;
      expect(await rest(g, without, method, path, body), `${method} ${path} without ${scope}`).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', message: `This API key lacks the "${scope}" scope needed for this` },
      });
      expect((await admin.messages.list.query({ sessionId: desk.id })).items).toHaveLength(messagesBefore);
      const only = await newKey(admin, { scopes: [scope] });
      expect((await rest(g, only, method, path, body)).status, `${method} ${path} with ${scope}`).toBe(200);
    }
    // A key made to send cannot delete the session it sends from.
    const sender = await newKey(admin, { scopes: ['messages:send'] });
    expect((await rest(g, sender, 'DELETE', `/v1/sessions/${desk.id}`)).status).toBe(403);
    expect(await admin.sessions.byId.query({ id: desk.id })).toMatchObject({ status: 'connected' });
    // Streams check their scope too.
    const blind = track(connectWithKey(g, await newKey(admin, { scopes: ['messages:send'] })));
    const error = await new Promise((resolve) =>
      blind.messages.onUpdate.subscribe(undefined, { onData: () => {}, onError: resolve }),
    );
    expect(codeOf(error)).toBe('FORBIDDEN');
  });

  it('restricted to some sessions, see only those: the others answer 404 like missing ones', async () => {
    const { g, cookie, admin } = await gateway();
    const a = await createLinked(g, cookie, admin, 'Alpha', '4915112340103');
    const b = await createLinked(g, cookie, admin, 'Beta', '4915112340104');
    const key = await newKey(admin, { accountIds: [a.id] });
    expect((await rest(g, key, 'GET', '/v1/sessions')).body).toMatchObject([{ id: a.id }]);
    const hidden = await rest(g, key, 'GET', `/v1/sessions/${b.id}`);
    const missing = await rest(g, key, 'GET', '/v1/sessions/ghost');
    expect(hidden).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', message: `Session ${b.id} not found` },
    });
    expect(missing).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'Session ghost not found' },
    });
    const send = (from: Record<string, string>) =>
      rest(g, key, 'POST', '/v1/messages', { ...from, to: '+14155550103', text: 'hi' });
    expect((await send({ sessionId: b.id })).status).toBe(404);
    expect(await send({ from: `+${b.phone}` })).toMatchObject({
      status: 404,
      body: { message: `No session you can send from has the number +${b.phone}` },
    });
    expect((await send({ from: `+${a.phone}` })).status).toBe(200);
    expect((await admin.messages.list.query({ sessionId: b.id })).items).toHaveLength(0);
    // A key restricted to some sessions is no admin: no server-wide webhooks.
    expect(
      await rest(g, key, 'POST', '/v1/webhooks', { sessionId: null, url: 'https://example.com/hook' }),
    ).toMatchObject({ status: 403 });
  });

  it('stop working at the next request once revoked, and their open streams end', async () => {
    const { g, admin } = await gateway();
    const key = await newKey(admin);
    const viaParams = await keySocket(g, key, 'params');
    const viaHeader = await keySocket(g, key, 'header');
    const [listed] = await admin.apiKeys.list.query();
    await admin.apiKeys.revoke.mutate({ id: listed!.id });
    expect((await rest(g, key, 'GET', '/v1/sessions')).status).toBe(401);
    await waitFor(() => viaParams.closed && viaHeader.closed, 'both sockets closed');
    expect([viaParams.closed, viaHeader.closed]).toEqual([4001, 4001]);
    expect((await admin.apiKeys.list.query())[0]).toMatchObject({ status: 'revoked' });
  });

  it('stop working once expired, and their open streams end then', async () => {
    const { g, admin } = await gateway();
    // Seconds ahead: on a busy machine the calls before the expiry must still come before it.
    const key = await newKey(admin, { expiresAt: Date.now() + 4000 });
    expect((await rest(g, key, 'GET', '/v1/sessions')).status).toBe(200);
    const socket = await keySocket(g, key, 'params');
    await waitFor(() => socket.closed, 'the socket closed at expiry');
    expect(socket.closed).toBe(4001);
    expect((await rest(g, key, 'GET', '/v1/sessions')).status).toBe(401);
    expect((await admin.apiKeys.list.query())[0]).toMatchObject({ status: 'expired' });
  });

  it('narrow at once when their owner is demoted, and end when the owner is deleted', async () => {
    const { g, admin } = await gateway();
    const olga = await operator(g, admin);
    const olgas = await olga.client.sessions.create.mutate({ name: 'Olga desk', start: false });
    const ada = await operator(g, admin, 'ada@example.com', 'admin');
    const key = await newKey(ada.client);
    expect((await rest(g, key, 'GET', `/v1/sessions/${olgas.id}`)).status).toBe(200);
    await admin.users.update.mutate({ id: ada.user.id, role: 'operator' });
    expect((await rest(g, key, 'GET', `/v1/sessions/${olgas.id}`)).status).toBe(404);
    expect((await rest(g, key, 'GET', '/v1/sessions')).body).toEqual([]);
    await admin.users.delete.mutate({ id: ada.user.id });
    expect((await rest(g, key, 'GET', '/v1/sessions')).status).toBe(401);
  });

  it('that do not work get byte-identical 401s, whether unknown, revoked, expired or malformed', async () => {
    const { g, admin } = await gateway();
    const revoked = await newKey(admin, { name: 'revoked' });
    const expired = await newKey(admin, { name: 'expired', expiresAt: Date.now() + 2000 });
    const keys = await admin.apiKeys.list.query();
    await admin.apiKeys.revoke.mutate({ id: keys.find((k) => k.name === 'revoked')!.id });
    await waitFor(async () => (await rest(g, expired, 'GET', '/v1/engines')).status === 401, 'expiry');
    const unknown = `sbk_${'x'.repeat(43)}`;
    for (const path of [
      '/api/v1/sessions',
      '/trpc/sessions.list',
      '/api/sandbox/phones/14155550100/messages',
    ]) {
      const answers = await Promise.all(
        [revoked, expired, unknown, 'sbk_short', 'nonsense'].map(async (key) => {
          const res = await fetch(`${g.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
          return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
        }),
      );
      expect(answers[0]).toMatchObject({
        status: 401,
        body: expect.stringContaining('This API key is not valid'),
      });
      for (const answer of answers) expect(answer, path).toEqual(answers[0]);
    }
  });

  it('are never written to the database or the log', async () => {
    const log = recordingLogger();
    const { g, cookie, admin } = await gateway({}, { log });
    await createLinked(g, cookie, admin, 'Desk', '4915112340105');
    const key = await newKey(admin);
    await rest(g, key, 'POST', '/v1/messages', { sessionId: 'desk', to: '+14155550105', text: 'hi' });
    await rest(g, key, 'GET', '/v1/sessions/ghost');
    await rest(g, key, 'GET', '/v1/no-such-endpoint');
    await rest(g, `${key}x`, 'GET', '/v1/sessions');
    const client = track(connectWithKey(g, key));
    expect(await refused(client.users.list.query())).toBe('FORBIDDEN');
    const socket = await keySocket(g, key, 'params');
    expect(socket.closed).toBeNull();
    const secretPart = key.slice(12);
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    for (const file of files(g.dataDir))
      expect(readFileSync(file).toString('latin1'), file).not.toContain(secretPart);
    expect(log.lines.length).toBeGreaterThan(0);
    for (const line of log.lines) expect(line).not.toContain(secretPart);
  });

  it('cannot manage users or keys: only a signed-in person can', async () => {
    const { g, admin } = await gateway();
    const client = track(connectWithKey(g, await newKey(admin)));
    expect(await refused(client.users.list.query())).toBe('FORBIDDEN');
    expect(await refused(client.apiKeys.list.query())).toBe('FORBIDDEN');
    expect(await refused(client.apiKeys.create.mutate({ name: 'wider', scopes: [...SCOPES] }))).toBe(
      'FORBIDDEN',
    );
    expect(await admin.apiKeys.list.query()).toHaveLength(1);
  });

  it('are held to their request rate (429 with Retry-After), each key on its own', async () => {
    const { g, admin } = await gateway({ API_KEY_REQUESTS_PER_MINUTE: '3' });
    const busy = await newKey(admin, { name: 'busy' });
    for (let i = 0; i < 3; i++) expect((await rest(g, busy, 'GET', '/v1/engines')).status).toBe(200);
    const limited = await rest(g, busy, 'GET', '/v1/engines');
    expect(limited).toMatchObject({
      status: 429,
      body: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const viaTrpc = await fetch(`${g.url}/trpc/sessions.list`, { headers: { 'x-api-key': busy } });
    expect(viaTrpc.status).toBe(429);
    expect(Number(viaTrpc.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await rest(g, await newKey(admin, { name: 'calm' }), 'GET', '/v1/engines')).status).toBe(200);
    // The dashboard's sign-in has no such limit.
    for (let i = 0; i < 5; i++) await admin.sessions.list.query();
  });

  it('hold at most MAX_SOCKETS_PER_LOGIN WebSockets each', async () => {
    const { g, admin } = await gateway({ MAX_SOCKETS_PER_LOGIN: '1' });
    const key = await newKey(admin);
    await keySocket(g, key, 'params');
    const second = new WS(`${g.url.replace('http', 'ws')}/trpc?connectionParams=1`);
    cleanups.push(() => second.terminate());
    const answer = await new Promise<string>((resolve) => {
      second.once('open', () =>
        second.send(JSON.stringify({ method: 'connectionParams', data: { apiKey: key } })),
      );
      second.on('message', (data) => resolve(data.toString()));
    });
    expect(JSON.parse(answer)).toMatchObject({ error: { data: { code: 'TOO_MANY_REQUESTS' } } });
    expect(await upgradeStatus(g, { 'x-api-key': key })).toBe(429);
  });

  it('show when they were last used', async () => {
    const { g, admin } = await gateway();
    const key = await newKey(admin);
    expect((await admin.apiKeys.list.query())[0]?.lastUsedAt).toBeNull();
    const before = Date.now();
    await rest(g, key, 'GET', '/v1/sessions');
    expect((await admin.apiKeys.list.query())[0]?.lastUsedAt).toBeGreaterThanOrEqual(before);
  });
});
