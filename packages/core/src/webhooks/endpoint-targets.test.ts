import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EndpointTargets } from './endpoint-targets.ts';
import { postTo } from './http-post.ts';

const rules = { blockPrivate: false, privateForOperators: false };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A loopback server answering 200 with `answer`; counts the connections it was opened. */
async function server(answer: string) {
  const connections = { count: 0 };
  const s: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(answer));
  });
  s.on('connection', () => connections.count++);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => s.close());
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`, connections };
}

function targets(r = rules) {
  const t = new EndpointTargets(r);
  cleanups.push(() => t.destroy());
  return t;
}

describe('EndpointTargets', () => {
  it('checks a URL once per rule and reuses it', () => {
    const t = targets();
    const url = 'http://127.0.0.1:9/hook';
    expect(t.for(url, true)).toBe(t.for(url, true));
    // An operator's endpoint is checked under the operator's rule, and refused where an admin's is not.
    expect(t.for(url, false)).toEqual({ refused: expect.stringContaining('only an admin can add') });
  });

  it('refuses what the policy refuses, without a target', () => {
    const t = targets({ blockPrivate: true, privateForOperators: false });
    expect(t.for('http://10.0.0.1/hook', true)).toEqual({
      refused: expect.stringContaining('WEBHOOK_BLOCK_PRIVATE=true'),
    });
    expect(t.for('ftp://example.com/hook', true)).toEqual({
      refused: expect.stringContaining('must use http or https'),
    });
  });

  it('keeps the connection for the next delivery, but never shares it across rules', async () => {
    const { url, connections } = await server('ok');
    const t = targets({ blockPrivate: false, privateForOperators: true });
    const post = async (admin: boolean) => {
      const target = t.for(url, admin);
      if ('refused' in target) throw new Error(target.refused);
      return postTo(target, '{}', {}, { timeoutMs: 5_000 });
    };
    const first = await post(true);
    expect(first).toMatchObject({ statusCode: 200, responseExcerpt: 'ok', privateTarget: true, error: null });
    await post(true);
    expect(connections.count).toBe(1);
    // The same origin for an operator's endpoint: a connection of its own, checked under its own rule.
    expect(await post(false)).toMatchObject({ statusCode: 200, privateTarget: true });
    expect(connections.count).toBe(2);
  });
});
