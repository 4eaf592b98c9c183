import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  createLinked,
  newDataDir,
  sandbox,
  setupAdmin,
  signIn,
  waitFor,
  waitForStatus,
} from './support/harness.ts';
import { exited, type ServerProcess, startServerProcess } from './support/server-process.ts';

const processes: ChildProcess[] = [];
const dirs: string[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const p of processes.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const number = (i: number) => `1415556${String(1000 + i).padStart(4, '0')}`;
const AUDIENCE = 60;
const KILLS = 3;

async function run(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir);
  processes.push(server.child);
  return server;
}

describe('a campaign survives the server being killed', () => {
  it(`SIGKILLed ${KILLS} times mid-campaign: nobody gets a message twice, unknown holds at most what was in flight, the rest complete`, async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    let server = await run(dataDir);
    let cookie = await setupAdmin(server.gateway);
    let client = connect(server.gateway, cookie);
    clients.push(client);
    const sales = await createLinked(server.gateway, cookie, client, 'Sales', '4915100000200');
    const draft = await client.campaigns.create.mutate({
      name: 'Crash test',
      sessionId: sales.id,
      variants: ['Hi {{name}}, your number is {{n}}.'],
      pacing: {
        minGapSeconds: 0.05,
        maxGapSeconds: 0.15,
        batchSize: 0,
        window: null,
        warmup: false,
        dailyCap: 1000,
        newContactsPerDay: 1000,
      },
    });
    const csv = [
      'phone,name,n',
      ...Array.from({ length: AUDIENCE }, (_, i) => `+${number(i)},P${i},${i}`),
    ].join('\n');
    await client.campaigns.addAudience.mutate({
      id: draft.id,
      source: { type: 'csv', csv, phoneColumn: 'phone' },
    });
    await client.campaigns.start.mutate({ id: draft.id });

    const claimed = async () => {
      const { counts } = await client.campaigns.byId.query({ id: draft.id });
      return counts.total - counts.pending;
    };
    for (let kill = 1; kill <= KILLS; kill++) {
      // Let it get a little further each time, then kill it in the middle of its work.
      const target = Math.round((AUDIENCE * kill) / (KILLS + 1));
      await waitFor(async () => (await claimed()) >= target, `${target} recipients claimed`, 60_000);
      server.child.kill('SIGKILL');
      await exited(server.child);
      await client.close();

      server = await run(dataDir);
      cookie = await signIn(server.gateway, ADMIN.email, ADMIN.password);
      client = connect(server.gateway, cookie);
      clients.push(client);
      await waitForStatus(client, sales.id, 'connected', 20_000);
    }

    const done = await waitFor(
      async () => {
        const c = await client.campaigns.byId.query({ id: draft.id });
        return c.status === 'completed' ? c : undefined;
      },
      'the campaign to complete after the last restart',
      60_000,
    );
    expect(done.counts.unknown).toBeLessThanOrEqual(KILLS);
    expect(done.counts.pending + done.counts.sending + done.counts.failed).toBe(0);
    expect(done.counts.sent + done.counts.delivered + done.counts.read + done.counts.unknown).toBe(AUDIENCE);

    const unknown = new Set(
      (await client.campaigns.recipients.query({ id: draft.id, state: 'unknown', limit: 10 })).items.map(
        (r) => r.phone,
      ),
    );
    for (let i = 0; i < AUDIENCE; i++) {
      const { body } = await sandbox(server.gateway, cookie, 'GET', `/phones/${number(i)}/messages`);
      const texts = (body as Array<{ text: string }>).map((m) => m.text);
      // An unknown one may or may not have arrived; every other one arrived exactly once.
      if (unknown.has(number(i))) expect(texts.length, number(i)).toBeLessThanOrEqual(1);
      else expect(texts, number(i)).toEqual([`Hi P${i}, your number is ${i}.`]);
    }
  }, 240_000);
});
