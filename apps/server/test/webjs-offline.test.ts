import { existsSync } from 'node:fs';
import { browserPid, chromiumProcesses, isAlive } from '@switchboard/engines/webjs/test-support';
import { describe, expect, it } from 'vitest';
import { ADMIN, connect, newDataDir, setupAdmin, signIn, waitFor } from './support/harness.ts';
import { exited, startServerProcess } from './support/server-process.ts';
import {
  chromiumCount,
  clients,
  dataDirs,
  gateway,
  hangingProxy,
  processes,
  sessionDir,
  WEBJS_ENV,
} from './support/webjs.ts';

/** The WhatsApp Web engine where WhatsApp cannot be reached, has no browser, or the server is killed. */

describe('webjs sessions without WhatsApp (offline)', () => {
  it('fail naming WhatsApp as unreachable (not by timing out), retry on schedule, and Stop leaves no Chromium', async () => {
    const { client, dataDir } = await gateway();
    // Nothing is known before the first attempt; afterwards the server says WhatsApp Web was out of reach.
    expect(await client.sessions.engines.query()).toEqual([
      { name: 'sandbox', reachable: null, checkedAt: null },
      { name: 'webjs', reachable: null, checkedAt: null },
    ]);
    const created = await client.sessions.create.mutate({ id: 'offline', name: 'Offline', engine: 'webjs' });
    expect(await client.sessions.engines.query()).toContainEqual({
      name: 'webjs',
      reachable: false,
      checkedAt: expect.any(Number),
    });
    // The reason names the cause, not the load timeout (WEBJS_INIT_TIMEOUT_MS), so the start did not wait it out.
    expect(created.status).toBe('failed');
    expect(created.statusReason).toMatch(
      /^cannot reach web\.whatsapp\.com: ERR_NAME_NOT_RESOLVED — retrying in \d+ s \(attempt 1\)$/,
    );
    // The first retry is due within RECONNECT_BASE_MS (jittered), and happens then, not before.
    const firstRetryAt = created.nextRetryAt!;
    expect(firstRetryAt - created.updatedAt).toBeLessThanOrEqual(1500);
    const second = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'offline' });
        return s.statusReason?.endsWith('(attempt 2)') ? s : undefined;
      },
      'the second attempt',
      15_000,
    );
    expect(second.status).toBe('failed');
    expect(second.statusReason).toContain('cannot reach web.whatsapp.com: ERR_NAME_NOT_RESOLVED');
    expect(second.updatedAt).toBeGreaterThanOrEqual(firstRetryAt);
    expect(second.nextRetryAt! - second.updatedAt).toBeLessThanOrEqual(3000);
    expect(await chromiumCount(dataDir, 'offline')).toBe(0);

    const stopped = await client.sessions.stop.mutate({ id: 'offline' });
    expect(stopped).toMatchObject({ status: 'stopped', nextRetryAt: null });
    expect(await chromiumCount(dataDir, 'offline')).toBe(0);
  });

  it('fail for good with a clear reason when there is no browser (CHROME_PATH pointing nowhere)', async () => {
    const { client } = await gateway({ CHROME_PATH: '/opt/nowhere/chromium' });
    const created = await client.sessions.create.mutate({
      id: 'no-browser',
      name: 'No browser',
      engine: 'webjs',
    });
    const reason =
      'No Chrome or Chromium found: install chromium or set CHROME_PATH (CHROME_PATH=/opt/nowhere/chromium is not an executable file)';
    expect(created).toMatchObject({
      status: 'failed',
      statusReason: reason,
      nextRetryAt: null,
      autoStart: false,
    });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await client.sessions.byId.query({ id: 'no-browser' })).toMatchObject({
      status: 'failed',
      statusReason: reason,
    });
  });

  it('ten started and deleted at once (browsers still loading): no Chromium left, data folders gone', async () => {
    const proxy = await hangingProxy();
    const { g, client, dataDir } = await gateway({
      WEBJS_BROWSER_ARGS: `--proxy-server=${proxy.url}`,
      WEBJS_INIT_TIMEOUT_MS: '90000',
      SESSION_START_TIMEOUT_MS: '90000',
    });
    const ids = Array.from({ length: 10 }, (_, i) => `bulk-${i}`);
    // Creating answers once the start settled, which WhatsApp Web never lets happen here: do not wait.
    const creating = ids.map((id) =>
      client.sessions.create.mutate({ id, name: id, engine: 'webjs' }).catch((error: unknown) => error),
    );
    await waitFor(
      async () => (await Promise.all(ids.map((id) => chromiumCount(dataDir, id)))).every((n) => n >= 3),
      'ten browsers running',
      60_000,
    );
    const list = await client.sessions.list.query();
    expect(list.map((s) => s.status)).toEqual(ids.map(() => 'starting'));

    // While they run, each reports its browser's memory (the dashboard shows it on the session).
    const sampled = await waitFor(async () => {
      await g.services.sessions.sampleResources();
      const s = await client.sessions.byId.query({ id: 'bulk-0' });
      return s.resources ? s : undefined;
    }, 'a resource sample');
    expect(sampled.resources).toMatchObject({ processes: expect.any(Number), sampledAt: expect.any(Number) });
    expect(sampled.resources!.processes).toBeGreaterThanOrEqual(3);
    expect(sampled.resources!.rssBytes).toBeGreaterThan(50 * 1024 * 1024);

    await Promise.all(ids.map((id) => client.sessions.delete.mutate({ id })));
    expect(await Promise.all(ids.map((id) => chromiumCount(dataDir, id)))).toEqual(ids.map(() => 0));
    expect(ids.filter((id) => existsSync(sessionDir(dataDir, id)))).toEqual([]);
    expect(await client.sessions.list.query()).toEqual([]);
    await Promise.all(creating);
  }, 120_000);
});

// ── A server killed outright ────────────────────────────────────────────────────────────────────────────

/** The real server process with the webjs settings of this file; killed after each test. */
async function startProcess(dataDir: string, env: Record<string, string>) {
  const run = await startServerProcess(dataDir, {
    ...WEBJS_ENV,
    RECONNECT_BASE_MS: '10000',
    RECONNECT_MAX_MS: '20000',
    ...env,
  });
  processes.push(run.child);
  return run;
}

describe('a server killed with SIGKILL while a webjs browser runs', () => {
  it('ends the orphaned browser on the next start, which then proceeds normally (no "already running")', async () => {
    const proxy = await hangingProxy();
    const dataDir = newDataDir();
    dataDirs.push(dataDir);
    const dir = sessionDir(dataDir, 'crash');

    // Run 1: the browser is up, waiting on a network that hangs, when the server is killed.
    const run1 = await startProcess(dataDir, {
      WEBJS_BROWSER_ARGS: `--proxy-server=${proxy.url}`,
      WEBJS_INIT_TIMEOUT_MS: '120000',
      SESSION_START_TIMEOUT_MS: '120000',
    });
    const c1 = connect(run1.gateway, await setupAdmin(run1.gateway));
    clients.push(c1);
    void c1.sessions.create.mutate({ id: 'crash', name: 'Crash', engine: 'webjs' }).catch(() => undefined);
    const orphans = await waitFor(
      async () => {
        const pids = await chromiumProcesses(dir);
        return pids.length >= 3 && browserPid(dir) !== null ? pids : undefined;
      },
      'the browser to run',
      30_000,
    );
    const staleBrowser = browserPid(dir)!;
    run1.child.kill('SIGKILL');
    await exited(run1.child);
    expect(await isAlive(staleBrowser)).toBe(true);

    // Run 2 (offline, no proxy): restoring the session ends the orphan, then starts to the offline failure.
    const run2 = await startProcess(dataDir, {});
    const c2 = connect(run2.gateway, await signIn(run2.gateway, ADMIN.email, ADMIN.password));
    clients.push(c2);
    const failed = await waitFor(
      async () => {
        const s = await c2.sessions.byId.query({ id: 'crash' });
        return s.status === 'failed' ? s : undefined;
      },
      'the restored session to reach WhatsApp (and fail offline)',
      30_000,
    );
    expect(failed.statusReason).toMatch(/^cannot reach web\.whatsapp\.com: ERR_NAME_NOT_RESOLVED — retrying/);
    expect(run2.output()).not.toContain('already running');
    expect(await isAlive(staleBrowser)).toBe(false);
    for (const pid of orphans) expect(await isAlive(pid)).toBe(false);

    await c2.sessions.stop.mutate({ id: 'crash' });
    expect(await chromiumCount(dataDir, 'crash')).toBe(0);
    run2.child.kill('SIGTERM');
    await exited(run2.child);
  }, 90_000);
});
