/**
 * A Chromium left behind by a server that was killed outright (SIGKILL, OOM killer, power loss in a
 * container) still holds the session's profile, and the next launch fails with "The browser is already
 * running for …". Chromium marks a profile in use with a `SingletonLock` symlink whose target is
 * `<hostname>-<pid>`; we use it to find and end that browser before launching a new one.
 */
import { readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { endProcesses, isAlive, processesUsingProfile, processTree } from './process-tree.ts';

const SINGLETON_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];

/** The pid named by the profile's `SingletonLock`, or null when there is no lock (or it is not one). */
export function lockOwnerPid(profileDir: string): number | null {
  let target: string;
  try {
    target = readlinkSync(join(profileDir, 'SingletonLock'));
  } catch {
    return null;
  }
  // The hostname may itself contain "-"; the pid is what follows the last one.
  const pid = /-(\d+)$/.exec(target)?.[1];
  return pid ? Number(pid) : null;
}

export interface StaleBrowserReport {
  /** Processes that were ended (the browser and its helpers). */
  ended: number[];
  /** Processes that would not end (e.g. owned by another user); the launch will likely fail. */
  survivors: number[];
}

/**
 * Ends every process still using `profileDir` — the lock's owner first, then any helper that outlived it —
 * and removes the lock files. A lock whose pid is alive but is not a browser on this profile (the pid was
 * reused after a reboot or in a new container) is only removed: that process is none of our business.
 */
export async function endStaleBrowser(profileDir: string): Promise<StaleBrowserReport> {
  const ended: number[] = [];
  let survivors: number[] = [];
  // A browser that is still starting can fork a helper after the scan: scan again until nothing is left.
  for (let round = 0; round < 3; round++) {
    const users = new Set(await processesUsingProfile(profileDir));
    const owner = lockOwnerPid(profileDir);
    const targets: number[] = [];
    if (owner !== null && users.has(owner) && (await isAlive(owner))) {
      // The owner's whole tree: crashpad handlers and the like do not carry the profile flag.
      targets.push(...(await processTree(owner)));
    }
    for (const pid of users) if (!targets.includes(pid)) targets.push(pid);
    if (targets.length === 0) break;
    survivors = await endProcesses(targets);
    ended.push(...targets.filter((pid) => !survivors.includes(pid) && !ended.includes(pid)));
    if (survivors.length > 0) break;
  }
  if (survivors.length === 0) {
    for (const name of SINGLETON_FILES) rmSync(join(profileDir, name), { force: true });
  }
  return { ended, survivors };
}
