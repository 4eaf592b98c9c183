import { createHash } from 'node:crypto';
import type { MediaType } from '@switchboard/validators';
import type { InboundMessage, Place } from '../contract.ts';
import { newMessageId } from './codes.ts';
import { LinkCodes, type QrRecord } from './link-codes.ts';
import { NetworkLog, type PhoneMessage } from './network-log.ts';
import { personName } from './person-names.ts';
import { INBOX_BOUNDS, PhoneInboxes } from './phone-inboxes.ts';
import { DEFAULT_RISK, RiskModel, type RiskOptions, type RiskVerdict, type Standing } from './risk.ts';
import { SandboxError } from './sandbox-error.ts';
import type { SessionHandle } from './session-handle.ts';

export type { PhoneMessage, SessionHandle };
export { SandboxError };

/** What a virtual phone sends to an account: a text, a file (with a caption) or a place. */
export interface PhoneContent {
  text: string;
  media?: { kind: MediaType; data: Buffer; mimetype?: string; filename?: string };
  location?: Place;
}

export interface NetworkOptions {
  /** Where what phones received and which numbers are banned are kept across restarts; memory only if unset. */
  stateFile?: string;
  /** The account-risk model; off when unset (a reach-out limit set through the control API still holds). */
  risk?: RiskOptions;
  /** The network's time (tests move it themselves). */
  now?: () => number;
}

/**
 * The simulated WhatsApp network: which sessions are running, the QR and pairing codes they show, and
 * what each virtual phone has received. The control API (standing in for phones) drives it.
 */
export class SandboxNetwork {
  readonly #running = new Map<string, SessionHandle>();
  readonly #codes = new LinkCodes();
  readonly #inboxes: PhoneInboxes;
  readonly #offlineUntil = new Map<string, number>();
  readonly #log: NetworkLog | undefined;
  readonly #risk: RiskModel;
  /** Bans already written to the log. */
  readonly #loggedBans = new Set<string>();
  readonly now: () => number;

  constructor(options: NetworkOptions = {}) {
    this.now = options.now ?? Date.now;
    this.#log = options.stateFile ? new NetworkLog(options.stateFile) : undefined;
    const kept = this.#log?.load(INBOX_BOUNDS);
    this.#inboxes = new PhoneInboxes(kept?.inboxes);
    for (const account of kept?.bans.keys() ?? []) this.#loggedBans.add(account);
    this.#risk = new RiskModel(
      options.risk ?? { ...DEFAULT_RISK, enabled: false },
      this.now,
      (account) => this.#standingChanged(account),
      kept?.bans,
    );
  }

  // ── Control: what a phone, or the network itself, does ──────────────────────────────────────────────

  /** Who showed this QR code (current or expired), for access checks before scanning. */
  sessionIdForQr(qr: string): string | undefined {
    return this.#codes.qr(qr)?.sessionId;
  }

  sessionIdForPairingCode(code: string): string | undefined {
    return this.#codes.pairing(code)?.sessionId;
  }

  /** The running, ready session linked to `phone`. */
  sessionIdForPhone(phone: string): string | undefined {
    for (const [sessionId, handle] of this.#running) {
      if (handle.isReady() && handle.linkedPhone() === phone) return sessionId;
    }
    return undefined;
  }

  scan(qr: string, phone: string): { sessionId: string } {
    const record = this.#codes.qr(qr);
    if (!record) throw new SandboxError(404, 'Unknown QR code');
    if (!this.#stillShowing(record)) {
      throw new SandboxError(410, 'This QR code has expired; scan the one shown now');
    }
    this.#link(record, phone);
    return { sessionId: record.sessionId };
  }

  pair(code: string, phone: string): { sessionId: string } {
    const record = this.#codes.pairing(code);
    if (!record) throw new SandboxError(404, 'Unknown pairing code');
    if (!this.#stillShowing(record)) {
      throw new SandboxError(410, 'This pairing code has expired; request a new one');
    }
    if (record.phone !== phone) {
      throw new SandboxError(409, `This pairing code was requested for ${record.phone}, not ${phone}`);
    }
    this.#link(record, phone);
    return { sessionId: record.sessionId };
  }

  /** Virtual phone `from` sends a text, a file or a place to the account whose number is `to`. */
  inbound(from: string, to: string, content: PhoneContent): { sessionId: string; externalId: string } {
    const sessionId = this.sessionIdForPhone(to);
    const handle = sessionId === undefined ? undefined : this.#running.get(sessionId);
    if (sessionId === undefined || !handle) {
      throw new SandboxError(404, `No connected sandbox session has the number ${to}`);
    }
    const externalId = newMessageId();
    this.#risk.heardFrom(to, from);
    const message: InboundMessage = {
      externalId,
      from,
      fromName: personName(from),
      text: content.text,
      timestamp: Date.now(),
    };
    const { media, location } = content;
    if (media) {
      message.media = { kind: media.kind, size: media.data.length, download: async () => media.data };
      if (media.mimetype) message.media.mimetype = media.mimetype;
      if (media.filename) message.media.filename = media.filename;
    }
    if (location) message.location = location;
    handle.receive(message);
    return { sessionId, externalId };
  }

  /**
   * Virtual phone `reporter` reports the account numbered `account` as spam (it must have received a
   * message from it): a strike toward a limit and a ban.
   */
  report(reporter: string, account: string): Standing {
    if (!this.#inboxes.of(reporter)?.some((m) => m.from === account))
      throw new SandboxError(409, `Phone ${reporter} never received a message from ${account}`);
    return this.#risk.report(account);
  }

  /** How the risk model sees the account numbered `account`. */
  standing(account: string): Standing {
    return this.#risk.standing(account);
  }

  /** Every virtual phone that has received something, each with its inbox (oldest first). */
  phones(): Array<{ phone: string; name: string; messages: PhoneMessage[] }> {
    return this.#inboxes.all().map(([phone, inbox]) => ({
      phone,
      name: personName(phone),
      messages: [...inbox],
    }));
  }

  /** What virtual phone `phone` has received, oldest first. */
  phoneMessages(phone: string): PhoneMessage[] {
    return [...(this.#inboxes.of(phone) ?? [])];
  }

  /** The bytes of a file virtual phone `phone` received in message `id`. */
  phoneFile(phone: string, id: string): { message: PhoneMessage; data: Buffer } {
    const message = this.#inboxes.of(phone)?.find((m) => m.id === id);
    if (!message?.media) throw new SandboxError(404, `Phone ${phone} received no file in message ${id}`);
    const data = this.#inboxes.file(id);
    if (!data)
      throw new SandboxError(410, 'The sandbox no longer keeps this file (it keeps the newest 256 MB)');
    return { message, data };
  }

  /** The session loses its connection; for `offlineMs` the network also refuses to let it start again. */
  drop(sessionId: string, offlineMs = 0): void {
    const handle = this.#connected(sessionId);
    // Before the event: a listener that reconnects at once must already find the network down.
    if (offlineMs > 0) this.#offlineUntil.set(sessionId, Date.now() + offlineMs);
    handle.drop();
  }

  /** The phone removes the linked device: the session is logged out and needs a new QR code. */
  unlink(sessionId: string): void {
    const handle = this.#running.get(sessionId);
    if (!handle) throw new SandboxError(404, `Session ${sessionId} is not running in the sandbox`);
    if (handle.linkedPhone() === undefined) {
      throw new SandboxError(404, `Session ${sessionId} is not linked to a phone`);
    }
    handle.unlink();
  }

  /**
   * WhatsApp limits the account of the session from starting chats for `forMs` (error 463, the reach-out
   * limit); 0 lifts it now. Returns when it ends, if it holds.
   */
  limit(sessionId: string, forMs: number): { until: number | null } {
    const phone = this.#connected(sessionId).linkedPhone() ?? '';
    this.#risk.limit(phone, forMs > 0 ? this.now() + forMs : null);
    return { until: this.#risk.standing(phone).limitedUntil };
  }

  /** The session's next send reaches the phone, but the send then fails: the sender cannot tell it arrived. */
  failNextSend(sessionId: string): void {
    this.#connected(sessionId).failNextSend();
  }

  /** Writes what the network still holds for its log and closes the file (at shutdown). */
  close(): void {
    this.#log?.close();
  }

  // ── Used by sessions ─────────────────────────────────────────────────────────────────────────────────

  /** Called by start(): refuses while the network is down for this session or the id already runs. */
  register(sessionId: string, handle: SessionHandle): void {
    const offlineUntil = this.#offlineUntil.get(sessionId);
    if (offlineUntil !== undefined) {
      if (offlineUntil > Date.now()) throw new Error('WhatsApp is unreachable (sandbox network is down)');
      this.#offlineUntil.delete(sessionId);
    }
    const current = this.#running.get(sessionId);
    if (current && current !== handle) {
      throw new Error(`Session ${sessionId} is already running in the sandbox network`);
    }
    this.#running.set(sessionId, handle);
  }

  unregister(sessionId: string, handle: SessionHandle): void {
    if (this.#running.get(sessionId) === handle) this.#running.delete(sessionId);
  }

  addQr(sessionId: string, handle: SessionHandle, qr: string, expiresAt: number): void {
    this.#codes.addQr({ handle, sessionId, expiresAt }, qr);
  }

  addPairingCode(
    sessionId: string,
    handle: SessionHandle,
    code: string,
    phone: string,
    expiresAt: number,
  ): void {
    this.#codes.addPairing({ handle, sessionId, phone, expiresAt }, code);
  }

  /** The session stopped: its codes are no longer worth remembering. */
  forgetCodes(handle: SessionHandle): void {
    this.#codes.forget(handle);
  }

  /** What WhatsApp does with a send from the account numbered `account` to `to` (recorded). */
  assess(account: string, to: string): RiskVerdict {
    return this.#risk.assess(account, to);
  }

  /** Puts a message sent by an account into virtual phone `to`'s inbox, with its file's bytes if any. */
  deliver(
    to: string,
    message: Omit<PhoneMessage, 'media'>,
    file?: { data: Buffer; mimetype: string; filename?: string },
  ): void {
    const stored: PhoneMessage = file
      ? {
          ...message,
          media: {
            mimetype: file.mimetype,
            ...(file.filename ? { filename: file.filename } : {}),
            size: file.data.length,
            sha256: createHash('sha256').update(file.data).digest('hex'),
          },
        }
      : message;
    this.#log?.received(to, stored);
    this.#inboxes.put(to, stored, file?.data);
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────────

  /** The running session, when it is connected: 404 when it is not running, 409 when not connected. */
  #connected(sessionId: string): SessionHandle {
    const handle = this.#running.get(sessionId);
    if (!handle) throw new SandboxError(404, `Session ${sessionId} is not running in the sandbox`);
    if (!handle.isReady()) throw new SandboxError(409, `Session ${sessionId} is not connected`);
    return handle;
  }

  #standingChanged(account: string): void {
    const banned = this.#risk.standing(account).banned;
    if (banned && !this.#loggedBans.has(account)) {
      this.#loggedBans.add(account);
      this.#log?.banned(account, banned);
    }
    for (const handle of this.#running.values())
      if (handle.linkedPhone() === account) handle.standingChanged();
  }

  /** A code links only while its session still shows it: not once expired, linked, given up or stopped. */
  #stillShowing(record: QrRecord): boolean {
    return (
      record.expiresAt > Date.now() &&
      this.#running.get(record.sessionId) === record.handle &&
      record.handle.isShowingQr()
    );
  }

  #link(record: QrRecord, phone: string): void {
    for (const [sessionId, handle] of this.#running) {
      if (handle !== record.handle && handle.linkedPhone() === phone) {
        throw new SandboxError(409, `Phone ${phone} is already linked to another session`, sessionId);
      }
    }
    record.handle.link(phone);
  }
}
