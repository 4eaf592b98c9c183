import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLoad } from '../bench/support/paced-load.ts';
import { RawConnection, serializeRequest } from '../bench/support/raw-http.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A real HTTP server on an ephemeral loopback port, answering once it has read a request's body; its port. */
function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<number> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)),
  );
}

const ask = (c: RawConnection, request: string) =>
  new Promise<number | undefined>((resolve) => c.send(request, resolve));

describe('the load generator’s raw HTTP connection', () => {
  it('reads answers with a length, chunked answers and empty ones, one after another on one connection', async () => {
    const bodies: string[] = [];
    const port = await serve((req, res, body) => {
      bodies.push(`${req.method} ${req.url} ${req.headers['x-n']} ${body}`);
      if (req.url === '/chunked') {
        res.write('a'.repeat(70_000));
        setTimeout(() => res.end('tail'), 5);
      } else if (req.url === '/empty') {
        res.statusCode = 204;
        res.end();
      } else {
        res.statusCode = 201;
        res.end(JSON.stringify({ ok: true }));
      }
    });
    const c = await RawConnection.open(port, '127.0.0.1');
    const request = (path: string, n: number) =>
      serializeRequest('POST', path, `127.0.0.1:${port}`, { 'x-n': String(n) }, `{"n":${n},"é":1}`);
    expect(await ask(c, request('/chunked', 1))).toBe(200);
    expect(await ask(c, request('/plain', 2))).toBe(201);
    expect(await ask(c, request('/empty', 3))).toBe(204);
    expect(await ask(c, request('/chunked', 4))).toBe(200);
    expect(c.usable).toBe(true);
    expect(bodies).toEqual([
      'POST /chunked 1 {"n":1,"é":1}',
      'POST /plain 2 {"n":2,"é":1}',
      'POST /empty 3 {"n":3,"é":1}',
      'POST /chunked 4 {"n":4,"é":1}',
    ]);
    c.destroy();
  });

  it('is not used again after an answer that closes the connection, and reports a lost connection', async () => {
    const port = await serve((req, res) => {
      if (req.url === '/drop') return req.socket.destroy();
      res.setHeader('connection', 'close');
      res.end('bye');
    });
    const c = await RawConnection.open(port, '127.0.0.1');
    expect(await ask(c, serializeRequest('GET', '/', 'x', {}, undefined))).toBe(200);
    expect(c.usable).toBe(false);
    const d = await RawConnection.open(port, '127.0.0.1');
    expect(await ask(d, serializeRequest('GET', '/drop', 'x', {}, undefined))).toBeUndefined();
    expect(d.usable).toBe(false);
  });
});

describe('paced load', () => {
  it('sends every request once, with its own counter, and counts answers by status', async () => {
    const seen: number[] = [];
    const port = await serve((_req, res, body) => {
      const n = (JSON.parse(body) as { n: number }).n;
      seen.push(n);
      // Every tenth answer refused; every seventh closes its connection, which the pool replaces.
      if (n % 7 === 0) res.setHeader('connection', 'close');
      res.statusCode = n % 10 === 0 ? 503 : 200;
      res.end();
    });
    const result = await pacedLoad({
      url: `http://127.0.0.1:${port}/send`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      bodyTemplate: { text: '{"n":{n}}', start: 1000 },
      connections: 4,
      rate: 500,
      amount: 200,
    });
    // The 200 counted requests (1000–1199) plus one uncounted warm-up request per connection (after them).
    const counted = seen.filter((n) => n < 1200).sort((a, b) => a - b);
    expect(counted).toEqual(Array.from({ length: 200 }, (_, i) => 1000 + i));
    expect(seen.filter((n) => n >= 1200)).toHaveLength(4);
    expect(result.ok).toBe(180);
    expect(result.failed).toBe(20);
    expect(result.problems).toBe('20 × 503');
    expect(result.p99).toBeGreaterThan(0);
  });
});
