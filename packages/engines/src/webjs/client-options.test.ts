import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { clientOptions, LAUNCH_ARGS, webVersionOptions } from './client-options.ts';
import { DEFAULT_WEB_VERSION_URL, type WebjsOptions } from './options.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'switchboard-wweb-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
const url = DEFAULT_WEB_VERSION_URL;

describe('webVersionOptions', () => {
  it('unpinned: loads today’s WhatsApp Web and saves a copy under DATA_DIR, not the working directory', () => {
    const options = webVersionOptions({ webVersionUrl: url, cacheDir });
    expect(options).toEqual({ webVersion: 'current', webVersionCache: { type: 'local', path: cacheDir } });
  });

  it('pinned to a saved copy: serves it from disk, strictly', () => {
    writeFileSync(join(cacheDir, '2.3000.1017054665.html'), '<html></html>');
    expect(webVersionOptions({ webVersion: '2.3000.1017054665', webVersionUrl: url, cacheDir })).toEqual({
      webVersion: '2.3000.1017054665',
      webVersionCache: { type: 'local', path: cacheDir, strict: true },
    });
  });

  it('pinned to a version not saved here: fetches it from the archive, strictly', () => {
    expect(webVersionOptions({ webVersion: '2.2412.54', webVersionUrl: url, cacheDir })).toEqual({
      webVersion: '2.2412.54',
      webVersionCache: { type: 'remote', remotePath: url, strict: true },
    });
  });

  it('refuses a "version" that could name another file', () => {
    expect(() => webVersionOptions({ webVersion: '../../etc/passwd', webVersionUrl: url, cacheDir })).toThrow(
      'is not a WhatsApp Web version',
    );
  });
});

describe('clientOptions', () => {
  const options: WebjsOptions = {
    headless: true,
    initTimeoutMs: 1000,
    webVersionUrl: url,
    cacheDir,
    browserArgs: ['--proxy-server=http://proxy:3128'],
  };

  it('launches the found browser with lean server flags, extra flags last, leaving signals to the server', () => {
    const authStrategy = new wweb.LocalAuth({ dataPath: cacheDir });
    const built = clientOptions(options, { executablePath: '/usr/bin/chromium', authStrategy });
    expect(built.authStrategy).toBe(authStrategy);
    expect(built.puppeteer).toEqual({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...LAUNCH_ARGS, '--proxy-server=http://proxy:3128'],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    expect(LAUNCH_ARGS).toEqual(
      expect.arrayContaining([
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ]),
    );
  });

  it("gives a session's own proxy instead of the server-wide one, and its login to whatsapp-web.js", () => {
    const authStrategy = new wweb.LocalAuth({ dataPath: cacheDir });
    const built = clientOptions(options, {
      executablePath: '/usr/bin/chromium',
      authStrategy,
      proxy: { server: 'http://session-proxy:8080', username: 'ana', password: 'secret' },
    });
    expect(built.puppeteer?.args).toEqual([...LAUNCH_ARGS, '--proxy-server=http://session-proxy:8080']);
    expect(built.proxyAuthentication).toEqual({ username: 'ana', password: 'secret' });
    const plain = clientOptions(options, {
      executablePath: '/usr/bin/chromium',
      authStrategy,
      proxy: { server: 'socks5://10.0.0.5:1080' },
    });
    expect(plain.puppeteer?.args).toEqual([...LAUNCH_ARGS, '--proxy-server=socks5://10.0.0.5:1080']);
    expect(plain.proxyAuthentication).toBeUndefined();
  });
});
