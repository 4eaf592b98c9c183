import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenario.ts';
import { freePort, rssBytes } from '../support/processes.ts';
import { duration, medians, mib, ratio } from '../support/stats.ts';
import type { Row } from '../table.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Starts a command the way a user would (own process group, default settings: both engines enabled, no
 * session) and times it until /health answers; then stops the whole group.
 */
async function timeToHealth(command: string, args: string[]): Promise<{ ms: number; rss: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-start-'));
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited during start-up`);
      if (performance.now() - started > 120_000)
        throw new Error(`${command} did not answer /health in 120 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(10);
    }
    const ms = performance.now() - started;
    return { ms, rss: command === process.execPath ? rssBytes(child.pid!) : Number.NaN };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const startup: Scenario = {
  name: 'startup',
  about: '`pnpm start` → /health with the dashboard already built, beside `node … main.ts`',
  async run(o): Promise<Row[]> {
    // The state after a first start: the dashboard is built and unchanged.
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'ignore' });
    const rounds: Record<string, number>[] = [];
    // Starts are quick and noisy: more than one round even in short mode.
    const count = Math.max(o.short ? 2 : 3, o.rounds);
    for (let r = 1; r <= count; r++) {
      o.progress(`round ${r}/${count}: pnpm start, then node --import tsx apps/server/src/main.ts`);
      const pnpm = await timeToHealth('pnpm', ['start']);
      const node = await timeToHealth(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts']);
      const t0 = performance.now();
      execFileSync('pnpm', ['--version'], { cwd: ROOT, stdio: 'ignore' });
      rounds.push({ pnpm: pnpm.ms, node: node.ms, rss: node.rss, pnpmItself: performance.now() - t0 });
    }
    const m = medians(rounds);
    return [
      {
        what: '`pnpm start` → `/health` (dashboard built and unchanged)',
        switchboard: duration(m.pnpm!),
        ceiling:
          `\`node … main.ts\`: ${duration(m.node!)} (RSS ${mib(m.rss!)}); ` +
          `pnpm's own start-up (\`pnpm --version\`): ${duration(m.pnpmItself!)}`,
        ratio: ratio(m.pnpm!, m.node!),
      },
    ];
  },
};
