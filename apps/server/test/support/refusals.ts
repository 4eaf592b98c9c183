import { readdirSync, rmSync } from 'node:fs';
import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, expect } from 'vitest';
import WS from 'ws';
import { type Client, connect, setupAdmin, signIn, startTestGateway, type TestGateway } from './harness.ts';

// What the refusal tests share: a gateway per test cleaned up after it, an operator, how a call was refused,
// and everything a user could see change. `afterEach` here runs after each test of the file importing it.

export const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Newest first (subscriptions, clients, then gateways); one failing cleanup must not skip the others.
  const failures: unknown[] = [];
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
});

/**
 * A fresh gateway with a signed-in admin. QR codes rotate as usual but do not run out during a test, so a
 * session shown as `qr` stays `qr` while we compare before and after.
 */
export async function gateway(overrides: Record<string, string> = {}) {
  const g = await startTestGateway({ SANDBOX_QR_MAX_CODES: '100', ...overrides });
  cleanups.push(() => disposeWithin(g, 5000));
  const cookie = await setupAdmin(g);
  const admin = track(connect(g, cookie));
  return { g, cookie, admin };
}

/** A gateway whose graceful close hangs is a finding of its own; report it instead of stalling the suite. */
async function disposeWithin(g: TestGateway, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const outcome = await Promise.race([g.dispose().then(() => 'closed' as const), hung]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    rmSync(g.dataDir, { recursive: true, force: true });
    throw new Error(`The gateway did not close within ${ms} ms`);
  }
}

export function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

const OPERATOR_PASSWORD = 'operator-password-1';

/** An operator created by the admin through users.create, signed in through the login form. */
export async function operator(g: TestGateway, admin: Client, email = 'olga@example.com') {
  const user = await admin.users.create.mutate({ email, name: 'Olga Operator', password: OPERATOR_PASSWORD });
  const cookie = await signIn(g, email, OPERATOR_PASSWORD);
  return { user, cookie, client: track(connect(g, cookie)) };
}

interface Refusal {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
}

/** The error a call was refused with; fails the test if the call succeeded. */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

export const refusedWith = (code: string, message: string | RegExp) =>
  expect.objectContaining({
    code,
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  });

/** Everything a user could see change: sessions, their messages, users, and files in the data folder. */
export async function world(g: TestGateway, admin: Client) {
  const sessions = await admin.sessions.list.query();
  const messages: Record<string, string[]> = {};
  for (const s of sessions) {
    const page = await admin.messages.list.query({ sessionId: s.id, limit: 100 });
    messages[s.id] = page.items.map((m) => `${m.id} ${m.direction} ${m.peer} ${m.body}`);
  }
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      name: s.name,
      ownerId: s.ownerId,
      engine: s.engine,
      status: s.status,
      phone: s.phone,
      lastConnectedAt: s.lastConnectedAt,
    })),
    messages,
    users: (await admin.users.list.query()).map((u) => `${u.email} ${u.role} ${u.name}`),
    // The database files and the server's lock are always there; everything else is engine state a call created.
    files: readdirSync(g.dataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.startsWith('switchboard.'))
      .sort(),
  };
}

interface SubscriptionHandlers {
  onData: (value: unknown) => void;
  onError: (error: unknown) => void;
}

/** Resolves with the error a subscription ends with; fails if it yields data or stays silent. */
export function subscriptionRefusal(
  subscribe: (handlers: SubscriptionHandlers) => { unsubscribe(): void },
): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error('The subscription was neither refused nor yielded anything within 5 s'));
    }, 5000);
    const sub = subscribe({
      onData: (value) => {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(new Error(`Expected a refusal, but the subscription yielded ${JSON.stringify(value)}`));
      },
      onError: (error) => {
        clearTimeout(timer);
        const e = error as TRPCClientError<AppRouter>;
        resolve({ code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message });
      },
    });
  });
}

/** Opens a raw WebSocket to /trpc; answers the HTTP status of a refused upgrade, or 'open'. */
export function upgrade(
  g: TestGateway,
  headers: Record<string, string>,
): Promise<number | 'open' | 'no answer'> {
  return new Promise((resolve) => {
    const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers });
    const done = (result: number | 'open' | 'no answer') => {
      clearTimeout(timer);
      ws.terminate();
      resolve(result);
    };
    // A refusal is answered at once; a handshake nobody answers must not hang the test (or the server's close).
    const timer = setTimeout(() => done('no answer'), 1500);
    ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
    ws.on('open', () => done('open'));
    ws.on('error', () => {});
  });
}
