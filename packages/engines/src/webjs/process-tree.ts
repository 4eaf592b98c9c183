/**
 * Chromium is many processes (browser, zygotes, GPU, network, renderers). To measure a session's memory or
 * make sure none of them outlives the session, we read the process table from /proc (Linux). Elsewhere
 * these functions find nothing, so the engine still works without the telemetry and the extra sweeps.
 */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceUsage } from '../contract.ts';

interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Z (zombie) and X (dead) have exited; they only wait for their parent to reap them. */
  state: string;
}

async function readProcess(pid: number): Promise<ProcessEntry | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces or ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), state: fields[0] ?? '?' };
  } catch {
    return null;
  }
}

async function allPids(): Promise<number[]> {
  try {
    return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

async function processTable(): Promise<ProcessEntry[]> {
  const entries = await Promise.all((await allPids()).map(readProcess));
  return entries.filter((e): e is ProcessEntry => e !== null);
}

const isRunning = (entry: ProcessEntry | null): entry is ProcessEntry =>
  entry !== null && entry.state !== 'Z' && entry.state !== 'X';

/** Whether `pid` is a process that has not exited (zombies count as exited). */
export async function isAlive(pid: number): Promise<boolean> {
  return isRunning(await readProcess(pid));
}

/** `pid` and every live process below it, parents first. */
export async function processTree(pid: number): Promise<number[]> {
  const table = (await processTable()).filter(isRunning);
  if (!table.some((e) => e.pid === pid)) return [];
  const children = new Map<number, number[]>();
  for (const e of table) children.set(e.ppid, [...(children.get(e.ppid) ?? []), e.pid]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

async function rssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Resident memory summed over `pid` and its descendants. Shared pages count once per process, so this
 * overstates what the session adds to the machine (PSS would be lower), but it is cheap and comparable.
 */
export async function processTreeUsage(pid: number): Promise<ResourceUsage | null> {
  const tree = await processTree(pid);
  if (tree.length === 0) return null;
  const sizes = await Promise.all(tree.map(rssBytes));
  return { rssBytes: sizes.reduce((a, b) => a + b, 0), processes: tree.length };
}

/**
 * Live processes started with `--user-data-dir=<profileDir>`: a Chromium browser and all its helpers
 * (Chromium passes the flag on to every child). The path must end at an argument boundary, so
 * `/x/session` does not match `/x/session2`.
 */
export async function processesUsingProfile(profileDir: string): Promise<number[]> {
  const flag = `--user-data-dir=${profileDir}`;
  const found: number[] = [];
  await Promise.all(
    (await allPids()).map(async (pid) => {
      if (pid === process.pid) return;
      let cmdline: string;
      try {
        cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return;
      }
      // Chromium's helpers rewrite their argv into one space-separated string; the browser keeps NULs.
      let at = cmdline.indexOf(flag);
      while (at !== -1) {
        const next = cmdline[at + flag.length];
        if (next === undefined || next === '\0' || next === ' ') {
          if (isRunning(await readProcess(pid))) found.push(pid);
          return;
        }
        at = cmdline.indexOf(flag, at + 1);
      }
    }),
  );
  return found.sort((a, b) => a - b);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone, or not ours to signal: either way there is nothing more to do for it.
  }
}

/** Waits until none of `pids` is alive; returns those still alive after `timeoutMs`. */
export async function waitForExit(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids;
  for (;;) {
    alive = (await Promise.all(alive.map(async (pid) => ((await isAlive(pid)) ? pid : null)))).filter(
      (pid): pid is number => pid !== null,
    );
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await sleep(50);
  }
}

/**
 * Ends `pids` politely (SIGTERM lets Chromium flush its profile), then forcefully after `graceMs`.
 * Resolves once they are gone; returns those that could not be ended (e.g. another user's).
 */
export async function endProcesses(pids: number[], graceMs = 2_000): Promise<number[]> {
  if (pids.length === 0) return [];
  for (const pid of pids) signal(pid, 'SIGTERM');
  const stubborn = await waitForExit(pids, graceMs);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  return waitForExit(stubborn, 2_000);
}

/** Ends `pid` and everything below it (the tree is read first: children of a killed parent get reparented). */
export async function endProcessTree(pid: number, graceMs?: number): Promise<number[]> {
  return endProcesses(await processTree(pid), graceMs);
}
