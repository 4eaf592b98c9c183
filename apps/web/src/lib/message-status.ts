import type { Message, MessagePage, MessageStatus } from './types.ts';

/** Why a message is `unknown`, in the words the dashboard shows wherever that status appears. */
export const UNKNOWN_OUTCOME_HINT =
  'WhatsApp may or may not have received it; it will not be re-sent automatically';

export const MESSAGE_STATUS_META: Record<
  MessageStatus,
  { label: string; tone: 'neutral' | 'info' | 'waiting' | 'success' | 'danger'; hint?: string }
> = {
  queued: { label: 'Queued', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'neutral' },
  delivered: { label: 'Delivered', tone: 'info' },
  read: { label: 'Read', tone: 'success' },
  played: { label: 'Played', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  unknown: { label: 'Unknown', tone: 'waiting', hint: UNKNOWN_OUTCOME_HINT },
  received: { label: 'Received', tone: 'info' },
};

/** The most a message can be told to be (receipts can arrive out of order; the newer `updatedAt` wins). */
export function newer(a: Message, b: Message): Message {
  return b.updatedAt >= a.updatedAt ? b : a;
}

/**
 * Puts a new or changed message into paged, newest-first data: replaced where it already is, otherwise
 * added at the top of the first page. Returns the same object when nothing changes.
 */
export function upsertMessage<T extends { pages: MessagePage[] }>(data: T, message: Message): T {
  for (const [p, page] of data.pages.entries()) {
    const i = page.items.findIndex((m) => m.id === message.id);
    if (i === -1) continue;
    const current = page.items[i]!;
    const next = newer(current, message);
    if (next === current) return data;
    const items = page.items.slice();
    items[i] = next;
    const pages = data.pages.slice();
    pages[p] = { ...page, items };
    return { ...data, pages };
  }
  const [first, ...rest] = data.pages;
  if (!first) return { ...data, pages: [{ items: [message], nextCursor: null }] };
  const items = [message, ...first.items].sort(newestFirst);
  return { ...data, pages: [{ ...first, items }, ...rest] };
}

function newestFirst(a: Message, b: Message): number {
  return b.createdAt - a.createdAt || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
}

/** Counted the way the server counts (UTF-16 code units), so the limit shown is the limit enforced. */
export const MESSAGE_MAX_LENGTH = 4096;

export function messageTextProblem(text: string, max = MESSAGE_MAX_LENGTH): string | null {
  if (text.length > max) return `${text.length - max} characters over the limit of ${max}.`;
  return null;
}
