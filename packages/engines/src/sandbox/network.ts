import { createHash } from 'node:crypto';
import type { MediaType } from '@switchboard/validators';
import type { InboundMessage, Place } from '../contract.ts';
import { newMessageId } from './codes.ts';
import { NetworkLog, type PhoneMessage } from './network-log.ts';
import { personName } from './person-names.ts';
import { PhoneFiles } from './phone-files.ts';
import { DEFAULT_RISK, RiskModel, type RiskOptions, type RiskVerdict, type Standing } from './risk.ts';

export type { PhoneMessage };

/** A refused control request; `status` is the HTTP status the control API answers with. */
export class SandboxError extends Error {
  constructor(
    readonly status: 404 | 409 | 410,
    message: string,
    /** The session a phone is already linked to, for callers allowed to be told which. */
    readonly linkedTo?: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

/** What a virtual phone sends to an account: a text, a file (with a caption) or a place. */
export interface PhoneContent {
  text: string;
  media?: { kind: MediaType; data: Buffer; mimetype?: string; filename?: string };
  location?: Place;
}

/**
 * What the network may do to a running session: the things a phone or the network does to a linked
 * device. Sessions register a handle rather than themselves, so these never show on the EngineSession.
 */
export interface SessionHandle {
  /** The phone this session is linked to, while it is running with a link. */
  linkedPhone(): string | undefined;
  isReady(): boolean;
  isShowingQr(): boolean;
  /** The phone scanned the QR code or entered a pairing code. */
  link(phone: string): void;
  receive(message: InboundMessage): void;
  /** The connection dropped; the session is still linked. */
  drop(): void;
  /** The phone removed this linked device. */
  unlink(): void;
  /** The account's standing changed (limited, lifted, banned): read it with `standing`. */
  standingChanged(): void;
  /** The next send is handed to WhatsApp, then fails: its outcome is unknown. */
  failNextSend(): void;
}

export interface NetworkOptions {
  /** Where what phones received and which numbers are banned are kept across restarts; memory only if unset. */
  stateFile?: string;
  /** The account-risk model; off when unset (a reach-out limit set through the control API still holds). */
  risk?: RiskOptions;
  /** The network's time (tests move it themselves). */
  now?: () => number;
}

interface QrRecord {
  readonly handle: SessionHandle;
  readonly sessionId: string;
  readonly expiresAt: number;
}

interface PairingRecord extends QrRecord {
  /** The phone the code was requested for; only that phone may enter it. */
  readonly phone: string;
}

/** Bounds, so a long-running sandbox cannot grow without limit. */
const INBOX_LIMIT = 1000;
const PHONE_LIMIT = 10_000;
const CODES_PER_SESSION = 50;
/** The bytes of received files kept for all phones together; older ones are forgotten first. */
const PHONE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The simulated WhatsApp network: which sessions are running, the QR and pairing codes they show, and
 * what each virtual phone has received. The control API (standing in for phones) drives it.
 */
export class SandboxNetwork {
  readonly #running = new Map<string, SessionHandle>();
  readonly #qrCodes = new Map<string, QrRecord>();
  readonly #pairingCodes = new Map<string, PairingRecord>();
  /** Codes per session (oldest first), to forget them together and cap them. */
  readonly #codesOf = new Map<SessionHandle, { qr: string[]; pairing: string[] }>();
  /** Least recently written phone first, so the oldest inbox is the one forgotten. */
  readonly #inboxes = new Map<string, PhoneMessage[]>();
  readonly #offlineUntil = new Map<string, number>();
  readonly #log: NetworkLog | undefined;
  readonly #risk: RiskModel;
  /** Bans already written to the log. */
  readonly #loggedBans = new Set<string>();
  readonly #files = new PhoneFiles(PHONE_FILE_BYTES);
  readonly now: () => number;

  constructor(options: NetworkOptions = {}) {
    this.now = options.now ?? Date.now;
    this.#log = options.stateFile ? new NetworkLog(options.stateFile) : undefined;
    const kept = this.#log?.load({ perPhone: INBOX_LIMIT, phones: PHONE_LIMIT });
    for (const [phone, inbox] of kept?.inboxes ?? []) this.#inboxes.set(phone, inbox);
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
    return this.#qrCodes.get(qr)?.sessionId;
  }

  sessionIdForPairingCode(code: string): string | undefined {
    return this.#pairingCodes.get(code)?.sessionId;
  }

  /** The running, ready session linked to `phone`. */
  sessionIdForPhone(phone: string): string | undefined {
    for (const [sessionId, handle] of this.#running) {
      if (handle.isReady() && handle.linkedPhone() === phone) return sessionId;
    }
    return undefined;
  }

  scan(qr: string, phone: string): { sessionId: string } {
    const record = this.#qrCodes.get(qr);
    if (!record) throw new SandboxError(404, 'Unknown QR code');
    if (!this.#stillShowing(record)) {
      throw new SandboxError(410, 'This QR code has expired; scan the one shown now');
    }
    this.#link(record, phone);
    return { sessionId: record.sessionId };
  }

  pair(code: string, phone: string): { sessionId: string } {
    const record = this.#pairingCodes.get(code);
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
    if (!this.#inboxes.get(reporter)?.some((m) => m.from === account))
      throw new SandboxError(409, `Phone ${reporter} never received a message from ${account}`);
    return this.#risk.report(account);
  }

  /** How the risk model sees the account numbered `account`. */
  standing(account: string): Standing {
    return this.#risk.standing(account);
  }

  /** Every virtual phone that has received something, each with its inbox (oldest first). */
  phones(): Array<{ phone: string; name: string; messages: PhoneMessage[] }> {
    return [...this.#inboxes].map(([phone, inbox]) => ({
      phone,
      name: personName(phone),
      messages: [...inbox],
    }));
  }

  /** What virtual phone `phone` has received, oldest first. */
  phoneMessages(phone: string): PhoneMessage[] {
    return [...(this.#inboxes.get(phone) ?? [])];
  }

  /** The bytes of a file virtual phone `phone` received in message `id`. */
  phoneFile(phone: string, id: string): { message: PhoneMessage; data: Buffer } {
    const message = this.#inboxes.get(phone)?.find((m) => m.id === id);
    if (!message?.media) throw new SandboxError(404, `Phone ${phone} received no file in message ${id}`);
    const data = this.#files.get(id);
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
    this.#qrCodes.set(qr, { handle, sessionId, expiresAt });
    this.#remember(handle, 'qr', qr);
  }

  addPairingCode(
    sessionId: string,
    handle: SessionHandle,
    code: string,
    phone: string,
    expiresAt: number,
  ): void {
    this.#pairingCodes.set(code, { handle, sessionId, phone, expiresAt });
    this.#remember(handle, 'pairing', code);
  }

  /** The session stopped: its codes are no longer worth remembering. */
  forgetCodes(handle: SessionHandle): void {
    const codes = this.#codesOf.get(handle);
    for (const qr of codes?.qr ?? []) this.#qrCodes.delete(qr);
    for (const code of codes?.pairing ?? []) this.#pairingCodes.delete(code);
    this.#codesOf.delete(handle);
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
    if (file) this.#files.put(message.id, file.data);
    this.#log?.received(to, stored);
    const inbox = this.#inboxes.get(to) ?? [];
    this.#inboxes.delete(to);
    this.#inboxes.set(to, inbox);
    inbox.push(stored);
    if (inbox.length > INBOX_LIMIT)
      for (const gone of inbox.splice(0, inbox.length - INBOX_LIMIT)) this.#files.forget(gone.id);
    if (this.#inboxes.size > PHONE_LIMIT) {
      const oldest = this.#inboxes.keys().next().value;
      if (oldest !== undefined) {
        for (const gone of this.#inboxes.get(oldest) ?? []) this.#files.forget(gone.id);
        this.#inboxes.delete(oldest);
      }
    }
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

  #remember(handle: SessionHandle, kind: 'qr' | 'pairing', code: string): void {
    const codes = this.#codesOf.get(handle) ?? { qr: [], pairing: [] };
    this.#codesOf.set(handle, codes);
    const list = codes[kind];
    list.push(code);
    if (list.length <= CODES_PER_SESSION) return;
    const forgotten = list.shift();
    if (forgotten === undefined) return;
    if (kind === 'qr') this.#qrCodes.delete(forgotten);
    else this.#pairingCodes.delete(forgotten);
  }
}
