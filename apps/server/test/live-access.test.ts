import type { AppRouter } from '@switchboard/api';
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import WS from 'ws';
import {
  type Client,
  connect,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
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
  return { g, cookie, admin };
}

async function addUser(g: TestGateway, admin: Client, email: string, role: 'admin' | 'operator') {
  const user = await admin.users.create.mutate({ email, name: email, password: 'user-password-1', role });
  return { user, cookie: await signIn(g, email, 'user-password-1') };
}

/** A tRPC client that sends everything — queries and mutations too — over one WebSocket. */
function socketOnlyClient(g: TestGateway, cookie: string) {
  class CookieWebSocket extends WS {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  const ws = createWSClient({
    url: `${g.url.replace('http', 'ws')}/trpc`,
    WebSocket: CookieWebSocket as unknown as typeof WebSocket,
  });
  cleanups.push(() => ws.close());
  return createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
}

interface RawSocket {
  ws: WS;
  /** Every message the server sent, parsed. */
  messages: Array<{ id?: number; result?: { type: string }; error?: { data?: { code?: string } } }>;
  closed: { code: number } | null;
  subscribe(id: number, path: string, input?: unknown): void;
}

/** A raw WebSocket speaking tRPC's protocol, to do what a hostile client would. */
async function rawSocket(g: TestGateway, cookie: string): Promise<RawSocket> {
  const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers: { cookie } });
  const socket: RawSocket = {
    ws,
    messages: [],
    closed: null,
    subscribe: (id, path, input) =>
      ws.send(JSON.stringify({ id, method: 'subscription', params: { path, input } })),
  };
  ws.on('message', (data) => {
    const text = data.toString();
    if (text !== 'PING' && text !== 'PONG') socket.messages.push(JSON.parse(text));
  });
  ws.on('close', (code) => {
    socket.closed = { code };
  });
  cleanups.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return socket;
}

const started = (s: RawSocket) => s.messages.filter((m) => m.result?.type === 'started').length;
const refusedWith = (s: RawSocket, code: string) =>
  s.messages.filter((m) => m.error?.data?.code === code).length;

/** The status a WebSocket upgrade with this cookie is refused with, or 'open'. */
function upgrade(g: TestGateway, cookie: string): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers: { cookie } });
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode ?? 0);
    });
    ws.on('open', () => {
      cleanups.push(() => ws.terminate());
      resolve('open');
    });
    ws.on('error', reject);
  });
}

describe('an open WebSocket acts as the sign-in is now', () => {
  it('serves no queries or mutations: a deleted admin’s old socket cannot create an admin', async () => {
    const { g, admin } = await gateway();
    const second = await addUser(g, admin, 'second@example.com', 'admin');
    // Through the real client: even while the sign-in is good, the socket is for streams only.
    const refused = await socketOnlyClient(g, second.cookie)
      .users.list.query()
      .catch((e: TRPCClientError<AppRouter>) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('METHOD_NOT_SUPPORTED');
    expect((refused as TRPCClientError<AppRouter>).message).toContain('subscriptions only');

    const old = await rawSocket(g, second.cookie);
    const create = (id: number) =>
      old.ws.send(
        JSON.stringify({
          id,
          method: 'mutation',
          params: {
            path: 'users.create',
            input: {
              email: `sleeper${id}@example.com`,
              name: 'Sleeper',
              password: 'sleeper-pw-1',
              role: 'admin',
            },
          },
        }),
      );
    create(1);
    await waitFor(() => refusedWith(old, 'METHOD_NOT_SUPPORTED') === 1, 'the refusal');
    await admin.users.delete.mutate({ id: second.user.id });
    await waitFor(() => old.closed, 'the deleted admin’s socket to close');
    expect(old.closed).toEqual({ code: 4001 });
    expect((await admin.users.list.query()).map((u) => u.email)).toEqual(['admin@example.com']);
  });

  it('closes the sockets of a sign-in that ends, and with them its streams', async () => {
    const { g, admin } = await gateway();
    const op = await addUser(g, admin, 'olga@example.com', 'operator');
    const [byLogout, byReset, byDeletion] = await Promise.all([
      rawSocket(g, op.cookie),
      rawSocket(g, await signIn(g, 'olga@example.com', 'user-password-1')),
      rawSocket(g, await signIn(g, 'olga@example.com', 'user-password-1')),
    ]);
    const otherUser = await addUser(g, admin, 'otto@example.com', 'operator');
    const bystander = await rawSocket(g, otherUser.cookie);
    for (const s of [byLogout, byReset, byDeletion, bystander]) s.subscribe(1, 'sessions.onEvent');
    await waitFor(() => [byLogout, byReset, byDeletion, bystander].every((s) => started(s) === 1), 'streams');

    await fetch(`${g.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: op.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    await waitFor(() => byLogout.closed, 'the signed-out socket to close');
    expect(byLogout.closed).toEqual({ code: 4001 });
    expect(byReset.closed).toBeNull();

    await admin.users.update.mutate({ id: op.user.id, password: 'another-password-2' });
    await waitFor(() => byReset.closed && byDeletion.closed, 'every socket of the reset user to close');

    const gone = await addUser(g, admin, 'gone@example.com', 'operator');
    const doomed = await rawSocket(g, gone.cookie);
    await admin.users.delete.mutate({ id: gone.user.id });
    await waitFor(() => doomed.closed, 'the deleted user’s socket to close');
    expect(bystander.closed).toBeNull();
  });
});

describe('live streams are bounded', () => {
  it('refuses subscriptions past MAX_SUBSCRIPTIONS_PER_SOCKET on one socket, and frees a slot when one stops', async () => {
    const { g, cookie } = await gateway({ MAX_SUBSCRIPTIONS_PER_SOCKET: '5' });
    const s = await rawSocket(g, cookie);
    for (let id = 1; id <= 8; id++) s.subscribe(id, 'messages.onUpdate');
    await waitFor(() => started(s) + refusedWith(s, 'TOO_MANY_REQUESTS') === 8, 'an answer to every request');
    expect(started(s)).toBe(5);
    expect(refusedWith(s, 'TOO_MANY_REQUESTS')).toBe(3);

    s.ws.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
    await waitFor(() => s.messages.some((m) => m.id === 1 && m.result?.type === 'stopped'), 'the stop');
    s.subscribe(9, 'messages.onUpdate');
    await waitFor(() => started(s) === 6, 'a new stream in the freed slot');
  });

  it('refuses sockets past MAX_SOCKETS_PER_LOGIN for one sign-in, and takes one again after a close', async () => {
    const { g, cookie, admin } = await gateway({ MAX_SOCKETS_PER_LOGIN: '3' });
    const open = [await rawSocket(g, cookie), await rawSocket(g, cookie), await rawSocket(g, cookie)];
    expect(await upgrade(g, cookie)).toBe(429);
    // Another sign-in of the same user has its own allowance.
    const elsewhere = await signIn(g, 'admin@example.com', 'admin-password-1');
    expect(await upgrade(g, elsewhere)).toBe('open');

    open[0]!.ws.close();
    await waitFor(() => open[0]!.closed, 'the close');
    await waitFor(async () => (await upgrade(g, cookie)) === 'open', 'a socket in the freed place');
    void admin;
  });

  it('serves subscriptions over the WebSocket only', async () => {
    const { g, cookie } = await gateway();
    const res = await fetch(`${g.url}/trpc/sessions.onEvent`, {
      headers: { cookie },
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    expect(text).toContain('METHOD_NOT_SUPPORTED');
    expect(text).not.toMatch(/^data: \{"id"/m);
  });
});
