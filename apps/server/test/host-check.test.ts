import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WS from 'ws';
import { connect, setupAdmin, startTestGateway, type TestGateway } from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(overrides: Record<string, string> = {}) {
  const g = await startTestGateway(overrides);
  cleanups.push(() => g.dispose());
  return g;
}

/** A request to the gateway's socket with whatever Host and Origin a browser on another name would send. */
function send(
  g: TestGateway,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${g.url}${path}`,
      {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** A WebSocket handshake with these headers: 'open', or the status it was refused with. */
function upgrade(g: TestGateway, headers: Record<string, string>): Promise<number | 'open'> {
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

const FIRST_ADMIN = { email: 'mallory@example.com', name: 'Mallory', password: 'mallory-password-1' };

describe('DNS rebinding: only configured host names are served', () => {
  it('refuses a page on a foreign name that resolves here from claiming the first admin', async () => {
    const g = await gateway();
    const foreign = `rebind.attacker.example:${g.port}`;
    const claim = await send(
      g,
      '/trpc/auth.setup',
      { host: foreign, origin: `http://${foreign}` },
      FIRST_ADMIN,
    );
    expect(claim.status).toBe(421);
    expect(JSON.parse(claim.body)).toMatchObject({
      code: 'MISDIRECTED_REQUEST',
      message: expect.stringContaining('ALLOWED_HOSTS'),
    });
    expect((await send(g, '/trpc/auth.me', { host: foreign })).status).toBe(421);
    expect((await send(g, '/', { host: foreign })).status).toBe(421);
    // Nothing happened: the server still waits for its first admin.
    expect(await connect(g).auth.me.query()).toEqual({ user: null, needsSetup: true });
    // Monitors may ask for /health by any name.
    expect((await send(g, '/health', { host: foreign })).status).toBe(200);
  });

  it('serves loopback names on any port, and refuses a foreign Host on the WebSocket too', async () => {
    const g = await gateway();
    const cookie = await setupAdmin(g);
    for (const host of [`localhost:${g.port}`, `127.0.0.1:${g.port}`, `[::1]:${g.port}`, 'localhost:5173']) {
      expect((await send(g, '/trpc/auth.me', { host })).status, host).toBe(200);
    }
    expect(await upgrade(g, { cookie, host: `localhost:${g.port}` })).toBe('open');
    expect(await upgrade(g, { cookie, host: `rebind.attacker.example:${g.port}` })).toBe(421);
  });

  it('serves PUBLIC_URL’s host and ALLOWED_HOSTS, and checks the WebSocket Origin’s scheme too', async () => {
    const g = await gateway({
      PUBLIC_URL: 'https://wa.example.com',
      ALLOWED_HOSTS: 'switchboard.internal, 10.9.8.7:8443',
    });
    const cookie = await setupAdmin(g);
    for (const host of ['wa.example.com', 'switchboard.internal:3000', '10.9.8.7:8443']) {
      expect((await send(g, '/trpc/auth.me', { host })).status, host).toBe(200);
    }
    expect((await send(g, '/trpc/auth.me', { host: '10.9.8.7:3000' })).status).toBe(421);
    expect((await send(g, '/trpc/auth.me', { host: 'evil.example.com' })).status).toBe(421);

    // PUBLIC_URL says the site is https: a page served over plain http is not the site.
    expect(await upgrade(g, { cookie, host: 'wa.example.com', origin: 'https://wa.example.com' })).toBe(
      'open',
    );
    expect(await upgrade(g, { cookie, host: 'wa.example.com', origin: 'http://wa.example.com' })).toBe(403);
    expect(await upgrade(g, { cookie, origin: g.url.replace('http:', 'https:') })).toBe(403);
    expect(await upgrade(g, { cookie, origin: g.url })).toBe('open');
  });
});
