/**
 * Test fixtures for the WhatsApp Web engine on machines that cannot reach WhatsApp: a stand-in WhatsApp
 * Web page (served by whatsapp-web.js's own version cache, so no network is involved) and the phone that
 * drives it, a proxy that never answers (a network that hangs), and a count of the Chromium processes
 * using a profile.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { processesUsingProfile } from './process-tree.ts';
import { endStaleBrowser, lockOwnerPid } from './stale-browser.ts';
import { type StandInScript, standInPage } from './stand-in/page.ts';

export { isAlive } from './process-tree.ts';

/** The version the stand-in page is saved under; pin it with WEBJS_WEB_VERSION to load it. */
export const FAKE_WEB_VERSION = '2.9999.0';

export type FakeWhatsAppWebScript = StandInScript;
export { STAND_IN_ACCOUNT } from './stand-in/page.ts';

/** The QR string the stand-in shows for its n-th code (1-based), as whatsapp-web.js assembles it. */
export const fakeQr = (n: number) => `fake-ref-${n},c3RhdGljLWtleQ==,aWRlbnRpdHkta2V5,adv-secret,Chrome`;

/** The pairing code the stand-in gives for a phone number. */
export const fakePairingCode = (phone: string) => `PAIR${phone.slice(-4)}`;

/** Saves the stand-in WhatsApp Web as version FAKE_WEB_VERSION in a version cache folder. */
export function saveFakeWhatsAppWeb(cacheDir: string, script: FakeWhatsAppWebScript = {}): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, `${FAKE_WEB_VERSION}.html`), standInPage(FAKE_WEB_VERSION, script));
}

/** A message that reached WhatsApp through the stand-in (what `phone.js` records). */
export interface HandedOver {
  id: string;
  to: string;
  type: string;
  body: string | null;
  caption: string | null;
  mimetype: string | null;
  filename: string | null;
  size: number | null;
  /** SHA-256 of the file's bytes, base64. */
  filehash: string | null;
  /** For a location: where, and "name\naddress". */
  location: { lat: number; lng: number; loc: string | null } | null;
}

/** What someone sends the account through the stand-in. */
export interface StandInIncoming {
  from: string;
  body: string;
  notifyName?: string;
  author?: string;
  /** A file, with WhatsApp Web's own type name ("image", "ptt", "document", …) and its bytes in base64. */
  media?: { type: string; mimetype: string; data: string; filename?: string; caption?: string };
  location?: { lat: number; lng: number; loc?: string };
}

/**
 * The phone (and WhatsApp's servers) of a session running the stand-in: drives `window.standIn` in the
 * session's own browser through the DevTools protocol, on loopback. Close it after use.
 */
export class StandInPhone {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Connects to the browser running on a session's profile, `<dataDir>/session`. */
  static async of(sessionDataDir: string): Promise<StandInPhone> {
    const [port, path] = readFileSync(join(sessionDataDir, 'session', 'DevToolsActivePort'), 'utf8').split(
      '\n',
    );
    const browser = await puppeteer.connect({
      browserWSEndpoint: `ws://127.0.0.1:${port}${path}`,
      defaultViewport: null,
    });
    const page = (await browser.pages()).find((p) => p.url().startsWith('https://web.whatsapp.com'));
    if (!page) {
      await browser.disconnect();
      throw new Error('The stand-in WhatsApp Web page is not open');
    }
    return new StandInPhone(browser, page);
  }

  /** The phone scans the QR code. */
  link = () => this.#call<void>('link');
  /** Someone writes to the account; resolves with the message's id. */
  receive = (message: StandInIncoming) => this.#call<string>('receive', message);
  /** A receipt for a message the account sent. */
  ack = (id: string, level: 'failed' | 'sent' | 'delivered' | 'read' | 'played') =>
    this.#call<void>('ack', id, level);
  /** What reached WhatsApp, oldest first. */
  outbox = () => this.#call<HandedOver[]>('outbox');
  /** The own fields of a message's key, e.g. `['fromMe', 'remote', 'id', '$1']`. */
  keyFields = (id: string) => this.#call<string[]>('keyFields', id);
  /** The next send fails with `reason` after WhatsApp took the message. */
  failNextSendAfterHandOff = (reason: string) => this.#call<void>('failNextSendAfterHandOff', reason);

  close = () => this.browser.disconnect();

  /** Runs in the page as a string: no code of this process (or its transpiler's helpers) crosses over. */
  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    const list = args.map((arg) => JSON.stringify(arg)).join(', ');
    return this.page.evaluate(`window.standIn.${method}(${list})`) as Promise<T>;
  }
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
