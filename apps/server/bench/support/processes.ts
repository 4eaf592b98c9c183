import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Clock ticks per second of /proc's CPU counters (100 on Linux almost everywhere). */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system, seconds) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * CPU seconds the whole machine has spent busy so far, every process counted (all cores, from /proc/stat's
 * first line: everything but idle and iowait). Over a measurement's wall time it says how many cores were
 * in use, by anyone: near all of them, and the CPU is the limit, whoever used it.
 */
export function machineBusySeconds(): number {
  // cpu  user nice system idle iowait irq softirq steal …
  const ticks = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.reduce((sum, t) => sum + t, 0) - idle) / TICKS;
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Waits until a process is (nearly) idle — under 5 % of a core over a quarter second — so work left over
 * from one round (receipts, webhook deliveries) is not billed to the next. Gives up after `maxMs`.
 */
export async function waitQuiet(pid: number, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = cpuSeconds(pid);
    await sleep(250);
    if (cpuSeconds(pid) - before < 0.0125) return;
  }
}

/** A loopback port that was free a moment ago (the bench's processes listen where it says). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Runs a TypeScript file of the bench in its own Node process (tsx's loader), with an IPC channel; `imports`
 * are loaded into it first, after tsx.
 */
export function spawnBenchProcess(
  file: string,
  args: string[] = [],
  env: Record<string, string> = {},
  imports: string[] = [],
): ChildProcess {
  const preloads = imports.flatMap((path) => ['--import', path]);
  return spawn(process.execPath, ['--import', 'tsx', ...preloads, file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
}

/** Resolves with the first line a child prints to stdout that matches, or rejects when it exits first. */
export function lineFrom(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => finish(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = pattern.exec(buffered);
      if (match) finish(null, match);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`process exited (${code}) before printing ${pattern}`));
    const finish = (error: Error | null, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Everything a child prints to stdout, once it has exited. */
export function stdoutOf(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Asks a child over IPC and resolves with its answer (children answer each request in order). */
export function ask<T>(child: ChildProcess, message: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: unknown) => {
      child.off('exit', onExit);
      resolve(answer as T);
    };
    const onExit = () => {
      child.off('message', onMessage);
      reject(new Error('process exited before answering'));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}
