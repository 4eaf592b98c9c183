import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postTo, postWebhook, RESPONSE_EXCERPT_BYTES } from './http-post.ts';
import { KeepAliveConnections } from './keep-alive.ts';
import { targetPolicy } from './target-policy.ts';

const rules = { blockPrivate: false, privateForOperators: false };
const adminPolicy = targetPolicy(rules, true);
const operatorPolicy = targetPolicy(rules, false);

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A loopback server answering as `answer` says; counts the connections and requests it got. */
async function server(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen = { connections: 0, paths: [] as string[] };
  const s = createServer((req, res) => {
    seen.paths.push(req.url ?? '');
    req.resume();
    req.on('end', () => answer(req, res));
  });
  s.on('connection', () => seen.connections++);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => s.close());
  cleanups.push(() => s.closeAllConnections());
  return { port: (s.address() as AddressInfo).port, seen };
}

/** Connections for `url` under a rule, closed after the test. */
function target(url: string, admin = true) {
  const connections = new KeepAliveConnections();
  cleanups.push(() => connections.destroy());
  const parsed = new URL(url);
  return {
    connections: connections.for(parsed, admin, admin ? adminPolicy : operatorPolicy),
    path: parsed.pathname,
  };
}

describe('postTo', () => {
  it('keeps only the first KiB of a large answer, reads it to its end and keeps the connection', async () => {
    const { port, seen } = await server((_req, res) => res.end('x'.repeat(200_000)));
    const t = target(`http://127.0.0.1:${port}/hook`);
    const first = await postTo(t, '{}', {}, { timeoutMs: 5_000 });
    expect(first).toMatchObject({ statusCode: 200, privateTarget: true, error: null });
    expect(first.responseExcerpt).toBe('x'.repeat(RESPONSE_EXCERPT_BYTES));
    expect(await postTo(t, '{}', {}, { timeoutMs: 5_000 })).toMatchObject({ statusCode: 200 });
    expect(seen.connections).toBe(1);
  });

  it('gives up on an endpoint that does not answer in time, and reaches it afresh next time', async () => {
    let hang = true;
    const { port, seen } = await server((_req, res) => {
      if (!hang) res.end('late but fine');
    });
    const t = target(`http://127.0.0.1:${port}/hook`);
    expect(await postTo(t, '{}', {}, { timeoutMs: 200 })).toMatchObject({
      statusCode: null,
      responseExcerpt: null,
      privateTarget: false,
      error: 'No response within 200 ms',
    });
    hang = false;
    expect(await postTo(t, '{}', {}, { timeoutMs: 5_000 })).toMatchObject({
      statusCode: 200,
      responseExcerpt: 'late but fine',
    });
    // The connection left mid-request was closed, not reused.
    expect(seen.connections).toBe(2);
  });

  it('is cut short when the server shuts down', async () => {
    const { port, seen } = await server(() => undefined);
    const t = target(`http://127.0.0.1:${port}/hook`);
    const abort = new AbortController();
    const posted = postTo(t, '{}', {}, { timeoutMs: 60_000, signal: abort.signal });
    while (seen.paths.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    abort.abort();
    expect(await posted).toMatchObject({ statusCode: null, error: 'Aborted: the server is shutting down' });
  });

  it('does not follow redirects', async () => {
    const { port, seen } = await server((req, res) => {
      if (req.url === '/hook') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.end('followed');
    });
    const result = await postTo(target(`http://127.0.0.1:${port}/hook`), '{}', {}, { timeoutMs: 5_000 });
    expect(result).toMatchObject({ statusCode: 302, error: null });
    expect(seen.paths).toEqual(['/hook']);
  });

  it('checks the address a name resolves to as it connects: an operator’s endpoint never reaches loopback', async () => {
    const { port, seen } = await server((_req, res) => res.end('internal'));
    // Past the URL check (as a name that resolved elsewhere when it was checked): refused on connecting.
    const t = target(`http://localhost:${port}/hook`, false);
    const result = await postTo(t, '{}', {}, { timeoutMs: 5_000 });
    expect(result).toMatchObject({ statusCode: null, responseExcerpt: null, privateTarget: false });
    expect(result.error).toMatch(/localhost resolves to .*private or loopback/);
    expect(seen.connections).toBe(0);
    // An admin's may.
    expect(
      await postTo(target(`http://localhost:${port}/hook`), '{}', {}, { timeoutMs: 5_000 }),
    ).toMatchObject({
      statusCode: 200,
      responseExcerpt: 'internal',
      privateTarget: true,
    });
  });
});

describe('postWebhook', () => {
  it('posts once over a connection of its own and closes it', async () => {
    let closed = 0;
    const { port } = await server((req, res) => {
      req.socket.once('close', () => closed++);
      res.end(`${req.headers['content-type']} ${req.headers['webhook-id']}`);
    });
    const result = await postWebhook(
      `http://127.0.0.1:${port}/hook`,
      '{}',
      { 'webhook-id': 'msg_1' },
      {
        timeoutMs: 5_000,
        policy: adminPolicy,
      },
    );
    expect(result).toMatchObject({ statusCode: 200, responseExcerpt: 'application/json msg_1' });
    while (closed === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('refuses what the policy refuses, sending nothing', async () => {
    expect(
      await postWebhook('http://127.0.0.1:9/hook', '{}', {}, { timeoutMs: 5_000, policy: operatorPolicy }),
    ).toMatchObject({ statusCode: null, error: expect.stringContaining('only an admin can add') });
  });
});
