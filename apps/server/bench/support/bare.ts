import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lineFrom, spawnBenchProcess, stopProcess } from './processes.ts';

const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const RECEIVER = fileURLToPath(new URL('./receiver.ts', import.meta.url));
const RAW_CLIENT = fileURLToPath(new URL('./raw-client.ts', import.meta.url));

export interface BenchProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function started(file: string, args: string[]): Promise<BenchProcess> {
  const child = spawnBenchProcess(file, args);
  const [, port] = await lineFrom(child, /listening (\d+)/);
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    child,
    stop: () => stopProcess(child),
  };
}

/** A ceiling server (see bare-server.ts) in its own process. */
export const startBare = (mode: 'json' | 'json+insert' | 'push', answer = '{}') =>
  started(BARE, [mode, answer]);

/** The raw webhook receiver (see receiver.ts) in its own process; talk to it with `ask`. */
export const startReceiver = () => started(RECEIVER, []);

/** The webhook scenario's raw clients (see raw-client.ts) in their own process; talk to it with `ask`. */
export async function startRawClient(): Promise<Omit<BenchProcess, 'url'>> {
  const child = spawnBenchProcess(RAW_CLIENT);
  await lineFrom(child, /ready/);
  return { pid: child.pid!, child, stop: () => stopProcess(child) };
}
