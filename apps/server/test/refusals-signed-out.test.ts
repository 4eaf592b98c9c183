import { appRouter } from '@switchboard/api';
import { describe, expect, it } from 'vitest';
import { connect, createLinked, sandbox, waitForStatus } from './support/harness.ts';
import { gateway, operator, refusal, refusedWith, track, upgrade, world } from './support/refusals.ts';

// ── Limits ─────────────────────────────────────────────────────────────────────────────────────────────

describe('session limits', () => {
  it('refuses a session over MAX_SESSIONS for everyone, naming the setting', async () => {
    const { g, admin } = await gateway({ MAX_SESSIONS: '2' });
    await admin.sessions.create.mutate({ id: 'one', name: 'One', start: false });
    const op = await operator(g, admin);
    await op.client.sessions.create.mutate({ id: 'two', name: 'Two', start: false });
    const before = await world(g, admin);
    expect(await refusal(admin.sessions.create.mutate({ id: 'three', name: 'Three' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS=2'),
    );
    expect(await refusal(op.client.sessions.create.mutate({ id: 'four', name: 'Four' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS=2'),
    );
    expect(await world(g, admin)).toEqual(before);
    // Deleting one makes room again.
    await admin.sessions.delete.mutate({ id: 'one' });
    expect((await admin.sessions.create.mutate({ id: 'three', name: 'Three', start: false })).id).toBe(
      'three',
    );
  });

  it('holds MAX_SESSIONS under concurrent creates', async () => {
    const { admin } = await gateway({ MAX_SESSIONS: '2' });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => admin.sessions.create.mutate({ id: `race-${i}`, name: `Race ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(await admin.sessions.list.query()).toHaveLength(2);
  });

  it("refuses an operator's second session over MAX_SESSIONS_PER_USER while the admin can still create", async () => {
    const { g, admin } = await gateway({ MAX_SESSIONS_PER_USER: '1' });
    const op = await operator(g, admin);
    await op.client.sessions.create.mutate({ id: 'olga-1', name: 'Olga 1', start: false });
    const before = await world(g, admin);
    expect(await refusal(op.client.sessions.create.mutate({ id: 'olga-2', name: 'Olga 2' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'MAX_SESSIONS_PER_USER=1'),
    );
    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.create.mutate({ id: 'admin-1', name: 'Admin 1', start: false })).id).toBe(
      'admin-1',
    );
    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual(['olga-1']);
  });
});

// ── Without signing in ─────────────────────────────────────────────────────────────────────────────────

const PUBLIC_PROCEDURES = ['auth.me', 'auth.setup', 'auth.login', 'auth.logout'];

describe('without signing in', () => {
  it('answers 401 UNAUTHORIZED from every procedure but auth.me/setup/login/logout, over plain HTTP', async () => {
    const { g } = await gateway();
    // At runtime the router keeps a flat map of every procedure by its dotted path; its static type is nested.
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    expect(procedures.length).toBeGreaterThan(20);
    for (const [path, procedure] of procedures) {
      if (PUBLIC_PROCEDURES.includes(path)) continue;
      const type = procedure._def.type;
      const res = await fetch(`${g.url}/trpc/${path}`, {
        method: type === 'mutation' ? 'POST' : 'GET',
        ...(type === 'mutation' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
        signal: AbortSignal.timeout(5000),
      });
      const text = await res.text();
      if (type === 'subscription') {
        // Subscriptions over HTTP are server-sent events: the stream carries the refusal and nothing else.
        expect(text, path).toContain('"code":"UNAUTHORIZED"');
        expect(text, path).not.toMatch(/^data: \{"id"/m);
      } else {
        expect(res.status, path).toBe(401);
        expect(JSON.parse(text).error, path).toMatchObject({
          message: 'Sign in first: this needs a logged-in user',
          data: { code: 'UNAUTHORIZED' },
        });
      }
    }
  });

  it('refuses the real client without a cookie and changes nothing', async () => {
    const { g, admin } = await gateway();
    await admin.sessions.create.mutate({ id: 'desk', name: 'Desk', start: false });
    const before = await world(g, admin);
    const anonymous = track(connect(g));
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['users.list', () => anonymous.users.list.query()],
      [
        'users.create',
        () => anonymous.users.create.mutate({ email: 'x@example.com', name: 'X', password: 'long-enough' }),
      ],
      ['sessions.list', () => anonymous.sessions.list.query()],
      ['sessions.byId', () => anonymous.sessions.byId.query({ id: 'desk' })],
      ['sessions.create', () => anonymous.sessions.create.mutate({ name: 'Intruder' })],
      ['sessions.start', () => anonymous.sessions.start.mutate({ id: 'desk' })],
      ['sessions.delete', () => anonymous.sessions.delete.mutate({ id: 'desk' })],
      [
        'messages.send',
        () => anonymous.messages.send.mutate({ sessionId: 'desk', to: '+14155550101', text: 'x' }),
      ],
      ['messages.list', () => anonymous.messages.list.query({ sessionId: 'desk' })],
    ];
    for (const [what, call] of calls) {
      expect(await refusal(call()), what).toEqual({
        code: 'UNAUTHORIZED',
        httpStatus: 401,
        message: 'Sign in first: this needs a logged-in user',
      });
    }
    expect(await anonymous.auth.me.query()).toEqual({ user: null, needsSetup: false });
    expect(await world(g, admin)).toEqual(before);
  });

  it('refuses the WebSocket upgrade without a valid login cookie (401)', async () => {
    const { g, cookie } = await gateway();
    expect(await upgrade(g, {})).toBe(401);
    expect(await upgrade(g, { cookie: 'sb_session=bogus' })).toBe(401);
    // Shaped like a real token, but never issued.
    expect(await upgrade(g, { cookie: `sb_session=${'A'.repeat(43)}` })).toBe(401);
    expect(await upgrade(g, { cookie })).toBe('open');
  });

  it('refuses a WebSocket from a foreign origin even with a valid cookie (403)', async () => {
    const { g, cookie } = await gateway();
    expect(await upgrade(g, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(g, { cookie, origin: `http://127.0.0.1:${g.port + 1}` })).toBe(403);
    expect(await upgrade(g, { cookie, origin: g.url })).toBe('open');
  });

  it('refuses a WebSocket with an opaque "Origin: null" (sandboxed iframes, file: pages) with 403', async () => {
    const { g, cookie } = await gateway();
    // Without a cookie first: whatever the origin, an anonymous handshake must get an answer.
    expect.soft(await upgrade(g, { origin: 'null' }), 'anonymous').toBeOneOf([401, 403]);
    expect.soft(await upgrade(g, { cookie, origin: 'null' }), 'signed in').toBe(403);
    expect(await upgrade(g, { cookie })).toBe('open');
  });

  it('refuses the sandbox control API with 401 and changes nothing', async () => {
    const { g, cookie, admin } = await gateway();
    const linked = await createLinked(g, cookie, admin, 'Linked', '4915112340020');
    const showing = await admin.sessions.create.mutate({ id: 'showing', name: 'Showing' });
    const shown = await waitForStatus(admin, showing.id, 'qr');
    const before = await world(g, admin);
    const requests: Array<['GET' | 'POST', string, unknown]> = [
      ['POST', '/scan', { qr: shown.qr!.qr, phone: '+4915112340021' }],
      ['POST', '/pair', { code: 'ABCD1234', phone: '+4915112340021' }],
      ['POST', '/inbound', { from: '+14155550150', to: `+${linked.phone}`, text: 'anonymous' }],
      ['GET', '/phones/14155550150/messages', undefined],
      ['POST', `/sessions/${linked.id}/drop`, {}],
      ['POST', `/sessions/${linked.id}/unlink`, {}],
      ['POST', `/sessions/${linked.id}/limit`, { forMs: 60_000 }],
      ['POST', `/sessions/${linked.id}/fail-next-send`, {}],
    ];
    for (const [method, path, body] of requests) {
      expect(await sandbox(g, undefined, method, path, body), path).toEqual({
        status: 401,
        body: { code: 'UNAUTHORIZED', message: expect.stringContaining('Sign in first') },
      });
    }
    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: showing.id })).status).toBe('qr');
  });

  it('answers GET /health with exactly { "status": "ok" }', async () => {
    const { g } = await gateway();
    const res = await fetch(`${g.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toStrictEqual({ status: 'ok' });
  });
});

describe('with the sandbox disabled', () => {
  it('answers the control API with 404 saying so, and refuses sandbox sessions naming the missing engine', async () => {
    const { g, cookie, admin } = await gateway({ SANDBOX_ENABLED: 'false' });
    expect(await sandbox(g, cookie, 'POST', '/scan', { qr: 'x', phone: '+4915112340030' })).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: expect.stringContaining('SANDBOX_ENABLED=false') },
    });
    expect(await refusal(admin.sessions.create.mutate({ name: 'Play', engine: 'sandbox' }))).toEqual(
      refusedWith('BAD_REQUEST', 'Engine "sandbox" is not enabled on this server'),
    );
    expect(await admin.sessions.list.query()).toEqual([]);
  });
});
