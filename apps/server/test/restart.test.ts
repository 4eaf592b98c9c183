import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  connect,
  createLinked,
  newDataDir,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';
import {
  exited,
  PROCESS_TEST_TIMEOUT,
  startServerProcess as startProcess,
} from './support/server-process.ts';

const processes: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of processes.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('restarts', PROCESS_TEST_TIMEOUT, () => {
  it('brings linked sessions back connected after a restart, without a scan, with their history', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const first = await startTestGateway({}, dataDir);
    const cookie = await setupAdmin(first);
    const c1 = connect(first, cookie);
    const a = await createLinked(first, cookie, c1, 'Keeps', '4915112310001');
    const b = await createLinked(first, cookie, c1, 'Stopped', '4915112310002');
    await c1.sessions.stop.mutate({ id: b.id });
    await c1.messages.send.mutate({ sessionId: a.id, to: '+14155550111', text: 'before restart' });
    await waitFor(async () => {
      const p = await c1.messages.list.query({ sessionId: a.id });
      return p.items[0]?.status === 'read';
    }, 'read receipt');
    await c1.close();
    await first.close();

    const second = await startTestGateway({}, dataDir);
    const c2 = connect(second, await signIn(second, ADMIN.email, ADMIN.password));
    const back = await waitForStatus(c2, a.id, 'connected');
    expect(back.phone).toBe('4915112310001');
    // What the operator stopped stays stopped.
    expect((await c2.sessions.byId.query({ id: b.id })).status).toBe('stopped');
    expect((await c2.messages.list.query({ sessionId: a.id })).items[0]).toMatchObject({
      body: 'before restart',
      status: 'read',
    });
    await c2.close();
    await second.close();
  });

  it('shuts down gracefully on SIGTERM and restores on the next start; a second signal exits at once', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const run1 = await startProcess(dataDir);
    processes.push(run1.child);
    const cookie = await setupAdmin(run1.gateway);
    const c1 = connect(run1.gateway, cookie);
    const s = await createLinked(run1.gateway, cookie, c1, 'Survivor', '4915112310003');
    await c1.close();

    run1.child.kill('SIGTERM');
    expect(await exited(run1.child)).toEqual({ code: 0, signal: null });
    expect(run1.output()).toContain('shut down cleanly');

    const run2 = await startProcess(dataDir);
    processes.push(run2.child);
    const c2 = connect(run2.gateway, await signIn(run2.gateway, ADMIN.email, ADMIN.password));
    await waitForStatus(c2, s.id, 'connected');
    await c2.close();

    run2.child.kill('SIGTERM');
    run2.child.kill('SIGTERM');
    // The second signal either lands during shutdown (exit at once, 130) or after it finished (0).
    expect([0, 130]).toContain((await exited(run2.child)).code);
  });

  it('repairs statuses and restores sessions after the process was killed outright', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const run1 = await startProcess(dataDir);
    processes.push(run1.child);
    const cookie = await setupAdmin(run1.gateway);
    const c1 = connect(run1.gateway, cookie);
    const s = await createLinked(run1.gateway, cookie, c1, 'Crashed', '4915112310004');
    const idle = await c1.sessions.create.mutate({ name: 'Left stopped', start: false });
    await c1.close();
    run1.child.kill('SIGKILL');
    await exited(run1.child);

    const run2 = await startProcess(dataDir);
    processes.push(run2.child);
    const cookie2 = await signIn(run2.gateway, ADMIN.email, ADMIN.password);
    const c2 = connect(run2.gateway, cookie2);
    await waitForStatus(c2, s.id, 'connected');
    expect((await c2.sessions.byId.query({ id: idle.id })).status).toBe('stopped');
    // The restored session really works: it sends.
    await c2.messages.send.mutate({ sessionId: s.id, to: '+14155550112', text: 'after crash' });
    await waitFor(async () => {
      const r = await sandbox(run2.gateway, cookie2, 'GET', '/phones/14155550112/messages');
      return (r.body as unknown[]).length === 1;
    }, 'delivery after crash');
    await c2.close();
  });
});
