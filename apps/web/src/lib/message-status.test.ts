import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_LENGTH, messageTextProblem, upsertMessage } from './message-status.ts';
import type { Message } from './types.ts';

const message = (id: string, createdAt: number, extra: Partial<Message> = {}): Message => ({
  id,
  accountId: 's1',
  direction: 'out',
  type: 'text',
  peer: '14155550101',
  peerName: null,
  body: `text ${id}`,
  status: 'queued',
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

describe('upsertMessage', () => {
  const data = {
    pages: [
      { items: [message('c', 3), message('b', 2)], nextCursor: 'b' },
      { items: [message('a', 1)], nextCursor: null },
    ],
    pageParams: [null, 'b'],
  };

  it('adds a new message at the top of the first page', () => {
    const next = upsertMessage(data, message('d', 4));
    expect(next.pages[0]?.items.map((m) => m.id)).toEqual(['d', 'c', 'b']);
    expect(next.pages[1]).toBe(data.pages[1]);
    expect(next.pageParams).toBe(data.pageParams);
  });

  it('replaces a message in whichever page holds it', () => {
    const read = message('a', 1, { status: 'read', updatedAt: 9 });
    const next = upsertMessage(data, read);
    expect(next.pages[1]?.items[0]?.status).toBe('read');
    expect(next.pages[0]).toBe(data.pages[0]);
  });

  it('ignores an update older than what is shown (receipts out of order)', () => {
    const withRead = upsertMessage(data, message('c', 3, { status: 'read', updatedAt: 10 }));
    const late = upsertMessage(withRead, message('c', 3, { status: 'delivered', updatedAt: 8 }));
    expect(late).toBe(withRead);
    expect(late.pages[0]?.items[0]?.status).toBe('read');
  });

  it('starts a first page when there is none', () => {
    const next = upsertMessage({ pages: [] }, message('x', 1));
    expect(next.pages).toEqual([{ items: [message('x', 1)], nextCursor: null }]);
  });
});

describe('messageTextProblem', () => {
  it('allows up to the limit and says by how much a text is over', () => {
    expect(messageTextProblem('x'.repeat(MESSAGE_MAX_LENGTH))).toBeNull();
    expect(messageTextProblem('x'.repeat(MESSAGE_MAX_LENGTH + 3))).toBe(
      '3 characters over the limit of 4096.',
    );
  });
});
