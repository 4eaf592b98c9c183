import { afterEach, beforeEach, expect, it } from 'vitest';
import WS from 'ws';
import { appRouter } from '@switchboard/api';
import { connect, setupAdmin, signIn, startTestGateway, type TestGateway, type Client } from './support/harness.ts';

let g: TestGateway; let cookie: string; let client: Client;
beforeEach(async () => { g = await startTestGateway(); cookie = await setupAdmin(g); client = connect(g, cookie); });
afterEach(async () => { await client.close(); await g.dispose(); });

it('probe', async () => {
  const procs = (appRouter as any)._def.procedures;
  for (const [k, v] of Object.entries(procs)) console.log(k, (v as any)._def.type);
  const op = await client.users.create.mutate({ email: 'op@example.com', name: 'Op', password: 'operator-pw-1' });
  const opCookie = await signIn(g, 'op@example.com', 'operator-pw-1');
  const opClient = connect(g, opCookie);
  const s = await client.sessions.create.mutate({ name: 'Admin desk', start: false });
  const err = await new Promise((resolve) => {
    opClient.sessions.onEvent.subscribe({ id: s.id }, { onData: (d) => resolve({ data: d }), onError: (e) => resolve({ code: (e as any).data?.code, msg: e.message }) });
  });
  console.log('sub err', err);
  const err2 = await new Promise((resolve) => {
    opClient.messages.onUpdate.subscribe({ sessionId: s.id }, { onData: (d) => resolve({ data: d }), onError: (e) => resolve({ code: (e as any).data?.code, msg: e.message }) });
  });
  console.log('sub err2', err2);
  for (const path of ['sessions.onEvent', 'sessions.list']) {
    const r = await fetch(`${g.url}/trpc/${path}`);
    console.log(path, r.status, r.headers.get('content-type'), (await r.text()).slice(0, 300));
  }
  const big = 'x'.repeat(1_100_000);
  const r = await fetch(`${g.url}/trpc/messages.send`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: s.id, to: '+4915112345678', text: big }) });
  console.log('big', r.status, (await r.text()).slice(0, 300));
  const ws = new WS(`${g.url.replace('http', 'ws')}/trpc`, { headers: { cookie, origin: 'null' } });
  const out = await new Promise((resolve) => { ws.on('unexpected-response', (_q, res) => resolve(res.statusCode)); ws.on('open', () => resolve('open')); ws.on('error', (e) => resolve(String(e))); });
  console.log('origin null', out);
  const h = await fetch(`${g.url}/health`); console.log('health', h.status, await h.text());
  await opClient.close();
});
