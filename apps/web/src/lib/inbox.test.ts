import { describe, expect, it } from 'vitest';
import {
  belongsToThread,
  compareConversations,
  contactLabel,
  flattenConversations,
  highlightWords,
  matchesFilter,
  threadMessages,
  tickFor,
  upsertConversation,
} from './inbox.ts';
import type { ConversationItem, Message } from './types.ts';

const conv = (
  id: string,
  lastMessageAt: number,
  extra: Partial<ConversationItem> = {},
): ConversationItem => ({
  id,
  accountId: 'sales',
  contact: {
    id: `c-${id}`,
    accountId: 'sales',
    phone: `1415555${id.padStart(4, '0')}`,
    lid: null,
    name: null,
    tags: [],
    createdAt: 0,
    updatedAt: 0,
  },
  status: 'open',
  unreadCount: 0,
  assignee: null,
  match: null,
  lastMessageAt,
  lastMessagePreview: 'hi',
  createdAt: 0,
  updatedAt: lastMessageAt,
  ...extra,
});

const msg = (id: string, createdAt: number, extra: Partial<Message> = {}): Message => ({
  id,
  accountId: 'sales',
  direction: 'out',
  type: 'text',
  peer: '14155550001',
  peerName: null,
  body: id,
  status: 'sent',
  externalId: null,
  error: null,
  errorCoded: null,
  conversationId: null,
  media: null,
  location: null,
  groupId: null,
  createdAt,
  updatedAt: createdAt,
  ...extra,
});

const all = { sessionId: null, search: '' };

describe('conversation order', () => {
  it('puts unread first, then newest first', () => {
    const list = [
      conv('1', 10),
      conv('2', 30),
      conv('3', 5, { unreadCount: 2 }),
      conv('4', 20, { unreadCount: 1 }),
    ];
    expect(list.sort(compareConversations).map((c) => c.id)).toEqual(['4', '3', '2', '1']);
  });
});

describe('matchesFilter', () => {
  const named = conv('7', 1, { contact: { ...conv('7', 1).contact, name: 'Grace Hopper' } });
  it('filters by account', () => {
    expect(matchesFilter(named, { sessionId: 'sales', search: '' })).toBe(true);
    expect(matchesFilter(named, { sessionId: 'support', search: '' })).toBe(false);
  });
  it('filters by status and by assignee', () => {
    const resolved = conv('8', 1, { status: 'resolved', assignee: { id: 'u1', name: 'Uma' } });
    expect(matchesFilter(resolved, { ...all, status: 'open' })).toBe(false);
    expect(matchesFilter(resolved, { ...all, status: 'resolved' })).toBe(true);
    expect(matchesFilter(resolved, { ...all, status: 'all' })).toBe(true);
    expect(matchesFilter(resolved, { ...all, assigneeId: 'u1' })).toBe(true);
    expect(matchesFilter(resolved, { ...all, assigneeId: 'u2' })).toBe(false);
    expect(matchesFilter(resolved, { ...all, assigneeId: 'none' })).toBe(false);
    expect(matchesFilter(named, { ...all, assigneeId: 'none' })).toBe(true);
  });
  it('keeps a conversation the server found by the words of a message', () => {
    expect(matchesFilter(named, { ...all, search: 'parcel' })).toBe(false);
    expect(matchesFilter(named, { ...all, search: 'parcel' }, true)).toBe(true);
  });
  it('searches the name (any case) and the phone (digits only)', () => {
    expect(matchesFilter(named, { ...all, search: 'grace' })).toBe(true);
    expect(matchesFilter(named, { ...all, search: '+1 415 555' })).toBe(true);
    expect(matchesFilter(named, { ...all, search: 'ada' })).toBe(false);
  });
});

describe('upsertConversation', () => {
  const page = (items: ConversationItem[], nextOffset: number | null = null) => ({
    items,
    nextOffset,
    streamFrom: 'boot:0',
  });
  const ids = (pages: { items: ConversationItem[] }[]) => pages.map((p) => p.items.map((c) => c.id));

  it('adds a new conversation in order and moves an updated one to the top', () => {
    const pages = [page([conv('1', 20), conv('2', 10)])];
    const added = upsertConversation(pages, conv('3', 30), all);
    expect(ids(added)).toEqual([['3', '1', '2']]);
    const bumped = upsertConversation(added, conv('2', 40, { unreadCount: 1 }), all);
    expect(ids(bumped)).toEqual([['2', '3', '1']]);
    expect(bumped[0]?.items[0]?.unreadCount).toBe(1);
  });
  it('puts it into the page where it belongs, and leaves a new one past the loaded end to the pages to come', () => {
    const pages = [page([conv('1', 50), conv('2', 40)], 2), page([conv('3', 30), conv('4', 20)], 4)];
    expect(ids(upsertConversation(pages, conv('5', 35), all))).toEqual([
      ['1', '2'],
      ['5', '3', '4'],
    ]);
    expect(upsertConversation(pages, conv('6', 10), all)).toBe(pages);
  });
  it('keeps a shown conversation that falls behind the loaded end, at the end', () => {
    // Opened and read, an unread conversation sorts after every other unread one: it must not vanish.
    const pages = [page([conv('1', 50, { unreadCount: 3 }), conv('2', 40, { unreadCount: 1 })], 2)];
    const read = conv('1', 50, { unreadCount: 0, updatedAt: 99 });
    expect(ids(upsertConversation(pages, read, all))).toEqual([['2', '1']]);
  });
  it('breaks ties as the server does (by id, descending)', () => {
    expect([conv('a', 10), conv('b', 10)].sort(compareConversations).map((c) => c.id)).toEqual(['b', 'a']);
  });
  it('ignores an older copy and drops one that no longer matches', () => {
    const pages = [page([conv('1', 20)])];
    expect(upsertConversation(pages, conv('1', 10), all)).toBe(pages);
    expect(ids(upsertConversation(pages, conv('1', 30), { sessionId: 'other', search: '' }))).toEqual([[]]);
    expect(
      upsertConversation(pages, conv('9', 30, { accountId: 'other' }), { sessionId: 'sales', search: '' }),
    ).toBe(pages);
  });
  it('shows each conversation once when a later page repeats one that moved', () => {
    const pages = [page([conv('1', 50), conv('2', 40)], 2), page([conv('2', 40), conv('3', 30)], 4)];
    expect(flattenConversations(pages).map((c) => c.id)).toEqual(['1', '2', '3']);
  });
  it('drops a conversation merged into another (the same person, known by LID, then by number)', () => {
    const pages = [page([conv('1', 20), conv('2', 10)])];
    const merged = upsertConversation(pages, conv('2', 30, { unreadCount: 2 }), all, '1');
    expect(merged.flatMap((p) => p.items.map((c) => [c.id, c.unreadCount]))).toEqual([['2', 2]]);
  });
});

describe('threads', () => {
  it('shows messages oldest first, the newest copy of each once', () => {
    const pages = [[msg('c', 3), msg('b', 2)], [msg('a', 1)]];
    const live = [msg('b', 2, { status: 'read', updatedAt: 9 })];
    const thread = threadMessages(pages, live);
    expect(thread.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(thread[1]?.status).toBe('read');
  });
  it('knows which live messages belong to the open conversation', () => {
    const c = conv('1', 1);
    expect(belongsToThread(msg('x', 1, { conversationId: '1' }), c)).toBe(true);
    expect(belongsToThread(msg('x', 1, { conversationId: '2' }), c)).toBe(false);
    expect(belongsToThread(msg('x', 1, { peer: c.contact.phone }), c)).toBe(true);
    expect(belongsToThread(msg('x', 1, { peer: c.contact.phone, groupId: 'g' }), c)).toBe(false);
  });
  it('labels the contact by name, else by phone', () => {
    expect(contactLabel(conv('1', 1), (p) => `+${p}`)).toBe('+14155550001');
    expect(contactLabel(conv('1', 1, { contact: { ...conv('1', 1).contact, name: 'Ada' } }), String)).toBe(
      'Ada',
    );
  });
});

describe('tickFor', () => {
  it('maps outgoing statuses to ticks and gives incoming messages none', () => {
    expect(tickFor(msg('a', 1, { status: 'queued' }))).toBe('pending');
    expect(tickFor(msg('a', 1, { status: 'sent' }))).toBe('sent');
    expect(tickFor(msg('a', 1, { status: 'delivered' }))).toBe('delivered');
    expect(tickFor(msg('a', 1, { status: 'read' }))).toBe('read');
    expect(tickFor(msg('a', 1, { status: 'played' }))).toBe('read');
    expect(tickFor(msg('a', 1, { status: 'failed' }))).toBe('failed');
    expect(tickFor(msg('a', 1, { status: 'unknown' }))).toBe('unknown');
    expect(tickFor(msg('a', 1, { direction: 'in', status: 'received' }))).toBeNull();
  });
});

describe('highlightWords', () => {
  it('marks the words that begin with a searched word, accents and case aside', () => {
    expect(highlightWords('Preço da entrega em São Paulo', 'sao ENTR')).toEqual([
      { text: 'Preço da ', hit: false, at: 0 },
      { text: 'entrega', hit: true, at: 9 },
      { text: ' em ', hit: false, at: 16 },
      { text: 'São', hit: true, at: 20 },
      { text: ' Paulo', hit: false, at: 23 },
    ]);
  });
  it('leaves the text whole when nothing is searched', () => {
    expect(highlightWords('…where is it', '  ')).toEqual([{ text: '…where is it', hit: false, at: 0 }]);
  });
});
