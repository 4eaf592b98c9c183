import { ArrowLeft, CircleCheck, RotateCcw } from 'lucide-react';
import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Phone } from '../../components/phone.tsx';
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
import { ReplyBox } from './reply-box.tsx';
import { ThreadMessages } from './thread-messages.tsx';

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

      <ThreadMessages
        messages={messages}
        label={t('inbox.messagesWith', { name })}
        loading={query.isLoading}
        error={query.error}
        loaded={query.data !== undefined}
        hasOlder={query.hasNextPage}
        loadingOlder={query.isFetchingNextPage}
        loadOlder={query.fetchNextPage}
      />

      <ReplyBox conversation={conversation} session={session} onSent={put} />
    </Card>
  );
});
