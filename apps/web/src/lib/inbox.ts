import { i18n } from '../i18n/i18n.ts';
import type { Conversation, ConversationPage, Message } from './types.ts';

/** The server's order: unread first, then newest first (ties by id, descending, as the server breaks them). */
export function compareConversations(a: Conversation, b: Conversation): number {
  const unread = Number(b.unreadCount > 0) - Number(a.unreadCount > 0);
  if (unread !== 0) return unread;
  return b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
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
 * The loaded pages as one list, each conversation once. Pages are fetched by offset while conversations move
 * to the top as messages arrive, so a later page can repeat one already shown: the first copy stays.
 */
export function flattenConversations(pages: readonly ConversationPage[]): Conversation[] {
  const seen = new Set<string>();
  const list: Conversation[] = [];
  for (const page of pages) {
    for (const conversation of page.items) {
      if (seen.has(conversation.id)) continue;
      seen.add(conversation.id);
      list.push(conversation);
    }
  }
  return list;
}

/** Where `conversation` goes in a sorted list: after everything that sorts before it. */
function insertionIndex(list: readonly Conversation[], conversation: Conversation): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareConversations(list[mid]!, conversation) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The pages without conversation `id`; the same pages when it is in none. */
function withoutConversation(pages: readonly ConversationPage[], id: string): readonly ConversationPage[] {
  if (!pages.some((page) => page.items.some((c) => c.id === id))) return pages;
  return pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== id) }));
}

/**
 * Puts a new or changed conversation into the loaded pages (replacing the older copy), drops it when it no
 * longer matches the filter, and keeps the server's order; `absorbed` (a conversation merged into this one)
 * goes. A new one that sorts after everything loaded while more pages are to come is left for those pages to
 * bring; one already shown stays, at the end of what is loaded (say, the open conversation, once read, falls
 * behind a long unread list). Returns the same pages when nothing changes.
 */
export function upsertConversation(
  loaded: readonly ConversationPage[],
  conversation: Conversation,
  filter: ConversationFilter,
  absorbed: string | null = null,
): ConversationPage[] {
  const pages = absorbed ? withoutConversation(loaded, absorbed) : loaded;
  let current: Conversation | undefined;
  const rest = pages.map((page) => {
    const index = page.items.findIndex((c) => c.id === conversation.id);
    if (index === -1) return page;
    current = page.items[index];
    return { ...page, items: page.items.filter((_, i) => i !== index) };
  });
  if (current && current.updatedAt > conversation.updatedAt) return pages as ConversationPage[];
  if (!matchesFilter(conversation, filter)) return current ? rest : (pages as ConversationPage[]);
  const target = rest.findIndex((page, p) => {
    const last = page.items.at(-1);
    const isLastPage = p === rest.length - 1;
    return (
      (last !== undefined && compareConversations(conversation, last) < 0) ||
      (isLastPage && page.nextOffset === null)
    );
  });
  if (target === -1 && !current) return pages as ConversationPage[];
  const index = target === -1 ? rest.length - 1 : target;
  const page = rest[index]!;
  const items = page.items.slice();
  items.splice(target === -1 ? items.length : insertionIndex(items, conversation), 0, conversation);
  rest[index] = { ...page, items };
  return rest;
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

export function tickLabel(tick: Exclude<Tick, null>): string {
  return i18n.t(`inbox.ticks.${tick}`);
}
