import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  createLinked,
  newDataDir,
  setupAdmin,
  signIn,
} from './support/harness.ts';
import { exited, PROCESS_TEST_TIMEOUT, startServerProcess } from './support/server-process.ts';

const processes: ChildProcess[] = [];
const dirs: string[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const p of processes.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SENDS = 40;

describe('sends answered together survive the server being killed', PROCESS_TEST_TIMEOUT, () => {
  it(`${SENDS} sends at once, the server SIGKILLed as soon as they are answered: every answered message is stored`, async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const server = await startServerProcess(dataDir);
    processes.push(server.child);
    const cookie = await setupAdmin(server.gateway);
    const client = connect(server.gateway, cookie);
    clients.push(client);
    const sales = await createLinked(server.gateway, cookie, client, 'Sales', '4915100000300');
    await client.close();

    // All at once, so they arrive in the same few ticks and are stored in shared commits.
    const answers = await Promise.all(
      Array.from({ length: SENDS }, (_, i) =>
        fetch(`${server.gateway.url}/trpc/messages.send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ sessionId: sales.id, to: `+1415555${String(1000 + i)}`, text: `No. ${i}` }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { result: { data: { id: string } } },
        })),
      ),
    );
    server.child.kill('SIGKILL');
    await exited(server.child);
    expect(answers.map((a) => a.status)).toEqual(Array(SENDS).fill(200));

    const again = await startServerProcess(dataDir);
    processes.push(again.child);
    const after = connect(again.gateway, await signIn(again.gateway, ADMIN.email, ADMIN.password));
    clients.push(after);
    for (const [i, { body }] of answers.entries()) {
      const message = await after.messages.byId.query({ id: body.result.data.id });
      // Sent before the kill, or marked as not sent by the restart — never missing.
      expect(message, `send ${i}`).toMatchObject({ body: `No. ${i}`, direction: 'out' });
      expect(['queued', 'sent', 'delivered', 'read', 'failed']).toContain(message.status);
    }
  });
});
