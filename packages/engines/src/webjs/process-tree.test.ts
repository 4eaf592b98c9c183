import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  endProcessTree,
  isAlive,
  processesUsingProfile,
  processTree,
  processTreeUsage,
  waitForExit,
} from './process-tree.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function start(command: string, args: string[]): number {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}
const idleNode = (...args: string[]) =>
  start(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', ...args]);

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}

describe('process tree (from /proc)', () => {
  it('finds a process and its descendants, and sums their resident memory', async () => {
    const shell = start('sh', ['-c', 'sleep 30 & sleep 30 & wait']);
    const tree = await eventually(
      () => processTree(shell),
      (t) => t.length === 3,
    );
    expect(tree[0]).toBe(shell);
    const usage = await processTreeUsage(shell);
    expect(usage?.processes).toBe(3);
    expect(usage?.rssBytes).toBeGreaterThan(100 * 1024);
  });

  it('ends a whole tree, children first read so none escapes by being reparented', async () => {
    const shell = start('sh', ['-c', 'sleep 30 & sleep 30 & wait']);
    const tree = await eventually(
      () => processTree(shell),
      (t) => t.length === 3,
    );
    expect(await endProcessTree(shell, 500)).toEqual([]);
    expect(await waitForExit(tree, 1000)).toEqual([]);
    expect(await isAlive(shell)).toBe(false);
    expect(await processTreeUsage(shell)).toBeNull();
  });

  it('finds the processes started with a profile, at an argument boundary only', async () => {
    const profile = `/tmp/switchboard-no-such-profile-${process.pid}/session`;
    const user = idleNode(`--user-data-dir=${profile}`);
    const neighbour = idleNode(`--user-data-dir=${profile}2`);
    expect(
      await eventually(
        () => processesUsingProfile(profile),
        (p) => p.length === 1,
      ),
    ).toEqual([user]);
    expect(await processesUsingProfile(`${profile}2`)).toEqual([neighbour]);
    expect(await processesUsingProfile('/tmp/switchboard-nobody/session')).toEqual([]);
  });

  it('treats a pid that does not exist as not alive', async () => {
    expect(await isAlive(2 ** 22 + 1)).toBe(false);
    expect(await processTree(2 ** 22 + 1)).toEqual([]);
  });
});
