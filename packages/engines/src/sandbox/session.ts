import { coded } from '@switchboard/validators';
import type {
  Chat,
  EngineEvent,
  EngineEventListener,
  EngineSession,
  EngineSessionOptions,
  Group,
  InboundMessage,
  OutboundContent,
  PeerId,
  PhoneDigits,
} from '../contract.ts';
import { EngineSendError, EventHub, isLid } from '../contract.ts';
import { limitReason, REACH_OUT_REFUSED } from '../reach-out-words.ts';
import { AckSchedule } from './ack-schedule.ts';
import { newMessageId, newPairingCode, newQrString } from './codes.ts';
import { deleteLink, readLink, type SandboxLink, writeLink } from './link-file.ts';
import type { SandboxNetwork, SessionHandle } from './network.ts';
import { onThePhone } from './on-the-phone.ts';
import type { SandboxOptions } from './options.ts';
import { personName } from './person-names.ts';
import { RecentChats } from './recent-chats.ts';
import { RunTimers } from './run-timers.ts';

/**
 * `stopped`: not started, or stopped. `ended`: the run finished by itself (QR timeout, drop, unlink);
 * it emits nothing more and may be started again.
 */
type Phase = 'stopped' | 'connecting' | 'qr' | 'authenticating' | 'ready' | 'ended';

/** A linked device on the simulated network. Every timer it starts is cleared by stop() and when a run ends. */
export class SandboxSession implements EngineSession {
  readonly #id: string;
  readonly #dataDir: string;
  readonly #options: SandboxOptions;
  readonly #network: SandboxNetwork;
  readonly #events = new EventHub<EngineEvent>();
  readonly #timers = new RunTimers();
  /** The receipts of sends still to come; cleared with the timers. */
  readonly #acks: AckSchedule;
  readonly #chats = new RecentChats();
  #phase: Phase = 'stopped';
  #link: SandboxLink | undefined;
  /** When the last QR code of the current cycle expires; pairing codes live exactly as long. */
  #qrCycleEndsAt = 0;
  /** Bumped whenever a run starts or ends, so a sequence of events stops if a listener ends the run. */
  #run = 0;
  /** The end of the reach-out limit last announced, while one holds. */
  #limitAnnounced: number | null = null;
  /** Set through the control API: the next send fails after the hand-off. */
  #failNextSend = false;

  readonly #handle: SessionHandle = {
    linkedPhone: () => (this.#isRunning() ? this.#link?.phone : undefined),
    isReady: () => this.#phase === 'ready',
    isShowingQr: () => this.#phase === 'qr',
    link: (phone) => this.#linkTo(phone),
    receive: (message) => this.#receive(message),
    drop: () => {
      this.#end();
      this.#emit({
        type: 'disconnected',
        reason: 'Connection lost (sandbox network drop)',
        coded: coded('session.sandbox_drop'),
        loggedOut: false,
      });
    },
    unlink: () => {
      deleteLink(this.#dataDir);
      this.#link = undefined;
      this.#end();
      this.#emit({
        type: 'disconnected',
        reason: 'Unlinked from the phone',
        coded: coded('session.phone_unlinked'),
        loggedOut: true,
      });
    },
    standingChanged: () => this.#announceStanding(),
    failNextSend: () => {
      this.#failNextSend = true;
    },
  };

  constructor(session: EngineSessionOptions, options: SandboxOptions, network: SandboxNetwork) {
    this.#id = session.id;
    this.#dataDir = session.dataDir;
    this.#options = options;
    this.#network = network;
    this.#acks = new AckSchedule(options, (externalId, ack) => this.#emit({ type: 'ack', externalId, ack }));
  }

  async start(): Promise<void> {
    if (this.#isRunning()) throw new Error(`Session ${this.#id} is already started`);
    // Codes of an earlier run that ended by itself were kept so they answer 410; a new run replaces them.
    this.#network.forgetCodes(this.#handle);
    const link = readLink(this.#dataDir);
    this.#network.register(this.#id, this.#handle);
    this.#link = link;
    this.#phase = 'connecting';
    this.#limitAnnounced = null;
    this.#run += 1;
    const run = this.#run;
    this.#timers.later(this.#options.connectDelayMs, () => {
      if (!link) {
        this.#beginQrCycle();
        return;
      }
      this.#phase = 'ready';
      this.#emit({ type: 'authenticated' });
      if (run === this.#run) this.#becomeReady(link);
    });
  }

  async stop(): Promise<void> {
    this.#release();
    this.#phase = 'stopped';
    this.#network.forgetCodes(this.#handle);
  }

  async logout(): Promise<void> {
    await this.stop();
    deleteLink(this.#dataDir);
    this.#link = undefined;
  }

  async requestPairingCode(phone: PhoneDigits): Promise<string> {
    if (this.#phase !== 'qr') throw new Error(this.#whyNoPairingCode());
    if (!/^\d+$/.test(phone)) throw new Error('The phone number must be digits in international form');
    const code = newPairingCode();
    this.#network.addPairingCode(this.#id, this.#handle, code, phone, this.#qrCycleEndsAt);
    this.#emit({ type: 'pairing_code', code });
    return code;
  }

  async send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    if (this.#phase !== 'ready' || !this.#link) {
      throw new EngineSendError('Session is not connected', { outcome: 'failed', reason: 'not_connected' });
    }
    const me = this.#link;
    if (isLid(to)) {
      throw new EngineSendError(`${to} is not on the sandbox network: its phones have numbers, not LIDs`, {
        outcome: 'failed',
        reason: 'not_on_whatsapp',
      });
    }
    if (this.#options.notOnWhatsApp.includes(to)) {
      throw new EngineSendError(`+${to} is not on WhatsApp`, {
        outcome: 'failed',
        reason: 'not_on_whatsapp',
      });
    }
    const verdict = this.#network.assess(me.phone, to);
    if (verdict.kind === 'refuse')
      throw new EngineSendError(REACH_OUT_REFUSED, { outcome: 'failed', reason: 'reach_out_limited' });
    if (verdict.kind === 'banned')
      throw new EngineSendError(`The account is banned by WhatsApp: ${verdict.reason}`, {
        outcome: 'failed',
        reason: 'error',
      });
    const externalId = newMessageId();
    const at = Date.now();
    const { message, file } = onThePhone(content);
    this.#network.deliver(to, { id: externalId, from: me.phone, at, ...message }, file);
    this.#chats.touch(to, at);
    this.#acks.add(externalId, at);
    if (this.#failNextSend) {
      this.#failNextSend = false;
      throw new EngineSendError(
        'The connection failed after WhatsApp took the message (sandbox); it is not sent again — its receipts will settle it',
        { outcome: 'unknown', reason: 'error', externalId },
      );
    }
    return { externalId };
  }

  async checkNumber(phone: PhoneDigits): Promise<{ onWhatsApp: boolean; chatId?: string }> {
    this.#requireReady();
    if (this.#options.notOnWhatsApp.includes(phone)) return { onWhatsApp: false };
    return { onWhatsApp: true, chatId: `${phone}@c.us` };
  }

  async listGroups(): Promise<Group[]> {
    this.#requireReady();
    return [];
  }

  async listChats(): Promise<Chat[]> {
    this.#requireReady();
    return this.#chats.list();
  }

  onEvent(listener: EngineEventListener): () => void {
    return this.#events.on(listener);
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────────

  #isRunning(): boolean {
    return this.#phase !== 'stopped' && this.#phase !== 'ended';
  }

  /** QR codes expire on a fixed schedule from the cycle's start, so late timers never stretch the cycle. */
  #beginQrCycle(): void {
    this.#phase = 'qr';
    const startedAt = Date.now();
    const codes = Math.max(1, this.#options.qrMaxCodes);
    this.#qrCycleEndsAt = startedAt + codes * this.#options.qrRotateMs;
    const show = (n: number): void => {
      const qr = newQrString();
      const expiresAt = startedAt + n * this.#options.qrRotateMs;
      this.#network.addQr(this.#id, this.#handle, qr, expiresAt);
      this.#timers.later(expiresAt - Date.now(), () => {
        if (n < codes) show(n + 1);
        else this.#qrTimedOut();
      });
      this.#emit({ type: 'qr', qr, expiresAt, ...(n === codes ? { last: true } : {}) });
    };
    show(1);
  }

  #qrTimedOut(): void {
    this.#end();
    this.#emit({
      type: 'failed',
      reason: 'QR code not scanned in time',
      coded: coded('session.qr_not_scanned'),
      retryable: false,
    });
  }

  /** The phone scanned a QR code or entered a pairing code (the network checked it is still valid). */
  #linkTo(phone: string): void {
    const link: SandboxLink = { phone, name: personName(phone), linkedAt: Date.now() };
    writeLink(this.#dataDir, link);
    this.#link = link;
    this.#timers.clear();
    this.#phase = 'authenticating';
    this.#timers.later(this.#options.connectDelayMs, () => {
      this.#phase = 'ready';
      this.#becomeReady(link);
    });
    this.#emit({ type: 'authenticated' });
  }

  /** Connected, unless the number is banned; a reach-out limit still in force is announced again. */
  #becomeReady(link: SandboxLink): void {
    this.#limitAnnounced = null;
    const banned = this.#network.standing(link.phone).banned;
    if (banned) {
      this.#banned(banned);
      return;
    }
    this.#emit({ type: 'ready', me: { phone: link.phone, name: link.name } });
    this.#announceStanding();
  }

  /**
   * Tells what WhatsApp decided about this account: banned, limited (when a limit starts or changes), or
   * `limit_lifted` once it is over (checked again when it should end). Restarting changes nothing: the
   * standing belongs to the account.
   */
  #announceStanding(): void {
    const phone = this.#phase === 'ready' ? this.#link?.phone : undefined;
    if (!phone) return;
    const standing = this.#network.standing(phone);
    if (standing.banned) {
      this.#banned(standing.banned);
      return;
    }
    const until = standing.limitedUntil;
    if (until === this.#limitAnnounced) return;
    this.#limitAnnounced = until;
    if (until === null) {
      this.#emit({ type: 'limit_lifted' });
      return;
    }
    this.#emit({
      type: 'limited',
      reason: standing.lastStrike
        ? `WhatsApp limits this account from messaging new contacts (sandbox risk model: ${standing.lastStrike})`
        : limitReason(undefined),
      until,
    });
    // A millisecond late: a timer may fire a rounding error before the clock reads `until`.
    this.#timers.later(until - this.#network.now() + 1, () => this.#announceStanding());
  }

  #banned(reason: string): void {
    this.#end();
    this.#emit({
      type: 'failed',
      reason: `Banned by WhatsApp (sandbox risk model): ${reason}`,
      coded: coded('session.sandbox_banned', { detail: reason }),
      retryable: false,
    });
  }

  #receive(message: InboundMessage): void {
    this.#chats.touch(message.from, message.timestamp);
    this.#emit({ type: 'message', message });
  }

  /** The run finished by itself. Its codes stay known (answering 410) until stop() or the next start(). */
  #end(): void {
    this.#release();
    this.#phase = 'ended';
  }

  #release(): void {
    this.#run += 1;
    this.#timers.clear();
    this.#acks.clear();
    this.#network.unregister(this.#id, this.#handle);
  }

  #requireReady(): SandboxLink {
    if (this.#phase !== 'ready' || !this.#link) throw new Error('Session is not connected');
    return this.#link;
  }

  #whyNoPairingCode(): string {
    if (this.#isRunning() && this.#link) {
      return 'Session is already linked; log out first to link another phone';
    }
    if (this.#phase === 'connecting') return 'Session is still connecting; ask again once the QR code shows';
    return 'Session is not waiting for a link; start it and request a pairing code while the QR code shows';
  }

  #emit(event: EngineEvent): void {
    this.#events.emit(event);
  }
}
