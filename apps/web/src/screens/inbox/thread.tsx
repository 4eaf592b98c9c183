import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowLeft, ChevronUp, CircleCheck, RotateCcw } from 'lucide-react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Phone } from '../../components/phone.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatPhone } from '../../lib/format.ts';
import { belongsToThread, contactLabel, threadMessages } from '../../lib/inbox.ts';
import { upsertMessage } from '../../lib/message-status.ts';
import type { Conversation, Message, Session } from '../../lib/types.ts';
import { useResumePoint } from '../../live/use-resume-point.ts';
import { trpc } from '../../trpc.ts';
import { AssignSelect } from './assign-select.tsx';
import { ContactTags } from './contact-tags.tsx';
import { threadInput } from './inbox-queries.ts';
import { Bubble } from './message-bubble.tsx';
import { ReplyBox } from './reply-box.tsx';

/**
 * One conversation: its messages oldest first with live ticks, a reply box, resolve / reopen. Memoised: a
 * change to another conversation of the list leaves it be.
 */
export const Thread = memo(function Thread({
  conversation,
  session,
  meId,
  onBack,
}: {
  conversation: Conversation;
  session: Session | null;
  meId: string;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const input = threadInput(conversation.id);
  const utils = trpc.useUtils();
  const query = trpc.conversations.messages.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const markRead = trpc.conversations.markRead.useMutation();
  const resolve = trpc.conversations.resolve.useMutation();
  const name = contactLabel(conversation, formatPhone);
  const resolved = conversation.status === 'resolved';

  const put = (message: Message) =>
    utils.conversations.messages.setInfiniteData(input, (data) =>
      data ? upsertMessage(data, message) : data,
    );

  // The stream opens from the thread's first read: a message stored since comes first.
  const streamFrom = useResumePoint(conversation.id, query.data?.pages[0]?.streamFrom);
  trpc.messages.onUpdate.useSubscription(
    { sessionId: conversation.accountId, lastEventId: streamFrom, reportGaps: true },
    {
      enabled: streamFrom !== undefined,
      onData: ({ data: event }) => {
        // Too far back to resume from: the thread is read afresh.
        if (event.type === 'gap') void query.refetch();
        else if (belongsToThread(event.message, conversation)) put(event.message);
      },
    },
  );

  // Opened, or a new message arrived while open: it has been seen.
  const hasUnread = conversation.unreadCount > 0;
  const markReadMutate = markRead.mutate;
  useEffect(() => {
    if (hasUnread) markReadMutate({ id: conversation.id });
  }, [hasUnread, conversation.id, markReadMutate]);

  const messages = useMemo(
    () => threadMessages(query.data?.pages.map((p) => p.items) ?? [], []),
    [query.data],
  );

  // Only the bubbles in view are rendered: a thread of ten thousand messages scrolls like one of fifty.
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [listTop, setListTop] = useState(0);
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 10,
    gap: 8,
    scrollMargin: listTop,
    getItemKey: (index) => messages[index]!.id,
  });

  // As photos and players load and grow, the newest message stays in view — unless the reader scrolled up
  // to read older ones.
  const atBottom = useRef(true);
  const toBottom = () => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  };

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  // The list starts below "Load older" (or what shows while loading): the virtualizer counts from the top of
  // the scrolling box. Read only when what stands above the list changes: reading it forces a layout.
  const above = `${hasNextPage}:${query.isLoading}:${Boolean(query.error)}:${messages.length === 0}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `above` says when the list may have moved
  useLayoutEffect(() => {
    const top = list.current?.offsetTop ?? 0;
    if (top !== listTop) setListTop(top);
  }, [above, listTop]);

  const firstId = messages[0]?.id;
  const lastId = messages.at(-1)?.id;
  // What the last layout showed; nothing yet, so the first page scrolls to the newest message.
  const shown = useRef<{ firstId?: string; lastId?: string; height: number }>({ height: 0 });
  useLayoutEffect(() => {
    const height = virtualizer.getTotalSize();
    const before = shown.current;
    shown.current = { firstId, lastId, height };
    const el = scroller.current;
    if (!el || !lastId) return;
    if (lastId !== before.lastId) {
      // A new message (or the first page): keep the newest in view.
      atBottom.current = true;
      virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    } else if (firstId !== before.firstId) {
      // Older messages came in above: keep what is on screen where it is.
      el.scrollTop += height - before.height;
    }
  });

  const loadOlderNearTop = () => {
    const el = scroller.current;
    if (el && el.scrollTop < 400 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };

  return (
    <Card aria-labelledby="thread-title" className="flex flex-col overflow-hidden" data-testid="thread">
      <div className="flex items-center gap-3 border-b border-zinc-100 px-4 py-3 dark:border-zinc-800">
        <button
          type="button"
          onClick={onBack}
          aria-label={t('inbox.back')}
          className="-ms-1 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <ArrowLeft aria-hidden className="size-5 rtl:-scale-x-100" />
        </button>
        <div className="min-w-0 flex-1">
          <h2 id="thread-title" className="truncate text-sm font-semibold">
            {conversation.contact.name?.trim() ? name : <Phone digits={conversation.contact.phone} />}
          </h2>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {conversation.contact.name ? (
              <>
                <Phone digits={conversation.contact.phone} />
                {' · '}
              </>
            ) : null}
            {t('inbox.via', { account: session?.name ?? conversation.accountId })}
            {' · '}
            <span data-testid="conversation-status">{resolved ? t('inbox.resolved') : t('inbox.open')}</span>
          </p>
        </div>
        <Button
          size="sm"
          variant={resolved ? 'secondary' : 'ghost'}
          icon={resolved ? RotateCcw : CircleCheck}
          loading={resolve.isPending}
          onClick={() => resolve.mutate({ id: conversation.id, resolved: !resolved })}
        >
          {resolved ? t('inbox.reopen') : t('inbox.resolve')}
        </Button>
      </div>
      <AssignSelect conversation={conversation} meId={meId} />
      <ContactTags
        key={`${conversation.contact.id}:${conversation.contact.tags.join()}`}
        contact={conversation.contact}
      />
      {resolve.error ? (
        <div className="px-4 pt-3">
          <ErrorNotice>{errorMessage(resolve.error)}</ErrorNotice>
        </div>
      ) : null}
      {markRead.error ? (
        <div className="px-4 pt-3">
          <ErrorNotice>{errorMessage(markRead.error)}</ErrorNotice>
        </div>
      ) : null}

      <div
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
          loadOlderNearTop();
        }}
        onLoadCapture={toBottom}
        onLoadedMetadataCapture={toBottom}
        className="relative h-[max(12rem,calc(100dvh-25rem))] overflow-y-auto md:h-[min(32rem,calc(100dvh-22rem))] md:min-h-64 bg-zinc-50/70 px-3 py-4 sm:px-5 dark:bg-zinc-950/40"
      >
        {hasNextPage ? (
          <div className="pb-3 text-center">
            <Button
              size="sm"
              variant="ghost"
              icon={ChevronUp}
              loading={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              {t('inbox.loadOlder')}
            </Button>
          </div>
        ) : null}
        {query.isLoading ? <LoadingBlock label={t('inbox.loadingMessages')} /> : null}
        {query.error ? <ErrorNotice>{errorMessage(query.error)}</ErrorNotice> : null}
        {query.data && messages.length === 0 ? (
          <p className="py-24 text-center text-sm text-zinc-500 dark:text-zinc-400">
            {t('inbox.noMessages')}
          </p>
        ) : null}
        <ol
          ref={list}
          aria-label={t('inbox.messagesWith', { name })}
          className="relative"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const message = messages[item.index]!;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={cx(
                  'absolute inset-x-0 top-0 flex',
                  message.direction === 'out' ? 'justify-end' : 'justify-start',
                )}
                style={{ transform: `translateY(${item.start - listTop}px)` }}
                data-testid="bubble"
                data-direction={message.direction}
                data-message-id={message.id}
              >
                <Bubble message={message} />
              </li>
            );
          })}
        </ol>
      </div>

      <ReplyBox conversation={conversation} session={session} onSent={put} />
    </Card>
  );
});
