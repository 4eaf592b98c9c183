import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  recordingLogger,
  setupAdmin,
  startTestGateway,
  type TestGateway,
  writeDashboard,
} from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(overrides: Record<string, string> = {}) {
  const log = recordingLogger();
  const g = await startTestGateway(overrides, undefined, { log });
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { g, cookie, client, log };
}

/** A raw request line, exactly as written (fetch would normalise some of these paths). */
function rawGet(g: TestGateway, path: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${g.url}/`, { path, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('malformed request paths', () => {
  it('answers broken percent-encoding and unparsable targets with 400, logging no error', async () => {
    const { g, cookie, log } = await gateway();
    writeDashboard(g);
    const paths = [
      '/%E0%A4%A',
      '/assets/%ff.js',
      '/api/sandbox/phones/%E0%A4%A/messages',
      '/trpc/sessions.byId%E0%A4%A',
      'http://[/',
    ];
    for (const path of paths) {
      const res = await rawGet(g, path, cookie);
      expect(res.status, path).toBe(400);
      expect(res.body, path).not.toMatch(/URIError|stack|at /);
    }
    expect(log.lines.filter((l) => l.includes(' ERROR '))).toEqual([]);
    // Well-formed requests still work.
    expect((await rawGet(g, '/sessions/desk')).status).toBe(200);
    expect((await rawGet(g, '/api/sandbox/phones/%2B14155550101/messages', cookie)).status).toBe(200);
  });
});
