import { describe, expect, it } from 'vitest';
import { type Client, type TestGateway, useAdminGateway } from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

/** What an integrator with curl sees: procedures over plain HTTP, JSON in and out. */
describe('the API over plain HTTP', () => {
  it('answers queries by GET and input-less mutations posted with {}', async () => {
    const list = await fetch(`${g.url}/trpc/sessions.list`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ result: { data: [] } });

    const created = await fetch(`${g.url}/trpc/sessions.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Curl desk', start: false }),
    });
    expect(((await created.json()) as { result: { data: { id: string } } }).result.data.id).toBe('curl-desk');
    expect((await client.sessions.list.query()).map((s) => s.id)).toEqual(['curl-desk']);

    const stats = await fetch(`${g.url}/trpc/sessions.stats?input=${encodeURIComponent('{}')}`, {
      headers: { cookie },
    });
    expect(stats.status).toBe(200);

    const me = await fetch(`${g.url}/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const empty = await fetch(`${g.url}/trpc/auth.logout`, { method: 'POST', headers: { cookie } });
    // A bare POST is refused with a reason that says what to add.
    expect(empty.status).toBe(415);
    expect(JSON.stringify(await empty.json())).toContain('content-type');
    const logout = await fetch(`${g.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.getSetCookie().join()).toContain('Max-Age=0');
    const after = await fetch(`${g.url}/trpc/sessions.list`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses unknown fields on input-less procedures instead of ignoring them', async () => {
    const res = await fetch(`${g.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ everywhere: true }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/everywhere/);
  });
});
