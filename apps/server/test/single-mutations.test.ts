import { describe, expect, it } from 'vitest';
import {
  type Client,
  createLinked,
  setupAdmin,
  startTestGateway,
  type TestGateway,
  useAdminGateway,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

interface Answer {
  status: number;
  body: unknown;
  contentType: string | null;
  vary: string | null;
  retryAfter: string | null;
  setCookie: string[];
}

async function post(
  path: string,
  body: string,
  headers: Record<string, string>,
  url = g.url,
): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: JSON.parse(text) as unknown,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    retryAfter: res.headers.get('retry-after'),
    // The token differs per login, and Expires by a second when the two logins straddle one.
    setCookie: res.headers
      .getSetCookie()
      .map((c) => c.replace(/sb_session=[^;]*/, 'sb_session=…').replace(/Expires=[^;]*/i, 'Expires=…')),
  };
}

/**
 * A single mutation POSTed without a query string is answered by the server's lean path; the same request
 * with any query string (here `?via=adapter`) by tRPC's standard HTTP adapter. Both must answer alike.
 */
async function bothWays(procedure: string, body: string, headers: Record<string, string> = {}) {
  const lean = await post(`/trpc/${procedure}`, body, headers);
  const standard = await post(`/trpc/${procedure}?via=adapter`, body, headers);
  return { lean, standard };
}

describe('a single tRPC mutation over HTTP', () => {
  it('answers a send exactly as the standard adapter does, and stores it before answering', async () => {
    const account = await createLinked(g, cookie, client, 'Desk', '+14155550100');
    const body = JSON.stringify({ sessionId: account.id, to: '+14155552671', text: 'Hello' });
    const { lean, standard } = await bothWays('messages.send', body, { cookie });
    expect(lean.status).toBe(200);
    expect({ ...lean, body: null }).toEqual({ ...standard, body: null });
    const sent = (lean.body as { result: { data: { id: string } } }).result.data;
    const other = (standard.body as { result: { data: { id: string } } }).result.data;
    expect(Object.keys(sent).sort()).toEqual(Object.keys(other).sort());
    const stored = await client.messages.byId.query({ id: sent.id });
    expect(stored.id).toBe(sent.id);
  });

  it('answers each kind of refusal with the same status, headers and body', async () => {
    const account = await createLinked(g, cookie, client, 'Front', '+14155550101');
    const cases: [string, string, Record<string, string>][] = [
      // invalid input: the readable zod message
      ['messages.send', JSON.stringify({ sessionId: account.id, to: 'nobody', text: '' }), { cookie }],
      // nobody signed in: the reason the dashboard translates
      ['messages.send', JSON.stringify({ sessionId: account.id, to: '+14155552671', text: 'x' }), {}],
      // an account nobody has: NOT_FOUND from the service
      ['messages.send', JSON.stringify({ sessionId: 'no-such', to: '+14155552671', text: 'x' }), { cookie }],
      // a wrong password: refused by the service, with its own reason
      ['auth.login', JSON.stringify({ email: 'admin@example.com', password: 'wrong-password-1' }), {}],
    ];
    for (const [procedure, body, headers] of cases) {
      const { lean, standard } = await bothWays(procedure, body, headers);
      expect(lean.status).toBeGreaterThanOrEqual(400);
      expect(lean).toEqual(standard);
    }
  });

  it('leaves what is not one JSON mutation to the standard adapter: bad JSON, queries, unknown names', async () => {
    const broken = await bothWays('messages.send', '{"sessionId":', { cookie });
    expect(broken.lean.status).toBe(400);
    expect(broken.lean).toEqual(broken.standard);

    const query = await post('/trpc/sessions.list', '{}', { cookie });
    expect(query).toEqual(await post('/trpc/sessions.list?via=adapter', '{}', { cookie }));
    expect(query.status).toBe(405);

    const unknown = await bothWays('messages.nothing', '{}', { cookie });
    expect(unknown.lean.status).toBe(404);
    expect(unknown.lean).toEqual(unknown.standard);
  });

  it('sets the login cookie as before', async () => {
    const login = JSON.stringify({ email: 'admin@example.com', password: 'admin-password-1' });
    const { lean, standard } = await bothWays('auth.login', login);
    expect(lean.status).toBe(200);
    expect(lean.setCookie).toEqual(standard.setCookie);
    expect(lean.setCookie.join()).toContain('HttpOnly');
  });

  it('says when to try again, as a refusal for too many sign-ins did', async () => {
    const limited = await startTestGateway({ LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
    try {
      await setupAdmin(limited);
      const wrong = JSON.stringify({ email: 'admin@example.com', password: 'wrong-password-1' });
      for (let i = 0; i < 2; i++) await post('/trpc/auth.login', wrong, {}, limited.url);
      const lean = await post('/trpc/auth.login', wrong, {}, limited.url);
      const standard = await post('/trpc/auth.login?via=adapter', wrong, {}, limited.url);
      expect(lean.status).toBe(429);
      expect(Number(lean.retryAfter)).toBeGreaterThan(0);
      expect(lean).toEqual(standard);
    } finally {
      await limited.dispose();
    }
  });
});
