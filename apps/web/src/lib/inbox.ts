import type { Conversation, Message } from './types.ts';

/** The server's order: unread first, then newest first (ties by id, so the order is stable). */
export function compareConversations(a: Conversation, b: Conversation): number {
  const unread = Number(b.unreadCount > 0) - Number(a.unreadCount > 0);
  if (unread !== 0) return unread;
  return b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface ConversationFilter {
  sessionId: string | null;
  search: string;
}

/** Whether a conversation belongs in a list filtered by account and by name or phone (as the server filters). */
export function matchesFilter(conversation: Conversation, filter: ConversationFilter): boolean {
  if (filter.sessionId && conversation.accountId !== filter.sessionId) return false;
  const term = filter.search.trim().toLowerCase();
  if (!term) return true;
  const digits = term.replace(/[^\d]/g, '');
  const name = conversation.contact.name?.toLowerCase() ?? '';
  return name.includes(term) || (digits.length > 0 && conversation.contact.phone.includes(digits));
}

/**
 * Puts a new or changed conversation into the list (replacing the older copy), drops it when it no longer
 * matches the filter, and keeps the server's order; `absorbed` (a conversation merged into this one) goes.
 * Returns the same array when nothing changes.
 */
export function upsertConversation(
  all: readonly Conversation[],
  conversation: Conversation,
  filter: ConversationFilter,
  absorbed: string | null = null,
): Conversation[] {
  const list = absorbed && all.some((c) => c.id === absorbed) ? all.filter((c) => c.id !== absorbed) : all;
  const index = list.findIndex((c) => c.id === conversation.id);
  const current = index === -1 ? undefined : list[index];
  if (current && current.updatedAt > conversation.updatedAt) return list as Conversation[];
  const rest = index === -1 ? list.slice() : list.filter((c) => c.id !== conversation.id);
  if (!matchesFilter(conversation, filter)) return index === -1 ? (list as Conversation[]) : rest;
  return [...rest, conversation].sort(compareConversations);
}

/** The contact's name when known, else the phone number. */
export function contactLabel(conversation: Conversation, formatPhone: (phone: string) => string): string {
  return conversation.contact.name?.trim() || formatPhone(conversation.contact.phone);
}

/** A thread's messages for display: oldest first, each message once (the newest copy of it wins). */
export function threadMessages(pages: readonly Message[][], live: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of [...pages.flat(), ...live]) {
    const seen = byId.get(message.id);
    if (!seen || message.updatedAt >= seen.updatedAt) byId.set(message.id, message);
  }
  return [...byId.values()].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Whether a live message belongs to the open thread (it may not carry the conversation id yet). */
export function belongsToThread(message: Message, conversation: Conversation): boolean {
  if (message.conversationId) return message.conversationId === conversation.id;
  return (
    message.accountId === conversation.accountId &&
    message.peer === conversation.contact.phone &&
    !message.groupId
  );
}

export type Tick = 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown' | null;

/** The tick an outgoing bubble shows (incoming messages show none). */
export function tickFor(message: Message): Tick {
  if (message.direction !== 'out') return null;
  switch (message.status) {
    case 'queued':
      return 'pending';
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'read':
    case 'played':
      return 'read';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default:
      return 'sent';
  }
}

export const TICK_LABEL: Record<Exclude<Tick, null>, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
  unknown: 'Unknown',
};
