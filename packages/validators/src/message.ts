export const MESSAGE_DIRECTIONS = ['out', 'in'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Where a message stands. Outgoing: `queued` → `sent` → `delivered` → `read` (`played` for voice), or
 * `failed` (it never reached WhatsApp, or WhatsApp refused it), or `unknown` (the send failed after the
 * message was handed to WhatsApp: it may well arrive, it is never sent again automatically, and a later
 * receipt moves it on). Incoming: `received`.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
  'unknown',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A hard ceiling before the server's configurable limit: nothing larger is even parsed into a message. */
export const MESSAGE_TEXT_CEILING = 65_536;

export const CONVERSATION_STATUSES = ['open', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
