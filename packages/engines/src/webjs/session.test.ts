import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EngineEvent, EngineStartError } from '../contract.ts';
import { NO_BROWSER } from './browser-path.ts';
import { eventually, webjsSessions } from './session-fixture.ts';
import { chromiumProcesses, fakePairingCode, fakeQr, startHangingProxy } from './test-support.ts';

/** Real Chromium, real whatsapp-web.js; WhatsApp itself is unreachable from here (or replaced by a stand-in). */

const { open, cleanUp } = webjsSessions();

const processCount = async (dataDir: string) => (await chromiumProcesses(dataDir)).length;

describe('WebjsSession with a real Chromium', () => {
  it('offline: start fails naming the cause, without waiting out the load timeout, and no Chromium is left', async () => {
    // A load timeout far beyond the test's own: the start can only fail in time by seeing the cause.
    const { engine, session, dataDir } = open({ initTimeoutMs: 10 * 60_000 });
    expect(engine.reachability?.()).toBeNull();
    await expect(session.start()).rejects.toThrow('cannot reach web.whatsapp.com: ERR_NAME_NOT_RESOLVED');
    expect(await processCount(dataDir)).toBe(0);
    expect(await session.resourceUsage?.()).toBeNull();
    // The engine remembers it, also for the next server on the same data folder.
    expect(engine.reachability?.()).toEqual({ reachable: false, at: expect.any(Number) });
    const root = join(dataDir, '..', '..');
    expect(open({}, undefined, root).engine.reachability?.()?.reachable).toBe(false);
  });

  it('a network that hangs: start fails after the load timeout; memory is reported while it waits', async () => {
    const proxy = await startHangingProxy();
    cleanUp(() => proxy.close());
    const { session, dataDir } = open({ initTimeoutMs: 3_000, browserArgs: [`--proxy-server=${proxy.url}`] });
    const starting = session.start();
    const usage = await eventually(
      async () => (await session.resourceUsage?.()) ?? null,
      (u) => (u?.processes ?? 0) >= 3,
      'the browser to run',
    );
    expect(usage?.rssBytes).toBeGreaterThan(50 * 1024 * 1024);
    await expect(starting).rejects.toThrow('WhatsApp Web did not load in 3 s');
    expect(await processCount(dataDir)).toBe(0);
  });

  it('stop() at any moment of a start (cleaning up, launching, loading) leaves no browser', async () => {
    const proxy = await startHangingProxy();
    cleanUp(() => proxy.close());
    const { session, dataDir } = open({ browserArgs: [`--proxy-server=${proxy.url}`] });
    const moments: (() => Promise<unknown>)[] = [
      async () => undefined,
      () =>
        eventually(
          () => processCount(dataDir),
          (n) => n >= 1,
          'the browser process',
          10_000,
        ),
      () =>
        eventually(
          async () => (await session.resourceUsage?.())?.processes ?? 0,
          (n) => n >= 3,
          'a loaded browser',
        ),
    ];
    for (const moment of moments) {
      const starting = session.start();
      const outcome = starting.then(
        () => 'started',
        (error: Error) => error.message,
      );
      await moment();
      await session.stop();
      expect(await outcome).not.toBe('started');
      expect(await processCount(dataDir)).toBe(0);
    }
  });

  it('a missing browser fails the start for good, with the message that says what to do', async () => {
    const { session } = open({ chromePath: '/nowhere/chromium' });
    const error = await session.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineStartError);
    expect((error as EngineStartError).retryable).toBe(false);
    expect((error as Error).message).toBe(
      `${NO_BROWSER} (CHROME_PATH=/nowhere/chromium is not an executable file)`,
    );
  });
});

describe('WebjsSession against a stand-in WhatsApp Web page', () => {
  it('resolves start on the first QR code, emitting the exact string, then each new one', async () => {
    const { engine, session, events, dataDir } = open({}, { rotateQrMs: 400 });
    await session.start();
    expect(events[0]).toEqual({ type: 'qr', qr: fakeQr(1), expiresAt: expect.any(Number) });
    expect(engine.reachability?.()?.reachable).toBe(true);
    const first = events[0] as Extract<EngineEvent, { type: 'qr' }>;
    expect(first.expiresAt - Date.now()).toBeGreaterThan(50_000);
    await eventually(
      () => events.filter((e) => e.type === 'qr').length,
      (n) => n >= 3,
      'rotated codes',
    );
    expect(events.slice(0, 3)).toEqual(
      [1, 2, 3].map((n) => expect.objectContaining({ type: 'qr', qr: fakeQr(n) })),
    );
    expect(await session.resourceUsage?.()).toMatchObject({ processes: expect.any(Number) });
    await session.stop();
    expect(await processCount(dataDir)).toBe(0);
    expect(await session.resourceUsage?.()).toBeNull();
  });

  it('gives a pairing code for a phone number while the QR code shows, also as an event', async () => {
    const { session, events } = open({}, {});
    await expect(session.requestPairingCode('4915112345678')).rejects.toThrow('not waiting for a link');
    await session.start();
    await expect(session.requestPairingCode('+49 151')).rejects.toThrow('digits in international form');
    expect(await session.requestPairingCode('4915112345678')).toBe(fakePairingCode('4915112345678'));
    expect(events).toContainEqual({ type: 'pairing_code', code: 'PAIR5678' });
  });

  it('refuses sends and lookups until connected', async () => {
    const { session } = open({}, {});
    await session.start();
    await expect(session.send('4915112345678', { type: 'text', text: 'hi' })).rejects.toThrow(
      'Session is not connected',
    );
    await expect(session.checkNumber('4915112345678')).rejects.toThrow('Session is not connected');
    await expect(session.listChats()).rejects.toThrow('Session is not connected');
  });

  it('reports a browser that dies after start as a disconnect to reconnect from, once', async () => {
    const { session, events, dataDir } = open({}, {});
    await session.start();
    const [browser] = await chromiumProcesses(dataDir);
    process.kill(browser!, 'SIGKILL');
    await eventually(
      () => events.filter((e) => e.type === 'disconnected'),
      (d) => d.length > 0,
      'the disconnect',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.type !== 'qr')).toEqual([
      {
        type: 'disconnected',
        loggedOut: false,
        reason: 'The browser closed unexpectedly',
        coded: { reason: 'session.browser_closed', params: {} },
      },
    ]);
    await session.stop();
    expect(await processCount(dataDir)).toBe(0);
    // It can start again on the same profile (the dead browser's lock is cleared).
    await session.start();
    expect(events.at(-1)).toMatchObject({ type: 'qr', qr: fakeQr(1) });
  });

  it('treats the phone unlinking as a logout; logout() then deletes the login data', async () => {
    const { session, events, dataDir } = open({}, { unlinkAfterMs: 500 });
    await session.start();
    await eventually(
      () => events.find((e) => e.type === 'disconnected'),
      (e) => e !== undefined,
      'the unlink',
    );
    expect(events.find((e) => e.type === 'disconnected')).toEqual({
      type: 'disconnected',
      loggedOut: true,
      reason: 'Logged out: the linked device was removed',
      coded: { reason: 'session.device_removed', params: {} },
    });
    await session.logout();
    expect(await processCount(dataDir)).toBe(0);
    expect(existsSync(join(dataDir, 'session'))).toBe(false);
  });
});

describe('WebjsSession logout when not running', () => {
  it('ends a browser left over from a killed server and deletes the login data', async () => {
    const { session, dataDir } = open();
    const profile = join(dataDir, 'session');
    mkdirSync(profile, { recursive: true });
    writeFileSync(join(profile, 'Local State'), '{}');
    const orphan = spawn(
      '/usr/bin/chromium',
      ['--headless=new', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, 'about:blank'],
      { detached: true, stdio: 'ignore' },
    );
    cleanUp(() => void orphan.kill('SIGKILL'));
    await eventually(
      () => processCount(dataDir),
      (n) => n >= 2,
      'the orphan browser',
    );
    await session.logout();
    expect(await processCount(dataDir)).toBe(0);
    expect(existsSync(profile)).toBe(false);
  });

  it('is a no-op with nothing stored', async () => {
    const { session, dataDir } = open();
    await session.logout();
    await session.stop();
    expect(existsSync(join(dataDir, 'session'))).toBe(false);
  });
});
