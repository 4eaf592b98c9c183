/**
 * Test fixtures for the WhatsApp Web engine on machines that cannot reach WhatsApp: a stand-in WhatsApp
 * Web page (served by whatsapp-web.js's own version cache, so no network is involved), a proxy that never
 * answers (a network that hangs), and a count of the Chromium processes using a profile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { processesUsingProfile } from './process-tree.ts';
import { endStaleBrowser, lockOwnerPid } from './stale-browser.ts';

export { isAlive } from './process-tree.ts';

/** The version the fake page is saved under; pin it with WEBJS_WEB_VERSION to load the fake. */
export const FAKE_WEB_VERSION = '2.9999.0';

export interface FakeWhatsAppWebScript {
  /** Replace the QR code every this many ms once it shows (WhatsApp rotates its "ref"). */
  rotateQrMs?: number;
  /** The phone unlinks this device this long after whatsapp-web.js set up the page (once per browser tab). */
  unlinkAfterMs?: number;
}

/** The QR string the fake shows for its n-th code (1-based), as whatsapp-web.js assembles it. */
export const fakeQr = (n: number) => `fake-ref-${n},c3RhdGljLWtleQ==,aWRlbnRpdHkta2V5,adv-secret,Chrome`;

/** The pairing code the fake gives for a phone number. */
export const fakePairingCode = (phone: string) => `PAIR${phone.slice(-4)}`;

/**
 * Just enough of WhatsApp Web's module system for whatsapp-web.js to reach the QR code (and a pairing code): the
 * modules it reads while deciding whether to show one, in an unlinked state. Linking cannot be faked this way.
 */
function fakePage(script: FakeWhatsAppWebScript): string {
  return `<!doctype html>
<html><head><title>WhatsApp (test stand-in)</title><script>
(() => {
  const script = ${JSON.stringify(script)};
  const emitter = () => {
    const listeners = {};
    return {
      on(event, fn) { (listeners[event] ??= []).push(fn); },
      off(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); },
      emit(event, ...args) { for (const fn of listeners[event] || []) fn(...args); },
    };
  };
  const Socket = Object.assign(emitter(), { state: 'UNPAIRED', logout() {} });
  const Cmd = Object.assign(emitter(), { refreshQR() {} });
  const Conn = Object.assign(emitter(), { ref: 'fake-ref-1', serialize() { return {}; } });
  const modules = {
    WAWebSocketModel: { Socket },
    WAWebCmd: { Cmd },
    WAWebConnModel: { Conn },
    WAWebOfflineHandler: { OfflineMessageHandler: {} },
    WAWebAltDeviceLinkingApi: {
      setPairingType() {},
      async initializeAltDeviceLinking() {},
      async startAltLinkingFlow(phone) { return 'PAIR' + String(phone).slice(-4); },
    },
    WABase64: { encodeB64: (value) => btoa(value) },
    WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: 'Chrome' },
    WAWebAdvSignatureApi: {},
    WAWebUserPrefsInfoStore: { waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: 'static-key' } }) } },
    WAWebSignalStoreApi: {
      waSignalStore: { getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: 'identity-key' } }) },
    },
    WAWebUserPrefsMultiDevice: { getADVSecretKey: () => 'adv-secret' },
  };
  window.require = (name) => {
    if (!(name in modules)) throw new Error('The WhatsApp Web stand-in has no module ' + name);
    return modules[name];
  };
  window.Debug = { VERSION: '${FAKE_WEB_VERSION}' };
  // Scripted events start once whatsapp-web.js listens for them, however long the page took to get there.
  let n = 1;
  const listen = Conn.on;
  Conn.on = (event, fn) => {
    listen(event, fn);
    if (event !== 'change:ref' || !script.rotateQrMs) return;
    setInterval(() => {
      Conn.ref = 'fake-ref-' + ++n;
      Conn.emit('change:ref', Conn, Conn.ref);
    }, script.rotateQrMs);
  };
  const listenCmd = Cmd.on;
  Cmd.on = (event, fn) => {
    listenCmd(event, fn);
    if (event !== 'logout' || !script.unlinkAfterMs || sessionStorage.getItem('unlinked')) return;
    setTimeout(() => {
      sessionStorage.setItem('unlinked', '1');
      // What WhatsApp Web does when the phone removes the linked device: a logout, then a reload.
      Cmd.emit('logout');
      setTimeout(() => location.reload(), 200);
    }, script.unlinkAfterMs);
  };
})();
</script></head><body>WhatsApp Web stand-in</body></html>`;
}

/** Saves the fake page as WhatsApp Web version FAKE_WEB_VERSION in a version cache folder. */
export function saveFakeWhatsAppWeb(cacheDir: string, script: FakeWhatsAppWebScript = {}): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, `${FAKE_WEB_VERSION}.html`), fakePage(script));
}

/** An HTTP proxy that accepts connections and never answers: to Chromium, a network that hangs. */
export async function startHangingProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Chromium processes (browser and helpers) running on a session's profile, `<dataDir>/session`. */
export const chromiumProcesses = (sessionDataDir: string) =>
  processesUsingProfile(join(sessionDataDir, 'session'));

/** The pid of the browser holding a session's profile, from its SingletonLock. */
export const browserPid = (sessionDataDir: string) => lockOwnerPid(join(sessionDataDir, 'session'));

/** Ends whatever Chromium still runs on a session's profile: a failed test must not leak browsers. */
export const endChromiums = (sessionDataDir: string) => endStaleBrowser(join(sessionDataDir, 'session'));
