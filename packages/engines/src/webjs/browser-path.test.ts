import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineStartError } from '../contract.ts';
import { findBrowser, isExecutableFile, NO_BROWSER, usualBrowserPaths } from './browser-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-browser-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}
const executable = file('chrome', 0o755);
const notExecutable = file('readme', 0o644);
const nowhere = join(dir, 'missing', 'chromium');
const noCache = () => undefined;

/** The error findBrowser throws; fails the test if it finds a browser. */
function refusal(search: Parameters<typeof findBrowser>[0]): EngineStartError {
  try {
    findBrowser(search);
  } catch (error) {
    if (error instanceof EngineStartError) return error;
    throw error;
  }
  throw new Error('expected no browser to be found');
}

describe('findBrowser', () => {
  it('uses CHROME_PATH when it names an executable', () => {
    expect(findBrowser({ configured: executable, candidates: [], puppeteerCache: noCache })).toBe(executable);
  });

  it('refuses a CHROME_PATH pointing nowhere, without falling back, and says so (not worth retrying)', () => {
    for (const configured of [nowhere, notExecutable, dir]) {
      const error = refusal({ configured, candidates: [executable], puppeteerCache: noCache });
      expect(error.message).toBe(`${NO_BROWSER} (CHROME_PATH=${configured} is not an executable file)`);
      expect(error.retryable).toBe(false);
      expect(error.coded).toEqual({ reason: 'session.no_browser', params: { path: configured } });
    }
  });

  it('takes the first usual location that exists, then puppeteer’s cache', () => {
    expect(findBrowser({ candidates: [nowhere, notExecutable, executable], puppeteerCache: noCache })).toBe(
      executable,
    );
    expect(findBrowser({ candidates: [nowhere], puppeteerCache: () => executable })).toBe(executable);
  });

  it('fails with the exact message when there is no browser anywhere', () => {
    const error = refusal({ candidates: [nowhere], puppeteerCache: () => nowhere });
    expect(error.message).toBe('No Chrome or Chromium found: install chromium or set CHROME_PATH');
    expect(error.retryable).toBe(false);
    expect(error.coded).toEqual({ reason: 'session.no_browser', params: {} });
  });

  it('knows where browsers live on each platform', () => {
    expect(usualBrowserPaths('linux')).toContain('/usr/bin/chromium');
    expect(usualBrowserPaths('darwin')[0]).toContain('Google Chrome.app');
    expect(usualBrowserPaths('win32')[0]).toMatch(/chrome\.exe$/);
  });

  it('finds the Chromium this machine has (installed by scripts/bootstrap.sh)', () => {
    expect(isExecutableFile('/usr/bin/chromium')).toBe(true);
    expect(findBrowser()).toBe('/usr/bin/chromium');
  });
});
