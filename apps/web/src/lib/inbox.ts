import { i18n } from '../i18n/i18n.ts';
import type { Conversation, ConversationItem, ConversationPage, Message } from './types.ts';

/** The server's order: unread first, then newest first (ties by id, descending, as the server breaks them). */
export function compareConversations(a: Conversation, b: Conversation): number {
  const unread = Number(b.unreadCount > 0) - Number(a.unreadCount > 0);
  if (unread !== 0) return unread;
  return b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export type StatusFilter = 'open' | 'resolved' | 'all';

export interface ConversationFilter {
  sessionId: string | null;
  search: string;
  /** Default: all. */
  status?: StatusFilter;
  /** A user's id, `none` for nobody, or undefined / null for anyone. */
  assigneeId?: string | null;
}

/**
 * Whether a conversation belongs in a filtered list, as the server filters — except the words of its messages,
 * which only the server can search: `textMatched` says it found them there.
 */
export function matchesFilter(
  conversation: Conversation,
  filter: ConversationFilter,
  textMatched = false,
): boolean {
  if (filter.sessionId && conversation.accountId !== filter.sessionId) return false;
  if (filter.status && filter.status !== 'all' && conversation.status !== filter.status) return false;
  if (filter.assigneeId && (conversation.assignee?.id ?? 'none') !== filter.assigneeId) return false;
  const term = filter.search.trim().toLowerCase();
  if (!term || textMatched) return true;
  const digits = term.replace(/[^\d]/g, '');
  const name = conversation.contact.name?.toLowerCase() ?? '';
  return name.includes(term) || (digits.length > 0 && conversation.contact.phone.includes(digits));
}

/** Letters and digits without accents, lowercase: "São" and "sao" compare alike, as the server's search does. */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A search match's text in pieces (`at`: where each starts), `hit` on each word that begins with one of the
 * words searched for (the server's rule), to show what matched.
 */
export function highlightWords(
  text: string,
  search: string,
): Array<{ text: string; hit: boolean; at: number }> {
  const wanted = search.split(/\s+/).map(plain).filter(Boolean);
  if (wanted.length === 0) return [{ text, hit: false, at: 0 }];
  const pieces: Array<{ text: string; hit: boolean; at: number }> = [];
  let at = 0;
  for (const part of text.split(/([\p{L}\p{N}\p{M}]+)/u)) {
    if (!part) continue;
    const hit = /[\p{L}\p{N}]/u.test(part) && wanted.some((word) => plain(part).startsWith(word));
    const last = pieces.at(-1);
    if (last && last.hit === hit) last.text += part;
    else pieces.push({ text: part, hit, at });
    at += part.length;
  }
  return pieces;
}

/**
 * The loaded pages as one list, each conversation once. Pages are fetched by offset while conversations move
 * to the top as messages arrive, so a later page can repeat one already shown: the first copy stays.
 */
export function flattenConversations(pages: readonly ConversationPage[]): ConversationItem[] {
  const seen = new Set<string>();
  const list: ConversationItem[] = [];
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
  let current: ConversationItem | undefined;
  const rest = pages.map((page) => {
    const index = page.items.findIndex((c) => c.id === conversation.id);
    if (index === -1) return page;
    current = page.items[index];
    return { ...page, items: page.items.filter((_, i) => i !== index) };
  });
  if (current && current.updatedAt > conversation.updatedAt) return pages as ConversationPage[];
  // Found by the words of a message: still found (a new message can only add words).
  const match = current?.match ?? null;
  if (!matchesFilter(conversation, filter, match !== null))
    return current ? rest : (pages as ConversationPage[]);
  const item: ConversationItem = { ...conversation, match };
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
  items.splice(target === -1 ? items.length : insertionIndex(items, item), 0, item);
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
