import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../../src/gateway.ts';
import { FAST_ENV, waitFor } from './harness.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Only `url` is set: enough for the harness's HTTP, WebSocket and sandbox helpers. */
  gateway: Gateway;
  output: () => string;
}

/**
 * Spawns the real server process the way `pnpm start` runs it — one Node process with tsx's loader, so
 * signals reach Switchboard directly — collecting what it writes.
 */
export function spawnServer(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...FAST_ENV,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/**
 * How long a spawned server may take to listen: generous, because a shared, busy machine can take many
 * seconds to load the TypeScript sources; tests that spawn servers allow for it (`PROCESS_TEST_TIMEOUT`).
 */
const LISTEN_TIMEOUT_MS = 45_000;
export const PROCESS_TEST_TIMEOUT = { timeout: 150_000 };

/**
 * Starts the real server process and resolves once it listens on its ephemeral port. One that does not
 * listen in time is killed before the error is thrown: the test that asked for it cannot clean it up.
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const { child, output } = spawnServer(dataDir, env);
  const url = await waitFor(
    () => output().match(/listening on (http:\/\/[\d.:]+)/)?.[1],
    'the server to listen',
    LISTEN_TIMEOUT_MS,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, gateway: { url } as Gateway, output };
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
