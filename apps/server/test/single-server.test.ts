import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, newDataDir, setupAdmin, startTestGateway, waitForStatus } from './support/harness.ts';
import { exited, PROCESS_TEST_TIMEOUT, spawnServer, startServerProcess } from './support/server-process.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir() {
  const dir = newDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('one server per data folder', PROCESS_TEST_TIMEOUT, () => {
  it('refuses to start a second server on a data folder in use, naming it; the first keeps running', async () => {
    const dir = dataDir();
    // QR codes that do not run out while the second server tries its luck.
    const first = await startServerProcess(dir, { SANDBOX_QR_MAX_CODES: '100' });
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const cookie = await setupAdmin(first.gateway);
    const admin = connect(first.gateway, cookie);
    cleanups.push(() => admin.close());
    await admin.sessions.create.mutate({ id: 'desk', name: 'Desk' });
    await waitForStatus(admin, 'desk', 'qr');

    const second = spawnServer(dir);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    expect(await exited(second.child)).toEqual({ code: 1, signal: null });
    expect(second.output()).toContain(`Another Switchboard server is already using the data folder ${dir}`);
    expect(second.output()).not.toContain('listening on');

    // The first one did not notice anything: its session still shows its QR code, under its control.
    expect((await admin.sessions.byId.query({ id: 'desk' })).status).toBe('qr');
    expect((await fetch(`${first.gateway.url}/health`)).status).toBe(200);
  });

  it('starts normally after the previous server was killed outright (SIGKILL)', async () => {
    const dir = dataDir();
    const first = await startServerProcess(dir);
    const cookie = await setupAdmin(first.gateway);
    first.child.kill('SIGKILL');
    await exited(first.child);

    const next = await startServerProcess(dir);
    cleanups.push(async () => {
      next.child.kill('SIGTERM');
      await exited(next.child);
    });
    expect((await fetch(`${next.gateway.url}/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a second gateway in the same process too, and lets the next one in once the first closed', async () => {
    const dir = dataDir();
    const first = await startTestGateway({}, dir);
    await expect(startTestGateway({}, dir)).rejects.toThrow(/already using the data folder/);
    await first.close();
    const again = await startTestGateway({}, dir);
    await again.close();
  });
});
