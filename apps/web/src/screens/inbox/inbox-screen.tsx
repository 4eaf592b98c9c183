import { type InfiniteData, keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Bell, BellOff, BookUser, Inbox, MessagesSquare, Smartphone } from 'lucide-react';
import { useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { ListNotice } from '../../components/list-notice.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { flattenConversations, upsertConversation } from '../../lib/inbox.ts';
import type { Conversation, ConversationPage, User } from '../../lib/types.ts';
import { newMessageSound } from '../../live/inbox-notifier.tsx';
import { useNow } from '../../live/use-now.ts';
import { useResumePoint } from '../../live/use-resume-point.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link, navigate } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { ConversationList } from './conversation-list.tsx';
import { assigneeFilter, InboxFilters, statusFilter } from './inbox-filters.tsx';
import { conversationListInput, conversationPages } from './inbox-queries.ts';
import { NoConversationsNotice, StartConversation, useNoConversationsYet } from './no-conversations.tsx';
import { Thread } from './thread.tsx';

/** Conversations of one account or all, kept live; the open thread beside the list (alone on phones). */
export function InboxScreen({
  me,
  sessionId,
  conversationId,
}: {
  me: User;
  sessionId: string | null;
  conversationId: string | null;
}) {
  const { t } = useTranslation();
  const { sessions, isLoading: sessionsLoading, error: sessionsError } = useSessions();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const term = deferredSearch.trim();
  const [status] = statusFilter.use();
  const [assignee] = assigneeFilter.use();
  const [sound, setSound] = newMessageSound.use();
  const input = conversationListInput(sessionId, term || null, status, assignee);
  const { assigneeId } = input;
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const selectId = useId();

  const pages = conversationPages(utils.client, input);
  const { queryKey } = pages;
  const query = useInfiniteQuery({ ...pages, placeholderData: keepPreviousData });

  // The stream opens from the list's first read: what changed since comes first, nothing falls in between.
  const streamFrom = useResumePoint(sessionId ?? '', query.data?.pages[0]?.streamFrom);
  trpc.conversations.onUpdate.useSubscription(
    { ...(sessionId ? { sessionId } : {}), lastEventId: streamFrom, reportGaps: true },
    {
      enabled: streamFrom !== undefined,
      onData: ({ data: event }) => {
        // Too far back to resume from (a long disconnection): what happened since is read afresh.
        if (event.type === 'gap') {
          void utils.conversations.list.invalidate(undefined, { refetchType: 'none' });
          void query.refetch();
          return;
        }
        // Other cached lists (other searches, other accounts) refetch when next shown; this one updates in place.
        void utils.conversations.list.invalidate(undefined, { refetchType: 'none' });
        if (event.conversation.id === conversationId)
          utils.conversations.byId.setData({ id: event.conversation.id }, event.conversation);
        queryClient.setQueryData<InfiniteData<ConversationPage, number>>(queryKey, (data) => {
          if (!data) return data;
          const filter = {
            sessionId,
            search: term,
            status,
            assigneeId: assignee === 'me' ? me.id : assigneeId,
          };
          const pages = upsertConversation(data.pages, event.conversation, filter, event.absorbed);
          return pages === data.pages ? data : { ...data, pages };
        });
        // The open thread was merged into another (the same person): follow it there.
        if (event.absorbed && event.absorbed === conversationId)
          navigate({ name: 'inbox', sessionId, conversationId: event.conversation.id }, { replace: true });
      },
    },
  );

  const conversations = useMemo(() => flattenConversations(query.data?.pages ?? []), [query.data]);
  const listed = conversationId ? conversations.find((c) => c.id === conversationId) : undefined;
  // The open thread stays open when it leaves the list (resolved under "Open", another search): fetched alone.
  const alone = trpc.conversations.byId.useQuery(
    { id: conversationId ?? '' },
    { enabled: conversationId !== null && !listed && !query.isLoading, staleTime: Number.POSITIVE_INFINITY },
  );
  const selected: Conversation | undefined = listed ?? alone.data;
  const sessionsById = useMemo(() => new Map((sessions ?? []).map((s) => [s.id, s] as const)), [sessions]);

  const open = useCallback(
    (conversation: Conversation) => navigate({ name: 'inbox', sessionId, conversationId: conversation.id }),
    [sessionId],
  );
  const back = useCallback(() => navigate({ name: 'inbox', sessionId, conversationId: null }), [sessionId]);
  const { fetchNextPage } = query;
  // None at all (not just none under these filters) gets its own state, with the ways to start one.
  const noneYet = useNoConversationsYet(sessionId, query.data !== undefined && conversations.length === 0);
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (sessionsLoading) return <LoadingBlock label={t('inbox.loadingAccounts')} />;
  if (sessions && sessions.length === 0) {
    return (
      <>
        <PageHeader title={t('inbox.title')} />
        <EmptyState
          icon={Smartphone}
          title={t('inbox.noAccountTitle')}
          action={
            <Link
              to={{ name: 'sessions' }}
              className="text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400"
            >
              {t('messages.screen.addSession')}
            </Link>
          }
        >
          {t('inbox.noAccountBody')}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {/* On a phone an open thread takes the whole screen, so its reply box is in reach. */}
      <div className={conversationId ? 'hidden md:block' : undefined}>
        <PageHeader
          title={t('inbox.title')}
          description={t('inbox.description')}
          action={
            <>
              <Button
                size="sm"
                variant="ghost"
                icon={sound === 'on' ? Bell : BellOff}
                aria-pressed={sound === 'on'}
                onClick={() => setSound(sound === 'on' ? 'off' : 'on')}
                title={t('inbox.sound.hint')}
              >
                {sound === 'on' ? t('inbox.sound.on') : t('inbox.sound.off')}
              </Button>
              <Link to={{ name: 'contacts', sessionId }} className={buttonClass('secondary', 'sm')}>
                <BookUser aria-hidden className="size-4" />
                {t('inbox.contacts')}
              </Link>
            </>
          }
        />
      </div>
      {sessionsError ? <ErrorNotice className="mb-4">{errorMessage(sessionsError)}</ErrorNotice> : null}
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 md:grid-cols-[minmax(0,21rem)_minmax(0,1fr)] md:gap-6">
        <Card
          aria-label={t('inbox.conversations')}
          className={cx('overflow-hidden', conversationId ? 'hidden md:block' : undefined)}
        >
          <div className="space-y-3 border-b border-zinc-100 p-3 dark:border-zinc-800">
            <div>
              <label htmlFor={selectId} className="sr-only">
                {t('inbox.account')}
              </label>
              <SessionSelect
                id={selectId}
                sessions={sessions ?? []}
                value={sessionId}
                allLabel={t('inbox.allAccounts')}
                onChange={(id) =>
                  navigate({ name: 'inbox', sessionId: id, conversationId: null }, { replace: true })
                }
              />
            </div>
            <SearchField
              label={t('inbox.search')}
              placeholder={t('inbox.searchPlaceholder')}
              value={search}
              onChange={setSearch}
            />
            <InboxFilters />
          </div>
          {query.isLoading ? <LoadingBlock label={t('inbox.loading')} /> : null}
          {query.error ? (
            <div className="p-4">
              <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
            </div>
          ) : null}
          {noneYet ? <NoConversationsNotice sessionId={sessionId} sessions={sessions ?? []} /> : null}
          {noneYet === false ? (
            <ListNotice icon={Inbox} title={t('inbox.noMatch')}>
              {term ? t('inbox.noMatchBody') : t('inbox.noMatchFilters')}
            </ListNotice>
          ) : null}
          {conversations.length > 0 ? (
            <ConversationList
              conversations={conversations}
              selectedId={conversationId}
              sessionsById={sessionsById}
              showAccount={!sessionId}
              search={term}
              now={now}
              onOpen={open}
              hasMore={query.hasNextPage}
              loadingMore={query.isFetchingNextPage}
              onLoadMore={loadMore}
            />
          ) : null}
        </Card>

        <div className={cx(conversationId ? undefined : 'hidden md:block')}>
          {selected ? (
            <Thread
              key={selected.id}
              conversation={selected}
              session={sessionsById.get(selected.accountId) ?? null}
              meId={me.id}
              onBack={back}
            />
          ) : conversationId && (query.isLoading || alone.isLoading) ? (
            <LoadingBlock label={t('inbox.loadingConversation')} />
          ) : noneYet && !conversationId ? (
            <StartConversation sessionId={sessionId} sessions={sessions ?? []} />
          ) : (
            <EmptyState
              icon={MessagesSquare}
              title={conversationId ? t('inbox.notFound') : t('inbox.choose')}
            >
              {conversationId ? (
                <button
                  type="button"
                  onClick={back}
                  className="font-medium text-emerald-700 hover:underline dark:text-emerald-400"
                >
                  {t('inbox.back')}
                </button>
              ) : (
                t('inbox.chooseBody')
              )}
            </EmptyState>
          )}
        </div>
      </div>
    </>
  );
}
