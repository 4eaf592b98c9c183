import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@switchboard/api';
import { createLogger, type Logger, silentLogger } from '@switchboard/core';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  type TRPCClient,
  wsLink,
} from '@trpc/client';
import { afterEach, beforeEach } from 'vitest';
import WS from 'ws';
import { loadEnv } from '../../src/env.ts';
import { type Gateway, startGateway } from '../../src/gateway.ts';

/**
 * Sandbox timings short enough for tests, long enough to observe every state; a QR code lives a second, so
 * reading and scanning it fits even on a busy machine.
 */
export const FAST_ENV: Record<string, string> = {
  SANDBOX_QR_ROTATE_MS: '1000',
  SANDBOX_QR_MAX_CODES: '5',
  SANDBOX_CONNECT_DELAY_MS: '20',
  SANDBOX_DELIVERED_DELAY_MS: '60',
  SANDBOX_READ_DELAY_MS: '120',
  RECONNECT_BASE_MS: '100',
  RECONNECT_MAX_MS: '400',
  SESSION_START_TIMEOUT_MS: '5000',
  // Tests send in quick loops; those about the risk model turn it back on.
  SANDBOX_RISK_MODEL: 'false',
};

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'switchboard-test-'));

export interface TestGateway extends Gateway {
  dataDir: string;
  /** Closes the gateway and removes its data folder. */
  dispose(): Promise<void>;
}

/** A real gateway on an ephemeral loopback port with its own data folder (and `log`, when a test reads it). */
export async function startTestGateway(
  overrides: Record<string, string> = {},
  dataDir = newDataDir(),
  options: { log?: Logger } = {},
): Promise<TestGateway> {
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...FAST_ENV,
    ...overrides,
  });
  const log = options.log ?? (process.env.TEST_LOG ? createLogger('debug') : silentLogger);
  const gateway = await startGateway(env, log, { webRoot: webRootOf(dataDir) });
  return {
    ...gateway,
    dataDir,
    async dispose() {
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const webRootOf = (dataDir: string) => join(dataDir, 'web-build');

/** A stand-in for the built dashboard (index.html and one asset), for tests of what serves it. */
export function writeDashboard(g: TestGateway): void {
  const root = webRootOf(g.dataDir);
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'app.js'), 'document.title = "Switchboard";');
}

/** A logger that keeps its lines, for tests that check what the server logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger('debug', (line) => lines.push(line)),
    { lines },
  );
}

export const ADMIN = { email: 'admin@example.com', name: 'Ada Admin', password: 'admin-password-1' };

/** Calls a procedure over plain HTTP and returns the login cookie it set. */
async function cookieFrom(url: string, path: string, body: unknown): Promise<string> {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  if (!cookie) throw new Error(`${path} set no login cookie`);
  return cookie.split(';')[0]!;
}

export const setupAdmin = (g: Gateway) => cookieFrom(g.url, 'auth.setup', ADMIN);
export const signIn = (g: Gateway, email: string, password: string) =>
  cookieFrom(g.url, 'auth.login', { email, password });

export type Client = TRPCClient<AppRouter> & { close(): Promise<void> };

/** The real tRPC client: queries and mutations over HTTP, subscriptions over the WebSocket, as a browser would. */
export function connect(g: Gateway, cookie?: string): Client {
  const headers = cookie ? { cookie } : {};
  class CookieWebSocket extends WS {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const ws = createWSClient({
    url: `${g.url.replace('http', 'ws')}/trpc`,
    WebSocket: CookieWebSocket as unknown as typeof WebSocket,
    lazy: { enabled: true, closeMs: 0 },
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: ws }),
        // Split like the dashboard's client: the server takes at most 10 calls per batch.
        false: httpBatchLink({ url: `${g.url}/trpc`, headers, maxItems: 10 }),
      }),
    ],
  });
  // The tRPC client is a proxy of procedure paths; wrap it so `close` is ours, not a procedure.
  return new Proxy(client, {
    get: (target, prop) => (prop === 'close' ? () => ws.close() : Reflect.get(target, prop)),
  }) as Client;
}

/**
 * The real tRPC client authenticated by an API key, as a backend would use it: the key in a header on
 * HTTP, and on the WebSocket in tRPC's connection params (or, with `socketHeader`, in the upgrade's header).
 */
export function connectWithKey(g: Gateway, key: string, options: { socketHeader?: boolean } = {}): Client {
  const headers = { 'x-api-key': key };
  class KeyWebSocket extends WS {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: options.socketHeader ? headers : {} });
    }
  }
  const ws = createWSClient({
    url: `${g.url.replace('http', 'ws')}/trpc`,
    WebSocket: KeyWebSocket as unknown as typeof WebSocket,
    lazy: { enabled: true, closeMs: 0 },
    ...(!options.socketHeader && { connectionParams: { apiKey: key } }),
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: ws }),
        false: httpBatchLink({ url: `${g.url}/trpc`, headers, maxItems: 10 }),
      }),
    ],
  });
  return new Proxy(client, {
    get: (target, prop) => (prop === 'close' ? () => ws.close() : Reflect.get(target, prop)),
  }) as Client;
}

/** A WebSocket handshake to /trpc with these headers: 'open', or the status it was refused with. */
export function upgradeStatus(g: Gateway, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode ?? 0);
    });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', reject);
  });
}

/** A REST call with an API key (or none); returns the status, the parsed body and the headers. */
export async function rest(
  g: Gateway,
  key: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${g.url}/api${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Sandbox control API call as the given user; returns status and parsed body. */
export async function sandbox(
  g: Gateway,
  cookie: string | undefined,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${g.url}/api/sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export type StreamedSessionEvent = Parameters<
  NonNullable<Parameters<Client['sessions']['onEvent']['subscribe']>[1]['onData']>
>[0]['data'];
export type SessionEvent = Exclude<StreamedSessionEvent, { type: 'snapshot' }>;

/** The session events one `sessions.onEvent` message carries: itself, or a batched snapshot's events. */
export const sessionEventsIn = (data: StreamedSessionEvent): SessionEvent[] =>
  data.type === 'snapshot' ? data.events : [data];

/** Collects `sessions.onEvent` messages (and the events they carry) until stopped. */
export function recordSessionEvents(
  c: Client,
  input: { id?: string; lastEventId?: string; batchSnapshot?: boolean } = {},
) {
  const messages: StreamedSessionEvent[] = [];
  const events: SessionEvent[] = [];
  const sub = c.sessions.onEvent.subscribe(input, {
    onData: ({ data }) => {
      messages.push(data);
      events.push(...sessionEventsIn(data));
    },
  });
  return { messages, events, stop: () => sub.unsubscribe() };
}

/** Waits until the session shows `status` (read through the API) and returns it. */
export function waitForStatus(client: Client, id: string, status: string, timeoutMs?: number) {
  return waitFor(
    async () => {
      const s = await client.sessions.byId.query({ id });
      return s.status === status ? s : undefined;
    },
    `session ${id} to be ${status}`,
    timeoutMs,
  );
}

/**
 * Creates (starting) a session and links it by scanning its QR with virtual phone `phone`. A code that rotated
 * away between reading and scanning (410, a busy machine) is read again, as a phone would.
 */
export async function createLinked(g: Gateway, cookie: string, client: Client, name: string, phone: string) {
  const created = await client.sessions.create.mutate({ name, engine: 'sandbox' });
  for (let attempt = 1; ; attempt++) {
    const shown = await waitForStatus(client, created.id, 'qr');
    const scan = await sandbox(g, cookie, 'POST', '/scan', { qr: shown.qr!.qr, phone });
    if (scan.status === 200) break;
    if (scan.status !== 410 || attempt === 3) throw new Error(`scan failed: ${JSON.stringify(scan)}`);
  }
  return waitForStatus(client, created.id, 'connected');
}

export interface AdminGateway {
  g: TestGateway;
  cookie: string;
  client: Client;
}

/**
 * Gives every test of the file a fresh gateway with the first admin signed in and a connected client,
 * handed to `use` before each test and torn down after it.
 */
export function useAdminGateway(
  use: (ctx: AdminGateway) => void,
  overrides: Record<string, string> = {},
): void {
  let current: AdminGateway | undefined;
  beforeEach(async () => {
    const g = await startTestGateway(overrides);
    const cookie = await setupAdmin(g);
    current = { g, cookie, client: connect(g, cookie) };
    use(current);
  });
  afterEach(async () => {
    await current?.client.close();
    await current?.g.dispose();
    current = undefined;
  });
}
