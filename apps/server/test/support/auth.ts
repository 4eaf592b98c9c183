import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, expect } from 'vitest';
import {
  type Client,
  connect,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  upgradeStatus,
} from './harness.ts';

// What the sign-in and user tests share: a gateway per test cleaned up after it, an admin and an operator,
// how a call was refused, plain HTTP calls. `afterEach` here runs after each test of the file importing it.

export const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Newest first (subscriptions, clients, then gateways); one failing cleanup must not skip the others.
  const failures: unknown[] = [];
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
});

export async function fresh(overrides: Record<string, string> = {}, dataDir?: string): Promise<TestGateway> {
  const g = await startTestGateway(overrides, dataDir);
  cleanups.push(() => g.dispose());
  return g;
}

/** A gateway whose first admin went through the setup form; `admin` is their signed-in client. */
export async function withAdmin(overrides: Record<string, string> = {}) {
  const g = await fresh(overrides);
  const cookie = await setupAdmin(g);
  return { g, cookie, admin: track(connect(g, cookie)) };
}

export function track(client: Client): Client {
  cleanups.push(() => client.close());
  return client;
}

export const OPERATOR = { email: 'olga@example.com', name: 'Olga Operator', password: 'operator-password-1' };

export async function addOperator(g: TestGateway, admin: Client) {
  const user = await admin.users.create.mutate(OPERATOR);
  const cookie = await signIn(g, OPERATOR.email, OPERATOR.password);
  return { user, cookie, client: track(connect(g, cookie)) };
}

interface Refusal {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
  retryAfterSeconds: number | null | undefined;
}

/** The error a call was refused with; fails the test if the call succeeded. */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return {
      code: e.data?.code,
      httpStatus: e.data?.httpStatus,
      message: e.message,
      retryAfterSeconds: e.data?.retryAfterSeconds,
    };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

export const refusedWith = (code: string, message: string) =>
  expect.objectContaining({ code, message: expect.stringContaining(message) });

/**
 * A mutation over plain HTTP, to see the raw status and Set-Cookie headers a browser would get. Without
 * input it is sent the way the dashboard's batching client sends it.
 */
export async function post(g: TestGateway, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${g.url}/trpc/${path}${body === undefined ? '?batch=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? '{}' : JSON.stringify(body),
  });
  return { status: res.status, setCookie: res.headers.getSetCookie(), body: (await res.json()) as unknown };
}

export const login = (g: TestGateway, email: string, password: string) =>
  refusal(connect(g).auth.login.mutate({ email, password }));

/** Whether the WebSocket upgrade with this cookie is accepted ('open') or refused (its HTTP status). */
export const upgrade = (g: TestGateway, cookie: string) => upgradeStatus(g, { cookie });

export const WRONG = 'Wrong email or password';
export const SIGN_IN_FIRST = {
  code: 'UNAUTHORIZED',
  httpStatus: 401,
  message: 'Sign in first: this needs a logged-in user',
  retryAfterSeconds: null,
};
