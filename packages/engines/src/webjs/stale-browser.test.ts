import { type ChildProcess, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, processesUsingProfile } from './process-tree.ts';
import { endStaleBrowser, lockOwnerPid } from './stale-browser.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) {
    // A browser that is still dying keeps writing its profile: wait for it before removing the folder.
    await endStaleBrowser(join(dir, 'session'));
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
});

function newProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-stale-'));
  dirs.push(dir);
  const profile = join(dir, 'session');
  mkdirSync(profile);
  return profile;
}

/** A real Chromium on `profile`, detached like puppeteer starts it, so it would outlive a killed server. */
function launchChromium(profile: string): ChildProcess {
  const child = spawn(
    '/usr/bin/chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { detached: true, stdio: 'ignore' },
  );
  children.push(child);
  return child;
}

async function eventually<T>(
  probe: () => Promise<T> | T,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const hasLock = (profile: string) => {
  try {
    return lstatSync(join(profile, 'SingletonLock')).isSymbolicLink();
  } catch {
    return false;
  }
};

describe('endStaleBrowser', () => {
  it('ends the Chromium that holds the profile (named by SingletonLock) with all its helpers', async () => {
    const profile = newProfile();
    const browser = launchChromium(profile);
    await eventually(
      () => lockOwnerPid(profile),
      (pid) => pid === browser.pid,
      'the lock',
    );
    const helpers = await eventually(
      () => processesUsingProfile(profile),
      (p) => p.length >= 3,
      'helpers',
    );
    expect(helpers).toContain(browser.pid);

    const report = await endStaleBrowser(profile);
    expect(report.survivors).toEqual([]);
    expect(report.ended).toContain(browser.pid);
    for (const pid of helpers) expect(await isAlive(pid)).toBe(false);
    expect(await processesUsingProfile(profile)).toEqual([]);
    expect(hasLock(profile)).toBe(false);

    // The profile is free again: a new browser starts on it instead of deferring to the old one.
    const next = launchChromium(profile);
    await eventually(
      () => lockOwnerPid(profile),
      (pid) => pid === next.pid,
      'the new lock',
    );
    await endStaleBrowser(profile);
    expect(await processesUsingProfile(profile)).toEqual([]);
  }, 30_000);

  it('leaves alone a live process the lock names by mistake (pid reused), and removes the stale lock', async () => {
    const profile = newProfile();
    const bystander = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(bystander);
    symlinkSync(`another-host-${bystander.pid}`, join(profile, 'SingletonLock'));
    expect(lockOwnerPid(profile)).toBe(bystander.pid);

    expect(await endStaleBrowser(profile)).toEqual({ ended: [], survivors: [] });
    expect(await isAlive(bystander.pid!)).toBe(true);
    expect(hasLock(profile)).toBe(false);
  });

  it('does nothing when the profile is free or does not exist yet', async () => {
    expect(await endStaleBrowser(newProfile())).toEqual({ ended: [], survivors: [] });
    expect(await endStaleBrowser('/tmp/switchboard-never-created/session')).toEqual({
      ended: [],
      survivors: [],
    });
  });
});
