import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../../src/gateway.ts';
import { type Client, connect, sandbox, setupAdmin, waitFor } from '../../test/support/harness.ts';
import { freePort, spawnBenchProcess, stopProcess } from './processes.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * Sandbox settings for the bench: fast links, QR codes that outlive linking a thousand sessions, receipts
 * soon after a send (so a round's work is done soon after the round).
 */
export const BENCH_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  WEBJS_ENABLED: 'false',
  SANDBOX_CONNECT_DELAY_MS: '20',
  SANDBOX_DELIVERED_DELAY_MS: '100',
  SANDBOX_READ_DELAY_MS: '300',
  SANDBOX_QR_ROTATE_MS: '600000',
  RECONNECT_BASE_MS: '50',
  RECONNECT_MAX_MS: '200',
  MAX_SESSIONS: '2000',
  MAX_SESSIONS_PER_USER: '2000',
};

export interface BenchGateway {
  url: string;
  /** Its data folder, for scenarios that write a large history straight into its database. */
  dataDir: string;
  pid: number;
  child: ChildProcess;
  /** The first admin's login cookie. */
  cookie: string;
  /** The real tRPC client (HTTP and WebSocket), signed in as the admin. */
  client: Client;
  stop(): Promise<void>;
}

/**
 * The real server, as `pnpm start` runs it (one Node process with tsx's loader), on a loopback port with a
 * fresh data folder, the first admin signed in. `imports`: the bench's own instruments, loaded into it first.
 */
export async function startBenchGateway(
  env: Record<string, string> = {},
  imports: string[] = [],
): Promise<BenchGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const port = await freePort();
  const child = spawnBenchProcess(
    MAIN,
    [],
    { ...BENCH_ENV, ...env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir },
    imports,
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => fetch(`${url}/health`).then((r) => r.ok), 'the gateway to answer /health', 30_000);
    const gateway = { url } as Gateway;
    const cookie = await setupAdmin(gateway);
    const client = connect(gateway, cookie);
    return {
      url,
      dataDir,
      pid: child.pid!,
      child,
      cookie,
      client,
      async stop() {
        await client.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `task` over `items`, at most `concurrency` at a time. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export interface LinkedSession {
  id: string;
  phone: string;
}

/**
 * Creates `count` sandbox sessions through the API and links each to its own virtual phone by scanning its
 * QR code, as an operator would; resolves once all are connected. `first` numbers them on from sessions
 * linked before, so names and phone numbers stay unique.
 */
export async function linkSessions(g: BenchGateway, count: number, first = 0): Promise<LinkedSession[]> {
  const created = await inParallel(
    Array.from({ length: count }, (_, i) => i),
    16,
    (i) => g.client.sessions.create.mutate({ name: `Bench ${first + i + 1}`, engine: 'sandbox' }),
  );
  const ids = new Set(created.map((s) => s.id));
  const mine = async () => (await g.client.sessions.list.query()).filter((s) => ids.has(s.id));
  const showing = await waitFor(
    async () => {
      const sessions = await mine();
      return sessions.every((s) => s.status === 'qr' && s.qr) && sessions;
    },
    `${count} QR codes`,
    120_000,
  );
  const linked = await inParallel(showing, 16, async (s, i) => {
    const phone = `4915100${String(first + i).padStart(6, '0')}`;
    const scan = await sandbox({ url: g.url } as Gateway, g.cookie, 'POST', '/scan', { qr: s.qr!.qr, phone });
    if (scan.status !== 200) throw new Error(`scan failed: ${JSON.stringify(scan)}`);
    return { id: s.id, phone };
  });
  await waitFor(
    async () => (await mine()).every((s) => s.status === 'connected'),
    `${count} sessions to connect`,
    120_000,
  );
  return linked;
}
