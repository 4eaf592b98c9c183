import { readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { newDataDir, setupAdmin } from './support/harness.ts';
import { exited, PROCESS_TEST_TIMEOUT, startServerProcess } from './support/server-process.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  // Fields after the command name (which may contain spaces) start at "state"; utime and stime are 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('a log destination that goes away', PROCESS_TEST_TIMEOUT, () => {
  it('does not spin or ignore SIGTERM when the reader of its output pipe dies', async () => {
    const dataDir = newDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServerProcess(dataDir, { LOG_LEVEL: 'debug' });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const pid = server.child.pid!;

    // The reading end goes away, as when the process the output was piped into dies.
    server.child.stdout?.destroy();
    server.child.stderr?.destroy();
    // Anything the server logs now is written into a broken pipe (EPIPE).
    const cookie = await setupAdmin(server.gateway);
    const created = await fetch(`${server.gateway.url}/trpc/sessions.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Logged', start: false }),
    });
    expect(created.status).toBe(200);

    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const used = cpuSeconds(pid) - before;
    // A busy loop burns most of the two seconds; an idle server next to nothing.
    expect(used).toBeLessThan(0.5);

    const health = await fetch(`${server.gateway.url}/health`);
    expect(health.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toEqual({ code: 0, signal: null });
  });
});
