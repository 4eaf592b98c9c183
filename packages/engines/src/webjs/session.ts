import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Coded, coded } from '@switchboard/validators';
import type { Client as WwebClient } from 'whatsapp-web.js';
import wweb from 'whatsapp-web.js';
import type {
  Chat,
  EngineEvent,
  EngineEventListener,
  EngineSession,
  EngineSessionOptions,
  Group,
  OutboundContent,
  PeerId,
  PhoneDigits,
  ResourceUsage,
} from '../contract.ts';
import { EngineSendError, EngineStartError, EventHub } from '../contract.ts';
import { removeWithRetry } from '../remove-with-retry.ts';
import { closeBrowser, hookAuth } from './browser-hooks.ts';
import { findBrowser } from './browser-path.ts';
import { clientOptions } from './client-options.ts';
import {
  authFailureOutcome,
  describeStartError,
  disconnectOutcome,
  type LinkOutcome,
  notReadyOutcome,
  qrLifetimeMs,
  stateOutcome,
} from './link-outcomes.ts';
import { accountFromInfo, toChat, toGroup } from './mapping.ts';
import type { WebjsOptions } from './options.ts';
import { helpersLoaded } from './page-probes.ts';
import { processTreeUsage } from './process-tree.ts';
import type { ReachabilityRecord } from './reachability.ts';
import type { Run } from './run.ts';
import { endStaleBrowser, lockOwnerPid } from './stale-browser.ts';
import { Traffic } from './traffic.ts';
import { withTimeout } from './with-timeout.ts';

// whatsapp-web.js is CommonJS: its classes come from the default export (named imports fail under ESM).
const { Client, LocalAuth } = wweb;

/** How long telling WhatsApp about a logout may take before the local logout goes ahead anyway. */
const LOGOUT_TIMEOUT_MS = 10_000;
/** How long stop() waits for a launch in progress to notice it was cancelled (puppeteer's own is 30 s). */
const LAUNCH_SETTLE_MS = 10_000;
/** After the last QR code expired, how long to wait for WhatsApp to issue another before giving up. */
const QR_GRACE_MS = 30_000;

class InitTimeout extends Error {}

/**
 * One WhatsApp account driven through WhatsApp Web in its own Chromium (whatsapp-web.js + puppeteer).
 * Its login lives in `<dataDir>/session` (LocalAuth's Chromium profile), so a restart needs no new scan.
 */
export class WebjsSession implements EngineSession {
  readonly #id: string;
  readonly #dataDir: string;
  /** The Chromium profile LocalAuth uses: `<dataPath>/session` when no clientId is given. */
  readonly #profileDir: string;
  readonly #options: WebjsOptions;
  readonly #proxy: EngineSessionOptions['proxy'];
  readonly #events = new EventHub<EngineEvent>();
  readonly #reach: ReachabilityRecord | undefined;
  #run: Run | undefined;
  /** Counts starts and stops, so a start that a stop overtook before its run existed gives up. */
  #attempts = 0;

  constructor(session: EngineSessionOptions, options: WebjsOptions, reach?: ReachabilityRecord) {
    // The caller validated the id and made dataDir from it; nothing here builds a path from other input.
    this.#id = session.id;
    this.#dataDir = session.dataDir;
    this.#profileDir = join(session.dataDir, 'session');
    this.#options = options;
    this.#proxy = session.proxy;
    this.#reach = reach;
  }

  async start(): Promise<void> {
    if (this.#run && !this.#run.ended) throw new Error(`Session ${this.#id} is already started`);
    const attempt = ++this.#attempts;
    if (this.#run) await this.#release(this.#run);
    const executablePath = findBrowser({ configured: this.#options.chromePath });
    // A browser orphaned by a killed server still holds the profile; the launch would fail without this.
    const stale = await endStaleBrowser(this.#profileDir);
    // Stopped while we cleaned up: there is no run for stop() to end yet, so do not start one.
    if (attempt !== this.#attempts) throw new Error('The session was stopped while starting');
    if (stale.survivors.length > 0) {
      throw new Error(
        `A browser from an earlier run (pid ${stale.survivors.join(', ')}) still uses this session's profile and could not be ended`,
      );
    }
    const auth = new LocalAuth({ dataPath: this.#dataDir });
    const client = new Client(
      clientOptions(this.#options, { executablePath, authStrategy: auth, proxy: this.#proxy }),
    );
    let underway!: () => void;
    const signOfLife = new Promise<void>((resolve) => {
      underway = resolve;
    });
    const run: Run = {
      client,
      phase: 'launching',
      ended: false,
      started: false,
      qrCount: 0,
      initialized: Promise.resolve(),
      underway,
      traffic: new Traffic(client, (event) => {
        if (!run.ended) this.#emit(event);
      }),
    };
    this.#run = run;
    hookAuth(run, auth, (reason, why) => this.#crashed(run, reason, why));
    this.#wire(run);

    const initializing = client.initialize();
    run.initialized = initializing.then(
      () => undefined,
      () => undefined,
    );
    // initialize() waits for the page with no timeout: on a network that hangs it would wait for ever.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new InitTimeout()), this.#options.initTimeoutMs);
    });
    try {
      await Promise.race([initializing, signOfLife, timeout]);
      // A QR code, a login or a ready account: WhatsApp Web answered.
      this.#reach?.record(true);
    } catch (error) {
      await this.#release(run);
      const seconds = Math.round(this.#options.initTimeoutMs / 1000);
      const failure =
        error instanceof InitTimeout
          ? {
              text: `WhatsApp Web did not load in ${seconds} s`,
              coded: coded('session.web_load_timeout', { seconds }),
            }
          : describeStartError(error);
      const unreachable = error instanceof InitTimeout || failure.coded.reason === 'session.unreachable';
      if (unreachable) this.#reach?.record(false);
      // Trying again may well help (the network, WhatsApp Web): retryable, with the reason's code.
      throw new EngineStartError(failure.text, { retryable: true, cause: error, coded: failure.coded });
    } finally {
      clearTimeout(timer);
    }
    run.started = true;
    // Resolved on a QR code before initialize() finished: if it fails later, the run is over.
    initializing.catch((error: unknown) => {
      const failure = describeStartError(error);
      this.#end(run, { type: 'disconnected', loggedOut: false, reason: failure.text, coded: failure.coded });
    });
  }

  async stop(): Promise<void> {
    this.#attempts += 1;
    if (this.#run) await this.#release(this.#run);
  }

  async logout(): Promise<void> {
    const run = this.#run;
    if (run && !run.ended && (run.phase === 'ready' || run.phase === 'authenticating')) {
      // Ended first, so the browser closing below is not mistaken for a crash.
      run.ended = true;
      // Tell WhatsApp, so the phone drops this linked device. Best effort: the local logout happens anyway.
      await withTimeout(run.client.logout(), LOGOUT_TIMEOUT_MS).catch(() => undefined);
    }
    await this.stop();
    // Never started in this process (e.g. deleting after a crash): a stale browser may still hold files.
    await endStaleBrowser(this.#profileDir);
    try {
      await removeWithRetry(this.#profileDir);
    } catch (error) {
      const detail = (error as Error).message;
      throw new Error(`Logged out, but the WhatsApp login data could not be deleted: ${detail}`, {
        cause: error,
      });
    }
  }

  async requestPairingCode(phone: PhoneDigits): Promise<string> {
    const run = this.#run;
    if (!run || run.ended || run.phase !== 'qr') {
      throw new Error('Session is not waiting for a link; request a pairing code while the QR code shows');
    }
    if (!/^\d{6,15}$/.test(phone)) throw new Error('The phone number must be digits in international form');
    // whatsapp-web.js also emits the code as `code`, which becomes our `pairing_code` event.
    return run.client.requestPairingCode(phone);
  }

  async send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    const run = this.#run;
    if (!run || run.ended || run.phase !== 'ready') {
      throw new EngineSendError('Session is not connected', { outcome: 'failed', reason: 'not_connected' });
    }
    return run.traffic.send(to, content);
  }

  async checkNumber(phone: PhoneDigits): Promise<{ onWhatsApp: boolean; chatId?: string }> {
    const chat = await this.#connected().getNumberId(phone);
    return chat ? { onWhatsApp: true, chatId: chat._serialized } : { onWhatsApp: false };
  }

  async listGroups(): Promise<Group[]> {
    const chats = await this.#connected().getChats();
    return chats.filter((chat) => chat.isGroup).map(toGroup);
  }

  async listChats(): Promise<Chat[]> {
    const chats = (await this.#connected().getChats()).map(toChat);
    return chats.sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0));
  }

  onEvent(listener: EngineEventListener): () => void {
    return this.#events.on(listener);
  }

  async resourceUsage(): Promise<ResourceUsage | null> {
    const run = this.#run;
    if (!run || run.released) return null;
    // While puppeteer is still connecting, the browser already runs: its profile lock names it.
    const pid = run.browserPid ?? lockOwnerPid(this.#profileDir);
    return pid ? processTreeUsage(pid) : null;
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────────

  #connected(): WwebClient {
    const run = this.#run;
    if (!run || run.ended || run.phase !== 'ready') throw new Error('Session is not connected');
    return run.client;
  }

  #wire(run: Run): void {
    const { client } = run;
    client.on('qr', (qr) => {
      if (run.ended) return;
      run.phase = 'qr';
      const lifetime = qrLifetimeMs(run.qrCount++);
      this.#armQrTimer(run, lifetime + QR_GRACE_MS);
      // Never `last`: whatsapp-web.js gets no qrMaxRetries, so WhatsApp alone decides how many codes it
      // issues and does not say which is the final one; the timer above gives up when none follows.
      this.#emit({ type: 'qr', qr, expiresAt: Date.now() + lifetime });
      run.underway();
    });
    client.on('code', (code) => {
      if (!run.ended) this.#emit({ type: 'pairing_code', code });
    });
    client.on('authenticated', () => {
      // whatsapp-web.js may say it twice for one sign-in (its page injects again on a slow load): told once.
      if (run.ended || run.phase === 'authenticating') return;
      run.phase = 'authenticating';
      clearTimeout(run.qrTimer);
      clearTimeout(run.readyTimer);
      run.readyTimer = setTimeout(() => void this.#readyOverdue(run), this.#options.initTimeoutMs);
      run.readyTimer.unref();
      this.#emit({ type: 'authenticated' });
      run.underway();
    });
    client.on('ready', () => {
      if (run.ended) return;
      run.phase = 'ready';
      clearTimeout(run.qrTimer);
      clearTimeout(run.readyTimer);
      this.#emit({ type: 'ready', me: accountFromInfo(client.info) });
      run.underway();
      run.traffic.connected();
    });
    client.on('auth_failure', (message) => this.#end(run, authFailureOutcome(message)));
    client.on('disconnected', (reason) => this.#end(run, disconnectOutcome(String(reason))));
    client.on('change_state', (state) => {
      const outcome = stateOutcome(String(state));
      if (outcome) this.#end(run, outcome);
    });
  }

  /**
   * WhatsApp Web accepted the login but whatsapp-web.js never got it `ready` (it could not attach to this
   * version): the run ends as a retryable failure saying so; the login is kept for the next attempt.
   */
  async #readyOverdue(run: Run): Promise<void> {
    if (run.ended || run.phase !== 'authenticating') return;
    const page = run.client.pupPage;
    const loaded = page ? await withTimeout(helpersLoaded(page), 5_000).catch(() => null) : null;
    if (run.phase === 'authenticating') this.#end(run, notReadyOutcome(this.#options.initTimeoutMs, loaded));
  }

  /** WhatsApp stops issuing QR codes after a few minutes unscanned; without this the session would sit in `qr`. */
  #armQrTimer(run: Run, ms: number): void {
    clearTimeout(run.qrTimer);
    run.qrTimer = setTimeout(() => {
      if (run.phase === 'qr') {
        this.#end(run, { type: 'failed', reason: 'QR code not scanned in time', retryable: false });
      }
    }, ms);
    run.qrTimer.unref();
  }

  /** A crash while starting rejects start() (with the reason initialize() gives); afterwards it is an event. */
  #crashed(run: Run, reason: string, why: Coded): void {
    if (run.started) this.#end(run, { type: 'disconnected', loggedOut: false, reason, coded: why });
  }

  /** The run is over by itself: say why, once. The session manager then calls stop() or logout(). */
  #end(run: Run, outcome: LinkOutcome): void {
    if (run.ended) return;
    run.ended = true;
    this.#clearTimers(run);
    this.#emit(outcome);
  }

  #clearTimers(run: Run): void {
    clearTimeout(run.qrTimer);
    clearTimeout(run.readyTimer);
    run.traffic.stop();
  }

  /** Stops the run's browser for good: closed politely, killed if need be, waited for if still launching. */
  #release(run: Run): Promise<void> {
    run.released ??= (async () => {
      run.ended = true;
      this.#clearTimers(run);
      // WhatsApp Web reloading now would re-run whatsapp-web.js's injection against a closing page.
      run.client.pupPage?.removeAllListeners('framenavigated');
      await closeBrowser(run);
      // A launch in progress closes its browser itself when it completes (see #hookAuth).
      await Promise.race([run.initialized, sleep(LAUNCH_SETTLE_MS)]);
      // Whatever is left on this profile (helpers of a browser that was killed) goes too.
      await endStaleBrowser(this.#profileDir);
    })();
    return run.released;
  }

  #emit(event: EngineEvent): void {
    this.#events.emit(event);
  }
}
