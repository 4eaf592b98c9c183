/**
 * Pure translations from whatsapp-web.js's vocabulary to the engine contract's. They are kept apart from
 * the session so each can be unit-tested with objects shaped like whatsapp-web.js's own, without WhatsApp.
 */
import {
  type CodedReason,
  coded,
  type ErrorParams,
  type MediaType,
  plainText,
  type Said,
} from '@switchboard/validators';
import type { AckLevel, Chat, EngineEvent, Group, InboundMessage, PhoneDigits } from '../contract.ts';
import { isGroupJid, messageIdOf, type PersonIds, personIds, type WwebMessageKeyLike } from './ids.ts';

// ── Acks ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * whatsapp-web.js MessageAck: -1 ERROR, 0 PENDING, 1 SERVER, 2 DEVICE, 3 READ, 4 PLAYED.
 * PENDING (still on this device) has no contract level: the message's own status already says "queued".
 */
export function ackLevel(ack: number): AckLevel | null {
  switch (ack) {
    case -1:
      return 'failed';
    case 1:
      return 'sent';
    case 2:
      return 'delivered';
    case 3:
      return 'read';
    case 4:
      return 'played';
    default:
      return null;
  }
}

// ── Inbound messages ───────────────────────────────────────────────────────────────────────────────────

/** The fields of a whatsapp-web.js `Message` this engine reads (`_data` is its raw model). */
export interface WwebMessageLike {
  id: WwebMessageKeyLike;
  from: string;
  /** The chat a message of this account's went to. */
  to?: string;
  author?: string;
  body: string;
  type: string;
  /** Seconds since the epoch. */
  timestamp: number;
  hasMedia: boolean;
  isStatus?: boolean;
  broadcast?: boolean;
  /** Set on `location` messages. */
  location?: { latitude: number | string; longitude: number | string; name?: string; address?: string };
  _data?: { notifyName?: string; mimetype?: string; size?: number; filename?: string };
  /** The file's bytes in base64, fetched from WhatsApp's servers; undefined when WhatsApp no longer has it. */
  downloadMedia(): Promise<{ data: string } | undefined>;
}

/** WhatsApp Web's message types that carry a file, as Switchboard names them ("ptt" is a voice note). */
const MEDIA_TYPES: Readonly<Record<string, MediaType>> = {
  image: 'image',
  video: 'video',
  ptv: 'video',
  gif: 'video',
  audio: 'audio',
  ptt: 'voice',
  document: 'document',
  sticker: 'sticker',
};

/** Messages that are protocol chatter, not something a person sent. */
const SYSTEM_TYPES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'protocol',
  'call_log',
  'ciphertext',
  'revoked',
  'broadcast_notification',
  'debug',
  'reaction',
]);

/** Who sent a message: the id WhatsApp names them by (a phone id or a LID), the member in groups. */
export function senderJid(msg: WwebMessageLike): string | undefined {
  return isGroupJid(msg.from) ? msg.author : msg.from;
}

/**
 * A received message in contract form, or null for what is not a person's message to this account (own
 * messages, status updates, channels, system notices) or names no sender. `sender` are the sender's ids as
 * the session resolved them: a sender known only by LID is kept under it, with their number when known.
 */
export function inboundMessage(msg: WwebMessageLike, sender: PersonIds): InboundMessage | null {
  if (msg.id.fromMe || msg.isStatus || msg.broadcast || SYSTEM_TYPES.has(msg.type)) return null;
  const from = sender.phone ?? sender.lid;
  const externalId = messageIdOf(msg.id);
  if (!from || !externalId) return null;
  const raw = msg._data ?? {};
  const message: InboundMessage = {
    externalId,
    from,
    text: msg.body ?? '',
    timestamp: msg.timestamp > 0 ? msg.timestamp * 1000 : Date.now(),
  };
  if (sender.lid) message.fromLid = sender.lid;
  if (raw.notifyName) message.fromName = raw.notifyName;
  if (isGroupJid(msg.from)) message.groupId = msg.from;
  const kind = MEDIA_TYPES[msg.type] ?? (msg.hasMedia ? 'document' : undefined);
  if (kind) {
    // Described at once; the bytes are fetched only if Switchboard keeps the file (within its size cap).
    const media: NonNullable<InboundMessage['media']> = { kind, download: () => downloaded(msg) };
    if (raw.mimetype) media.mimetype = raw.mimetype;
    if (typeof raw.size === 'number') media.size = raw.size;
    if (raw.filename) media.filename = raw.filename;
    message.media = media;
  }
  const place = msg.type === 'location' ? placeOf(msg.location) : undefined;
  if (place) {
    // A location's body is WhatsApp's map thumbnail (base64), not words.
    message.text = '';
    message.location = place;
  }
  return message;
}

async function downloaded(msg: WwebMessageLike): Promise<Buffer> {
  const file = await msg.downloadMedia();
  if (!file) throw new Error('WhatsApp no longer has this file (it expired on its servers)');
  return Buffer.from(file.data, 'base64');
}

function placeOf(location: WwebMessageLike['location']): InboundMessage['location'] {
  const latitude = Number(location?.latitude);
  const longitude = Number(location?.longitude);
  if (!location || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return {
    latitude,
    longitude,
    ...(location.name ? { name: location.name } : {}),
    ...(location.address ? { address: location.address } : {}),
  };
}

// ── Account, chats, groups ─────────────────────────────────────────────────────────────────────────────

export interface WwebClientInfoLike {
  wid: { user: string; server?: string };
  pushname?: string;
}

export function accountFromInfo(info: WwebClientInfoLike): { phone: PhoneDigits; name?: string } {
  return info.pushname ? { phone: info.wid.user, name: info.pushname } : { phone: info.wid.user };
}

export interface WwebChatLike {
  id: { _serialized: string; user?: string };
  name?: string;
  isGroup: boolean;
  unreadCount?: number;
  /** Seconds since the epoch of the last activity. */
  timestamp?: number;
  groupMetadata?: { participants?: unknown[] };
}

export function toChat(chat: WwebChatLike): Chat {
  const mapped: Chat = {
    id: chat.id._serialized,
    name: chat.name || chat.id.user || chat.id._serialized,
    isGroup: chat.isGroup,
    unreadCount: chat.unreadCount ?? 0,
  };
  const { phone, lid } = personIds(chat.id._serialized);
  if (phone) mapped.phone = phone;
  if (lid) mapped.lid = lid;
  if (chat.timestamp) mapped.lastMessageAt = chat.timestamp * 1000;
  return mapped;
}

export function toGroup(chat: WwebChatLike): Group {
  return {
    id: chat.id._serialized,
    name: chat.name || chat.id._serialized,
    participants: chat.groupMetadata?.participants?.length ?? 0,
  };
}

// ── QR codes ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * How long a QR code stays valid: WhatsApp gives the first one about a minute and each following one
 * about 20 s, then stops issuing codes. Only used to show a countdown; the next code arrives as an event.
 */
export function qrLifetimeMs(index: number): number {
  return index === 0 ? 60_000 : 20_000;
}

// ── Disconnects ────────────────────────────────────────────────────────────────────────────────────────

export type LinkOutcome = Extract<EngineEvent, { type: 'disconnected' | 'failed' }>;

/**
 * What a `disconnected` reason (a WAState, or "LOGOUT") means for the session: logged out (a new link is
 * needed), a reconnect, or a failure retrying cannot fix.
 */
export function disconnectOutcome(reason: string): LinkOutcome {
  switch (reason) {
    case 'LOGOUT':
      return {
        type: 'disconnected',
        loggedOut: true,
        reason: 'Logged out: the linked device was removed',
        coded: coded('session.device_removed'),
      };
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return {
        type: 'disconnected',
        loggedOut: true,
        reason: `The phone unlinked this device (${reason})`,
        coded: coded('session.phone_unlinked', { code: reason }),
      };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return {
        type: 'failed',
        retryable: false,
        reason: `WhatsApp blocked this account (${reason}): check the phone`,
        coded: coded('session.blocked', { code: reason }),
      };
    case 'DEPRECATED_VERSION':
      return {
        type: 'failed',
        retryable: false,
        reason:
          'WhatsApp no longer accepts this WhatsApp Web version (DEPRECATED_VERSION): set or update WEBJS_WEB_VERSION, or update Switchboard',
        coded: coded('session.version_deprecated'),
      };
    case 'Max qrcode retries reached':
      return {
        type: 'failed',
        retryable: false,
        reason: 'QR code not scanned in time',
        coded: coded('session.qr_not_scanned'),
      };
    case 'CONFLICT':
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: 'WhatsApp Web was opened on another computer (CONFLICT)',
        coded: coded('session.conflict'),
      };
    case 'PROXYBLOCK':
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: 'WhatsApp refused the connection from this network (PROXYBLOCK)',
        coded: coded('session.network_refused'),
      };
    default:
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: `Disconnected from WhatsApp (${reason})`,
        coded: coded('session.disconnected', { code: reason }),
      };
  }
}

/** States WhatsApp Web passes through while it works (TIMEOUT: the phone is briefly unreachable). */
const WORKING_STATES = new Set(['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT']);

/** A `change_state` that ends the link, mapped like the disconnect it causes; null while all is well. */
export function stateOutcome(state: string): LinkOutcome | null {
  return WORKING_STATES.has(state) ? null : disconnectOutcome(state);
}

/**
 * The run that WhatsApp Web accepted the login for but whatsapp-web.js never got `ready` within `ms`: a
 * failure worth retrying (the login is kept), saying what the page showed — `helpersLoaded` is whether
 * whatsapp-web.js's helpers made it into the page, null when the page no longer answered.
 */
export function notReadyOutcome(ms: number, helpersLoaded: boolean | null): LinkOutcome {
  const why =
    helpersLoaded === null
      ? 'the page stopped answering'
      : helpersLoaded
        ? 'whatsapp-web.js could not attach to it'
        : 'whatsapp-web.js could not load its helpers into it';
  return {
    type: 'failed',
    retryable: true,
    reason: `WhatsApp Web accepted the login but did not become ready in ${Math.round(ms / 1000)} s (${why}): WhatsApp Web may have changed — pin a working version with WEBJS_WEB_VERSION`,
    coded: coded('session.not_ready', { seconds: Math.round(ms / 1000) }),
  };
}

export function authFailureOutcome(message: unknown): LinkOutcome {
  const detail = typeof message === 'string' && message ? ` (${message})` : '';
  return {
    type: 'disconnected',
    loggedOut: true,
    reason: `WhatsApp did not accept the stored login${detail}: link the phone again`,
    coded: coded('session.login_rejected'),
  };
}

// ── Start errors ───────────────────────────────────────────────────────────────────────────────────────

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((line) => line.trim())
    ?.trim() ?? text;

/**
 * A start failure as a reason a person can act on, with its code. whatsapp-web.js and puppeteer throw
 * Errors, but also bare strings ("auth timeout"), so anything is accepted.
 */
export function describeStartError(error: unknown): Said {
  const message = error instanceof Error ? error.message : String(error);
  const net = /net::(ERR_[A-Z0-9_]+)(?: at (\S+))?/.exec(message);
  if (net) {
    const host = net[2] ? (URL.parse(net[2])?.host ?? 'web.whatsapp.com') : 'web.whatsapp.com';
    return said(`cannot reach ${host}: ${net[1]}`, 'session.unreachable', { host, error: net[1]! });
  }
  if (message === 'auth timeout' || message === 'ready timeout') {
    return said(
      `WhatsApp Web opened but did not start (${message}): the network may be too slow, or WhatsApp Web changed — pin a working version with WEBJS_WEB_VERSION`,
      'session.web_not_started',
      { detail: message },
    );
  }
  const version = /Couldn't load version (\S+) from the (archive|cache)/.exec(message);
  if (version) {
    return said(
      `WhatsApp Web version ${version[1]} could not be loaded: check WEBJS_WEB_VERSION and WEBJS_WEB_VERSION_URL, or unset the pin`,
      'session.web_version_unloadable',
      { version: version[1]! },
    );
  }
  if (message.includes('The browser is already running for')) {
    const detail = firstLine(message);
    return said(
      `Another Chromium is still using this session's profile and could not be ended: ${detail}`,
      'session.profile_in_use',
      { detail },
    );
  }
  if (message.includes('Failed to launch the browser process')) {
    const detail = message
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('TROUBLESHOOTING'))
      ?.slice(0, 300);
    return said(`Chromium could not start${detail ? `: ${detail}` : ''}`, 'session.browser_not_started', {
      detail: detail ?? '',
    });
  }
  if (
    /Target closed|Session closed|browser has disconnected|Connection closed|frame was detached/i.test(
      message,
    )
  ) {
    return said('The browser closed while WhatsApp Web was loading', 'session.browser_closed_loading');
  }
  return plainText(firstLine(message));
}

/** Words and their code, as a start failure is reported. */
const said = (text: string, reason: CodedReason, params: ErrorParams = {}): Said => ({
  text,
  coded: coded(reason, params),
});
