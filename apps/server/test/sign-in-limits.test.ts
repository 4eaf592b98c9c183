import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, setupAdmin, startTestGateway, type TestGateway } from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(overrides: Record<string, string> = {}) {
  const g = await startTestGateway(overrides);
  cleanups.push(() => g.dispose());
  await setupAdmin(g);
  return g;
}

type Outcome = 'signed in' | 'wrong' | 'wait' | number;

/** One sign-in over HTTP, as from `forwardedFor` when given (what a proxy in front would say). */
async function login(g: TestGateway, password: string, forwardedFor?: string): Promise<Outcome> {
  const res = await fetch(`${g.url}/trpc/auth.login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ email: ADMIN.email, password }),
  });
  if (res.status === 200) return 'signed in';
  if (res.status === 401) return 'wrong';
  if (res.status === 429) return 'wait';
  return res.status;
}

const count = (outcomes: Outcome[], what: Outcome) => outcomes.filter((o) => o === what).length;
const guesses = (n: number) => Array.from({ length: n }, (_, i) => `guess-number-${i}`);

describe('sign-in limits cannot be raced', () => {
  it('checks only the free tries of a burst of simultaneous guesses from one address', async () => {
    const g = await gateway({ LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
    const outcomes = await Promise.all(guesses(30).map((p) => login(g, p)));
    // Five wrong passwords were checked; every other guess was turned away before its check.
    expect(count(outcomes, 'wrong')).toBe(5);
    expect(count(outcomes, 'wait')).toBe(25);
    expect(await login(g, ADMIN.password)).toBe('wait');
  });

  it('checks at most LOGIN_MAX_FAILURES_ACROSS_IPS guesses coming from ten addresses at once', async () => {
    const g = await gateway({ TRUST_PROXY: '1', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
    const attempts = guesses(150).map((p, i) => login(g, p, `203.0.113.${i % 10}`));
    const outcomes = await Promise.all(attempts);
    expect(count(outcomes, 'wrong')).toBe(20);
    expect(count(outcomes, 'wait')).toBe(130);
  });
});

describe('nobody can lock the account holder out', () => {
  it('does not hold up a sign-in from elsewhere because of one address’s wrong guesses', async () => {
    const g = await gateway({ TRUST_PROXY: '1' });
    for (const p of guesses(8)) expect(await login(g, p, '198.51.100.66')).toBeOneOf(['wrong', 'wait']);
    expect(await login(g, ADMIN.password, '198.51.100.66')).toBe('wait');
    expect(await login(g, ADMIN.password, '192.0.2.10')).toBe('signed in');
  });

  it('keeps letting in an address that signed in before while guesses from many addresses hold up new ones', async () => {
    const g = await gateway({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_ACROSS_IPS: '10' });
    expect(await login(g, ADMIN.password, '192.0.2.10')).toBe('signed in');
    for (const [i, p] of guesses(12).entries()) await login(g, p, `198.51.100.${i % 4}`);
    expect(await login(g, ADMIN.password, '192.0.2.99')).toBe('wait');
    expect(await login(g, ADMIN.password, '192.0.2.10')).toBe('signed in');
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  it('counts the address the proxy saw, not what the client wrote into X-Forwarded-For', async () => {
    const g = await gateway({ TRUST_PROXY: 'true', LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    // The client makes up a new first entry every time; the proxy appends the address it really saw.
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await login(g, `guess-${i}`, `10.0.${i}.1, 198.51.100.7`));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wait', 'wait']);
    // The address the client pretended to be is not held up by it.
    expect(await login(g, ADMIN.password, '10.0.0.1')).toBe('signed in');
  });

  it('takes the entry TRUST_PROXY hops from the right with two proxies in front', async () => {
    const g = await gateway({ TRUST_PROXY: '2', LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
    // client-written, client as seen by the outer proxy, outer proxy as seen by the inner one.
    expect(await login(g, 'guess-1', '1.1.1.1, 198.51.100.7, 10.0.0.2')).toBe('wrong');
    expect(await login(g, 'guess-2', '2.2.2.2, 198.51.100.7, 10.0.0.2')).toBe('wrong');
    expect(await login(g, ADMIN.password, '3.3.3.3, 198.51.100.7, 10.0.0.2')).toBe('wait');
    expect(await login(g, ADMIN.password, '198.51.100.8, 10.0.0.2')).toBe('signed in');
  });
});
