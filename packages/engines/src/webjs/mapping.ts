/**
 * Pure translations from whatsapp-web.js's vocabulary to the engine contract's. They are kept apart from
 * the session so each can be unit-tested with objects shaped like whatsapp-web.js's own, without WhatsApp.
 */
import type { MediaType } from '@switchboard/validators';
import type { AckLevel, Chat, Group, InboundMessage, PhoneDigits } from '../contract.ts';
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
