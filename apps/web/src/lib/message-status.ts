import { i18n } from '../i18n/i18n.ts';
import type { Message, MessagePage, MessageStatus } from './types.ts';

/** Why a message is `unknown`, in the words the dashboard shows wherever that status appears. */
export function unknownOutcomeHint(): string {
  return i18n.t('messages.unknownHint');
}

export const MESSAGE_STATUS_META: Record<
  MessageStatus,
  { label: string; tone: 'neutral' | 'info' | 'waiting' | 'success' | 'danger'; hint?: string }
> = {
  queued: {
    get label() {
      return i18n.t('messages.status.queued');
    },
    tone: 'neutral',
  },
  sent: {
    get label() {
      return i18n.t('messages.status.sent');
    },
    tone: 'neutral',
  },
  delivered: {
    get label() {
      return i18n.t('messages.status.delivered');
    },
    tone: 'info',
  },
  read: {
    get label() {
      return i18n.t('messages.status.read');
    },
    tone: 'success',
  },
  played: {
    get label() {
      return i18n.t('messages.status.played');
    },
    tone: 'success',
  },
  failed: {
    get label() {
      return i18n.t('messages.status.failed');
    },
    tone: 'danger',
  },
  unknown: {
    get label() {
      return i18n.t('messages.status.unknown');
    },
    tone: 'waiting',
    get hint() {
      return unknownOutcomeHint();
    },
  },
  received: {
    get label() {
      return i18n.t('messages.status.received');
    },
    tone: 'info',
  },
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
  if (text.length > max) return i18n.t('forms.messageTooLong', { count: text.length - max, max });
  return null;
}
