import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { CircleCheck, UserRound } from 'lucide-react';
import { memo, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { Phone } from '../../components/phone.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useRowsLater } from '../../components/use-rows-later.ts';
import { VirtualRow } from '../../components/virtual-row.tsx';
import { formatCount, formatDateTime, formatRelative, initials } from '../../lib/format.ts';
import { highlightWords } from '../../lib/inbox.ts';
import type { Conversation, ConversationItem, Session } from '../../lib/types.ts';

/** Load the next page when the list is scrolled to within this many rows of what is loaded. */
const PREFETCH_ROWS = 10;

/**
 * Measures a row, except while the list is not displayed (beside an open thread on a phone it is hidden):
 * a hidden row measures 0 px, and a list whose rows all measure 0 has no height, so shown again it would
 * have no room to render a row in. The size known before (or the estimate) stands until it is shown again.
 */
function measureShownRow(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
): number {
  if (element.getClientRects().length > 0) return measureElement(element, entry, virtualizer);
  const index = virtualizer.indexFromElement(element);
  return (
    virtualizer.itemSizeCache.get(virtualizer.options.getItemKey(index)) ??
    virtualizer.options.estimateSize(index)
  );
}

interface ConversationListProps {
  conversations: ConversationItem[];
  selectedId: string | null;
  sessionsById: Map<string, Session>;
  showAccount: boolean;
  /** What was searched for: the words to mark in a matching message. */
  search: string;
  now: number;
  onOpen: (conversation: Conversation) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/**
 * The conversations, in a scrolling box that renders only the rows in view and fetches further pages as
 * the end comes near — ten thousand conversations scroll like a hundred. The rows render a moment after
 * the screen around them (`useRowsLater`).
 */
export function ConversationList({ conversations, ...rest }: ConversationListProps) {
  const { t } = useTranslation();
  const rows = useRowsLater(conversations);
  const scroller = useRef<HTMLDivElement>(null);
  return (
    <div ref={scroller} className="max-h-[calc(100dvh-16rem)] overflow-y-auto">
      {rows.length > 0 ? (
        <Rows
          rows={rows}
          scroller={scroller}
          // Only once the rows show what is loaded: rows behind (a page not rendered yet) are not the end.
          caughtUp={rows === conversations}
          {...rest}
        />
      ) : null}
      {rest.loadingMore ? (
        <p
          role="status"
          className="flex items-center justify-center gap-2 border-t border-zinc-100 py-3 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400"
        >
          <Spinner />
          {t('inbox.loadingMore')}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The rows in view, mounted once there are some: the screen around them is committed without the
 * virtualizer, whose first reading of the box's size would force the page's first layout inside that commit.
 */
function Rows({
  rows,
  scroller,
  caughtUp,
  selectedId,
  sessionsById,
  showAccount,
  search,
  now,
  onOpen,
  hasMore,
  loadingMore,
  onLoadMore,
}: Omit<ConversationListProps, 'conversations'> & {
  rows: readonly ConversationItem[];
  scroller: RefObject<HTMLDivElement | null>;
  caughtUp: boolean;
}) {
  // The box is never taller than the window: the first render lays out rows for that much, rather than none
  // until the box's size is read (and the rest in a second, synchronous render).
  const [initialRect] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    initialRect,
    estimateSize: () => (showAccount ? 92 : 72),
    overscan: 8,
    getItemKey: (index) => rows[index]!.id,
    measureElement: measureShownRow,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (caughtUp && hasMore && !loadingMore && lastShown >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [caughtUp, hasMore, loadingMore, lastShown, rows.length, onLoadMore]);

  return (
    <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const conversation = rows[item.index]!;
        return (
          <VirtualRow
            key={item.key}
            item={item}
            measure={virtualizer.measureElement}
            className={
              item.index < rows.length - 1 ? 'border-b border-zinc-100 dark:border-zinc-800' : undefined
            }
          >
            <ConversationRow
              conversation={conversation}
              selected={conversation.id === selectedId}
              account={sessionsById.get(conversation.accountId)?.name ?? conversation.accountId}
              showAccount={showAccount}
              search={search}
              now={now}
              onOpen={onOpen}
            />
          </VirtualRow>
        );
      })}
    </ul>
  );
}

/** Memoised: a live update re-renders the row of the conversation it changed. */
const ConversationRow = memo(function ConversationRow({
  conversation,
  selected,
  account,
  showAccount,
  search,
  now,
  onOpen,
}: {
  conversation: ConversationItem;
  selected: boolean;
  account: string;
  showAccount: boolean;
  search: string;
  now: number;
  onOpen: (conversation: Conversation) => void;
}) {
  const { t } = useTranslation();
  const named = Boolean(conversation.contact.name?.trim());
  const unread = conversation.unreadCount;
  return (
    <button
      type="button"
      onClick={() => onOpen(conversation)}
      aria-current={selected ? 'true' : undefined}
      data-testid="conversation"
      data-conversation-id={conversation.id}
      className={cx(
        'flex w-full gap-3 px-4 py-3 text-start transition-colors',
        selected ? 'bg-emerald-50/70 dark:bg-emerald-950/40' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/50',
      )}
    >
      <span
        aria-hidden
        className="flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-sm font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
      >
        {conversation.contact.name ? initials(conversation.contact.name) : '#'}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline justify-between gap-2">
          <span className={cx('truncate text-sm', unread > 0 ? 'font-semibold' : 'font-medium')}>
            {named ? conversation.contact.name : <Phone digits={conversation.contact.phone} />}
          </span>
          <time
            className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400"
            dateTime={new Date(conversation.lastMessageAt).toISOString()}
            title={formatDateTime(conversation.lastMessageAt)}
          >
            {formatRelative(conversation.lastMessageAt, now)}
          </time>
        </span>
        {named ? (
          <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
            <Phone digits={conversation.contact.phone} />
          </span>
        ) : null}
        <span className="mt-0.5 flex items-center justify-between gap-2">
          <span
            dir="auto"
            className={cx(
              'text-sm',
              conversation.match ? 'line-clamp-2' : 'truncate',
              unread > 0 ? 'text-zinc-900 dark:text-zinc-100' : 'text-zinc-500 dark:text-zinc-400',
            )}
          >
            {conversation.match ? (
              <span data-testid="search-match">
                <span className="sr-only">{t('inbox.matched')} </span>
                {highlightWords(conversation.match.text, search).map((piece) =>
                  piece.hit ? (
                    <mark
                      key={piece.at}
                      className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-400/30"
                    >
                      {piece.text}
                    </mark>
                  ) : (
                    piece.text
                  ),
                )}
              </span>
            ) : (
              conversation.lastMessagePreview || t('inbox.noText')
            )}
          </span>
          {unread > 0 ? (
            <span
              data-testid="unread-badge"
              className="shrink-0 rounded-full bg-emerald-600 px-2 py-0.5 text-xs font-semibold text-white tabular-nums dark:bg-emerald-500 dark:text-emerald-950"
            >
              {formatCount(unread)}
              <span className="sr-only"> {t('inbox.unread')}</span>
            </span>
          ) : null}
        </span>
        {showAccount || conversation.status === 'resolved' || conversation.assignee ? (
          <span className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
            {showAccount ? <span className="min-w-0 truncate">{t('inbox.via', { account })}</span> : null}
            {conversation.assignee ? (
              <span className="inline-flex min-w-0 items-center gap-1" data-testid="row-assignee">
                <UserRound aria-hidden className="size-3.5 shrink-0" />
                <span className="truncate">
                  {t('inbox.assignedTo', { name: conversation.assignee.name })}
                </span>
              </span>
            ) : null}
            {conversation.status === 'resolved' ? (
              <span className="inline-flex items-center gap-1">
                <CircleCheck aria-hidden className="size-3.5" />
                {t('inbox.resolved')}
              </span>
            ) : null}
          </span>
        ) : null}
      </span>
    </button>
  );
});
