/**
 * Which Chrome or Chromium to drive. "Chrome not found" is the most common first-run failure with
 * whatsapp-web.js, because puppeteer's own download is skipped (and fails offline), so we look where
 * browsers are usually installed and, when there is none, fail with a message that says what to do.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { coded } from '@switchboard/validators';
import puppeteer from 'puppeteer';
import { EngineStartError } from '../contract.ts';

export const NO_BROWSER = 'No Chrome or Chromium found: install chromium or set CHROME_PATH';

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
];
const MAC = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const WINDOWS = [
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The usual install locations on this platform, most common first. */
export function usualBrowserPaths(platform: NodeJS.Platform = process.platform): readonly string[] {
  if (platform === 'darwin') return MAC;
  if (platform === 'win32') return WINDOWS;
  return LINUX;
}

/** Where puppeteer would have downloaded its Chrome, if someone ran its installer; undefined if unknown. */
export function puppeteerCachePath(): string | undefined {
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface BrowserSearch {
  /** CHROME_PATH: when set, it is the only candidate — a wrong path is an error, not a hint. */
  configured?: string;
  candidates?: readonly string[];
  puppeteerCache?: () => string | undefined;
  isExecutable?: (path: string) => boolean;
}

/**
 * The browser to launch: CHROME_PATH, else the first usual location that exists, else puppeteer's cache.
 * Throws EngineStartError (not retryable: nothing changes until someone installs a browser).
 */
export function findBrowser({
  configured,
  candidates = usualBrowserPaths(),
  puppeteerCache = puppeteerCachePath,
  isExecutable = isExecutableFile,
}: BrowserSearch = {}): string {
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new EngineStartError(`${NO_BROWSER} (CHROME_PATH=${configured} is not an executable file)`, {
      retryable: false,
      coded: coded('session.no_browser', { path: configured }),
    });
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  const cached = puppeteerCache();
  if (cached && isExecutable(cached)) return cached;
  throw new EngineStartError(NO_BROWSER, { retryable: false, coded: coded('session.no_browser') });
}
