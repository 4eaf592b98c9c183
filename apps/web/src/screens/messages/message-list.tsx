import { ArrowDownLeft, ArrowUpRight, ChevronDown, Inbox } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Phone } from '../../components/phone.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { unknownOutcomeHint, upsertMessage } from '../../lib/message-status.ts';
import type { Message, Session } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { trpc } from '../../trpc.ts';
import { MessageMedia } from '../media/message-media.tsx';
import { MessageStatusBadge } from './message-status-badge.tsx';

export const MESSAGE_PAGE_SIZE = 20;

/** The session's messages, newest first, each with its live delivery status; older pages on request. */
export function MessageList({ session }: { session: Session }) {
  const { t } = useTranslation();
  const input = { sessionId: session.id, limit: MESSAGE_PAGE_SIZE };
  const utils = trpc.useUtils();
  const now = useNow(30_000);
  const query = trpc.messages.list.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Number.POSITIVE_INFINITY,
  });

  trpc.messages.onUpdate.useSubscription(
    { sessionId: session.id },
    {
      onData: ({ data: event }) => {
        if (event.type !== 'message') return;
        utils.messages.list.setInfiniteData(input, (data) =>
          data ? upsertMessage(data, event.message) : data,
        );
      },
    },
  );

  const messages = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card aria-labelledby="messages-title">
      <CardHeader
        title={t('messages.list.title', { name: session.name })}
        id="messages-title"
        action={
          messages.length > 0 ? (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{t('messages.list.newestFirst')}</span>
          ) : null
        }
      />
      {query.isLoading ? <LoadingBlock label={t('messages.list.loading')} /> : null}
      {query.error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && messages.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
          <Inbox aria-hidden className="size-6 text-zinc-400" />
          <p className="text-sm font-medium">{t('messages.list.emptyTitle')}</p>
          <p className="max-w-xs text-sm text-zinc-500 dark:text-zinc-400">{t('messages.list.emptyBody')}</p>
        </div>
      ) : null}
      {messages.length > 0 ? (
        <ol
          className="divide-y divide-zinc-100 dark:divide-zinc-800"
          aria-label={t('messages.list.title', { name: session.name })}
        >
          {messages.map((message) => (
            <MessageRow key={message.id} message={message} now={now} />
          ))}
        </ol>
      ) : null}
      {query.hasNextPage ? (
        <div className="border-t border-zinc-100 p-3 text-center dark:border-zinc-800">
          <Button
            variant="ghost"
            icon={ChevronDown}
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('messages.list.loadOlder')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

function MessageRow({ message, now }: { message: Message; now: number }) {
  const { t } = useTranslation();
  const outgoing = message.direction === 'out';
  const Icon = outgoing ? ArrowUpRight : ArrowDownLeft;
  const peer = <Phone digits={message.peer} />;
  return (
    <li className="flex gap-3 px-5 py-4" data-testid="message" data-message-id={message.id}>
      <span
        className={
          outgoing
            ? 'flex size-8 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300'
            : 'flex size-8 shrink-0 items-center justify-center rounded-full bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300'
        }
      >
        <Icon aria-hidden className="size-4 rtl:-scale-x-100" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <p className="text-sm">
            {message.type !== 'text' ? (
              <span
                className="me-1.5 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                data-testid="message-type"
              >
                {t(`media.types.${message.type}`)}
              </span>
            ) : null}
            <span className="text-zinc-500 dark:text-zinc-400">
              {outgoing ? t('messages.list.to') : t('messages.list.from')}
            </span>{' '}
            <span className="font-medium tabular-nums">
              {message.peerName ? (
                <>
                  {message.peerName} ({peer})
                </>
              ) : (
                peer
              )}
            </span>
          </p>
          <div className="flex items-center gap-2">
            <time
              className="text-xs text-zinc-500 dark:text-zinc-400"
              dateTime={new Date(message.createdAt).toISOString()}
              title={formatDateTime(message.createdAt)}
            >
              {formatRelative(message.createdAt, now)}
            </time>
            <MessageStatusBadge status={message.status} />
          </div>
        </div>
        {message.media || message.location ? (
          <div className="mt-2 max-w-sm text-zinc-800 dark:text-zinc-200">
            <MessageMedia message={message} outgoing={false} />
          </div>
        ) : null}
        {message.body ? (
          <p className="mt-1 text-sm break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
            {message.body}
          </p>
        ) : null}
        {message.status === 'failed' && message.error ? (
          <p className="mt-1.5 text-sm text-red-700 dark:text-red-400" data-testid="message-error">
            {sayCoded(message.error, message.errorCoded)}
          </p>
        ) : null}
        {message.status === 'unknown' ? (
          <p className="mt-1.5 text-sm text-amber-800 dark:text-amber-300" data-testid="message-error">
            {unknownOutcomeHint()}.{message.error ? ` ${sayCoded(message.error, message.errorCoded)}` : ''}
          </p>
        ) : null}
      </div>
    </li>
  );
}
