import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { newDataDir, startTestGateway } from './support/harness.ts';

/** Files of this process (every thread's included) open inside `dir`: the database, its log, the sandbox's. */
const openFilesIn = (dir: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false; // closed meanwhile (the listing's own descriptor)
    }
  });

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const run of cleanup.splice(0)) run();
});

it('a gateway that cannot take its port closes its database and data folder again, and the folder can be served', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  cleanup.push(() => taken.close());
  const dir = newDataDir();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));

  await expect(startTestGateway({ PORT: String(port) }, dir)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  expect(openFilesIn(dir)).toEqual([]);

  const g = await startTestGateway({}, dir);
  expect((await fetch(`${g.url}/health`)).status).toBe(200);
  await g.close();
  expect(openFilesIn(dir)).toEqual([]);
});
