/**
 * WhatsApp's ids as whatsapp-web.js hands them over: user ids ("4915112345678@c.us"), privacy ids
 * ("123456789012345@lid"), group ids ("…@g.us") and message keys. Pure functions, unit-tested with the
 * shapes WhatsApp Web produced before and after it renamed the message key's serialized field.
 */
import { isLid, type Lid, type PhoneDigits } from '../contract.ts';

/**
 * Phone digits from a WhatsApp user id: "4915112345678@c.us" (or "@s.whatsapp.net", or with a device
 * suffix "4915112345678:12@c.us"). Ids that are not phone numbers — groups, LIDs, broadcasts, channels —
 * give null.
 */
export function phoneFromJid(jid: string | undefined): PhoneDigits | null {
  const match = /^(\d+)(?::\d+)?@(c\.us|s\.whatsapp\.net)$/.exec(jid ?? '');
  return match ? match[1]! : null;
}

/** A LID without a device suffix ("123:4@lid" names a device of the person "123@lid"), or null. */
export function lidFromJid(jid: string | undefined): Lid | null {
  const match = /^(\d+)(?::\d+)?@lid$/.exec(jid ?? '');
  const lid = match ? `${match[1]!}@lid` : '';
  return isLid(lid) ? lid : null;
}

export const isGroupJid = (jid: string | undefined): boolean => (jid ?? '').endsWith('@g.us');

/** A wid as whatsapp-web.js passes it on: its serialized string, or the wid object that carries it. */
type WidLike = string | { _serialized?: string } | null | undefined;

const serializedWid = (wid: WidLike): string | undefined =>
  typeof wid === 'string' ? wid : (wid?._serialized ?? undefined);

/**
 * A message key as whatsapp-web.js hands it over. WhatsApp Web before 2.3000.1042401057 serialized it into
 * `_serialized`; later versions keep that string in a minified field (seen as `$1`), whose name may change
 * with any build.
 */
export interface WwebMessageKeyLike {
  fromMe: boolean;
  /** The chat: the other side's id, or the group's. */
  remote?: WidLike;
  /** The key's own id, e.g. "3EB0C767D26A1D8E2B4F". */
  id?: string;
  /** In groups, the member who sent it. */
  participant?: WidLike;
  _serialized?: string;
  /** Where WhatsApp Web keeps the serialized key since 2.3000.1042401057 (a minified name; others are found too). */
  $1?: string;
}

/** "true_4915112345678@c.us_3EB0C767D26A1D8E2B4F" (plus "_<member>" in groups): WhatsApp Web's key format. */
const SERIALIZED_KEY = /^(true|false)_[^_\s]+@[^_\s]+_[^_\s]+(_[^_\s]+@[^_\s]+)?$/;

/**
 * The message's id, the one receipts name it by: `_serialized` where WhatsApp Web still sets it, else the
 * field that holds a serialized key today, else rebuilt from its parts the way WhatsApp Web joins them
 * (fromMe, chat, key id, and the group member). Null only when the key has none of these.
 */
export function messageIdOf(key: WwebMessageKeyLike | null | undefined): string | null {
  if (!key) return null;
  if (typeof key._serialized === 'string' && key._serialized) return key._serialized;
  for (const value of Object.values(key as object)) {
    if (typeof value === 'string' && SERIALIZED_KEY.test(value)) return value;
  }
  const remote = serializedWid(key.remote);
  if (!remote || !key.id) return null;
  const participant = serializedWid(key.participant);
  return [String(key.fromMe), remote, key.id, ...(participant ? [participant] : [])].join('_');
}

/** Both ids of a person, as far as WhatsApp told them. */
export interface PersonIds {
  phone?: PhoneDigits;
  lid?: Lid;
}

/**
 * A person's ids from the id WhatsApp named them by and, when a lookup was made, the phone id ("pn") and
 * LID it found. Empty when neither is a person's id (a group, a channel).
 */
export function personIds(jid: string | undefined, lookedUp?: { pn?: string; lid?: string }): PersonIds {
  const ids: PersonIds = {};
  const phone = phoneFromJid(jid) ?? phoneFromJid(lookedUp?.pn);
  const lid = lidFromJid(jid) ?? lidFromJid(lookedUp?.lid);
  if (phone) ids.phone = phone;
  if (lid) ids.lid = lid;
  return ids;
}
