/**
 * The one seam between WhatsApp and the rest of Switchboard.
 *
 * An Engine creates EngineSessions. A session is started, stopped, logged out, asked to send or look
 * things up, and reports what happens as typed events. Everything above this file is engine-agnostic.
 */

import type { Coded, EngineName, MediaType, ProxySettings } from '@switchboard/validators';

export { isLid } from '@switchboard/validators';

/** Phone numbers cross the seam as digits in international form, without "+" (e.g. "4915112345678"). */
export type PhoneDigits = string;

/**
 * A WhatsApp privacy id ("LID"), e.g. "123456789012345@lid": WhatsApp names some people by it without
 * telling their phone number. It stays the same for a person, so a contact first known by it can be merged
 * with the one of their number once WhatsApp tells both.
 */
export type Lid = `${string}@lid`;

/** Whom a message is from or for: phone digits, or a LID when WhatsApp does not tell the number. */
export type PeerId = PhoneDigits | Lid;

export type AckLevel = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface InboundMessage {
  /** The engine's id for the message, unique per session. */
  externalId: string;
  /** The sender: their phone digits when WhatsApp tells them, else their LID (never dropped for lack of a number). */
  from: PeerId;
  /** The sender's LID when WhatsApp gave one, also when `from` is their number: both name the same person. */
  fromLid?: Lid;
  /** Sender's display (push) name, when WhatsApp tells it. */
  fromName?: string;
  /** Group chat id when the message was posted in a group. */
  groupId?: string;
  /** The text, or a file's caption. */
  text: string;
  /** The file the message carries (an image, a voice note, …). */
  media?: InboundMedia;
  /** The place a location message shares. */
  location?: Place;
  /** When the sender's phone sent it (ms since epoch). */
  timestamp: number;
}

/** A received file: described at once, its bytes fetched only when someone wants them. */
export interface InboundMedia {
  kind: MediaType;
  /** As WhatsApp describes it; the bytes decide what is stored. */
  mimetype?: string;
  /** As WhatsApp announced it, before downloading: lets a file over the size cap be skipped unfetched. */
  size?: number;
  filename?: string;
  /** Fetches the bytes (from WhatsApp's servers, for real engines); rejects with the reason it cannot. */
  download(): Promise<Buffer>;
}

/** A place, in degrees, with what WhatsApp shows under the map. */
export interface Place {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export type OutboundContent =
  | { type: 'text'; text: string }
  /** A file sent as `kind` (a voice note, a sticker, a document, …); `data` is its bytes in base64. */
  | { type: 'media'; kind: MediaType; mimetype: string; data: string; filename?: string; caption?: string }
  | ({ type: 'location' } & Place);

export interface Group {
  id: string;
  name: string;
  participants: number;
}

export interface Chat {
  id: string;
  /** The other side's number and LID, when the chat is with a person and WhatsApp tells them. */
  phone?: PhoneDigits;
  lid?: Lid;
  name: string;
  isGroup: boolean;
  unreadCount: number;
  /** ms since epoch of the last message, when known. */
  lastMessageAt?: number;
}

/** A QR code on display. */
export interface ShownQr {
  /** The exact string to encode in the QR image. */
  qr: string;
  /** When it stops being valid (ms since epoch). */
  expiresAt: number;
  /**
   * The engine gives up linking when this code expires. Present only on that code, and only when the engine
   * knows it (the sandbox does; WhatsApp does not say which of its codes is the final one).
   */
  last?: true;
}

export type EngineEvent =
  /** A new QR code; it replaces the previous one. */
  | ({ type: 'qr' } & ShownQr)
  | { type: 'pairing_code'; code: string }
  | { type: 'authenticated' }
  | { type: 'ready'; me: { phone: PhoneDigits; name?: string } }
  /**
   * The link to WhatsApp is gone. loggedOut: the phone unlinked this device; a new QR is needed. `coded`: the
   * reason as a code with its values, when the engine has one (the status reason's translations use it).
   */
  | { type: 'disconnected'; reason: string; coded?: Coded; loggedOut: boolean }
  /** The session cannot go on by itself (e.g. QR not scanned in time). retryable: trying later may work. */
  | { type: 'failed'; reason: string; coded?: Coded; retryable: boolean }
  | { type: 'message'; message: InboundMessage }
  /** A receipt for a sent message. A `failed` one says why (`reason` when it is one the contract names). */
  | { type: 'ack'; externalId: string; ack: AckLevel; error?: string; reason?: SendFailureReason }
  /**
   * WhatsApp limits this account's reach: messages to people it has no chat with are refused (WhatsApp's
   * error 463, the "reach-out timelock") until `until` (ms since epoch) when WhatsApp says. The session stays
   * connected and replies to existing chats still go out; restarting or re-linking would not help.
   */
  | { type: 'limited'; reason: string; until?: number }
  /** The limit announced by `limited` is over. */
  | { type: 'limit_lifted' };

export type EngineEventListener = (event: EngineEvent) => void;

/** What an engine session costs the machine (e.g. its browser's process tree), when it can tell. */
export interface ResourceUsage {
  /** Resident memory of all its processes, in bytes. */
  rssBytes: number;
  processes: number;
}

/**
 * Thrown by `start()` when the engine cannot begin. `retryable: false` says trying again cannot help
 * until someone changes something (e.g. no browser installed), so the session fails without retries.
 */
export class EngineStartError extends Error {
  readonly retryable: boolean;
  /** The message's code, so the dashboard can say it in the operator's language. */
  readonly coded: Coded | undefined;

  constructor(message: string, options: { retryable: boolean; cause?: unknown; coded?: Coded }) {
    super(message, { cause: options.cause });
    this.name = 'EngineStartError';
    this.retryable = options.retryable;
    this.coded = options.coded;
  }
}

/** Why a send did not (certainly) go out. */
export type SendFailureReason =
  /** The session is not connected (yet). */
  | 'not_connected'
  /** The number is not on WhatsApp. */
  | 'not_on_whatsapp'
  /** WhatsApp knows no LID for this contact, which it needs to address them (its "No LID for user"). */
  | 'no_lid'
  /** The account may not message new contacts now (see the `limited` event). */
  | 'reach_out_limited'
  /** WhatsApp handed the message over but gave no id for it, so receipts cannot be matched. */
  | 'no_message_id'
  /** Anything else WhatsApp or the engine reported; the message says what. */
  | 'error';

/**
 * Thrown by `send()`. `outcome` says what is known about the message:
 * - `failed`: it never reached WhatsApp; sending it again later is safe.
 * - `unknown`: it was handed to WhatsApp before the failure, so it may well arrive. It must not be sent
 *   again automatically; `externalId` (when known) lets a later `ack` settle it.
 * Engines never retry a send themselves.
 */
export class EngineSendError extends Error {
  readonly outcome: 'failed' | 'unknown';
  readonly reason: SendFailureReason;
  readonly externalId: string | undefined;

  constructor(
    message: string,
    options: {
      outcome: 'failed' | 'unknown';
      reason: SendFailureReason;
      externalId?: string;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'EngineSendError';
    this.outcome = options.outcome;
    this.reason = options.reason;
    this.externalId = options.externalId;
  }
}

export interface EngineSession {
  /**
   * Begin connecting. Resolves once the engine is under way; progress (qr, ready, …) arrives as events.
   * Rejects with a readable Error when it cannot even begin (e.g. browser missing).
   */
  start(): Promise<void>;
  /** Disconnect and release every resource (browser, timers). Keeps auth so the next start needs no QR. */
  stop(): Promise<void>;
  /** Unlink from the phone and delete the auth state. */
  logout(): Promise<void>;
  /** Ask for an 8-character pairing code for `phone` (instead of a QR); also emitted as `pairing_code`. */
  requestPairingCode(phone: PhoneDigits): Promise<string>;
  /** Resolves once WhatsApp took the message, with its id for receipts; rejects with an EngineSendError. */
  send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }>;
  checkNumber(phone: PhoneDigits): Promise<{ onWhatsApp: boolean; chatId?: string }>;
  listGroups(): Promise<Group[]>;
  listChats(): Promise<Chat[]>;
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: EngineEventListener): () => void;
  /** Current resource usage, for engines that run something heavy (a browser); null when not running. */
  resourceUsage?(): Promise<ResourceUsage | null>;
}

export interface EngineSessionOptions {
  /** Validated session id (`^[a-z0-9][a-z0-9_-]{0,63}$`), safe to use as a directory name. */
  id: string;
  /** This session's own folder for auth state; created by the caller. */
  dataDir: string;
  /** The proxy this session reaches WhatsApp through, for engines that go through a network of their own. */
  proxy?: ProxySettings;
}

/** Whether an engine could reach WhatsApp at its last attempt (`at`, ms since epoch). */
export interface Reachability {
  reachable: boolean;
  at: number;
}

export interface Engine {
  readonly name: EngineName;
  createSession(options: EngineSessionOptions): EngineSession;
  /** For engines that go out to the network: what their last attempt found; null before any attempt. */
  reachability?(): Reachability | null;
}

/** The engines a server offers, keyed by name. Core receives this; it never imports a concrete engine. */
export type EngineRegistry = ReadonlyMap<EngineName, Engine>;

/** A small listener set that isolates listeners from each other: one that throws never stops the rest. */
export class EventHub<E> {
  readonly #listeners = new Set<(event: E) => void>();

  on(listener: (event: E) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('[switchboard] engine event listener threw', error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
