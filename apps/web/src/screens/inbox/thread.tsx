import { formatPhone } from '@switchboard/validators';
import {
  ArrowLeft,
  Check,
  CheckCheck,
  ChevronUp,
  CircleAlert,
  CircleCheck,
  CircleHelp,
  Clock,
  RotateCcw,
  Send,
} from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';
import {
  belongsToThread,
  contactLabel,
  TICK_LABEL,
  type Tick,
  threadMessages,
  tickFor,
} from '../../lib/inbox.ts';
import {
  MESSAGE_MAX_LENGTH,
  messageTextProblem,
  UNKNOWN_OUTCOME_HINT,
  upsertMessage,
} from '../../lib/message-status.ts';
import { STATUS_META } from '../../lib/session-status.ts';
import type { Conversation, Message, Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { ContactTags } from './contact-tags.tsx';

const THREAD_PAGE_SIZE = 50;

const TICK_ICON = {
  pending: Clock,
  sent: Check,
  delivered: CheckCheck,
  read: CheckCheck,
  failed: CircleAlert,
  unknown: CircleHelp,
};

/** One conversation: its messages oldest first with live ticks, a reply box, resolve / reopen. */
export function Thread({
  conversation,
  session,
  onBack,
}: {
  conversation: Conversation;
  session: Session | null;
  onBack: () => void;
}) {
  const input = { conversationId: conversation.id, limit: THREAD_PAGE_SIZE };
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

  trpc.messages.onUpdate.useSubscription(
    { sessionId: conversation.accountId },
    {
      onData: ({ data: event }) => {
        if (belongsToThread(event.message, conversation)) put(event.message);
      },
    },
  );

  // Opened, or a new message arrived while open: it has been seen.
  const hasUnread = conversation.unreadCount > 0;
  const markReadMutate = markRead.mutate;
  useEffect(() => {
    if (hasUnread) markReadMutate({ id: conversation.id });
  }, [hasUnread, conversation.id, markReadMutate]);

  const messages = threadMessages(query.data?.pages.map((p) => p.items) ?? [], []);

  // Keep the newest message in view as messages arrive.
  const scroller = useRef<HTMLOListElement>(null);
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    const el = scroller.current;
    if (el && lastId) el.scrollTop = el.scrollHeight;
  }, [lastId]);

  return (
    <Card aria-labelledby="thread-title" className="flex flex-col overflow-hidden" data-testid="thread">
      <div className="flex items-center gap-3 border-b border-zinc-100 px-4 py-3 dark:border-zinc-800">
        <button
          type="button"
          onClick={onBack}
          aria-label="Back to the conversations"
          className="-ml-1 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <ArrowLeft aria-hidden className="size-5" />
        </button>
        <div className="min-w-0 flex-1">
          <h2 id="thread-title" className="truncate text-sm font-semibold">
            {name}
          </h2>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {conversation.contact.name ? `${formatPhone(conversation.contact.phone)} · ` : ''}
            via {session?.name ?? conversation.accountId}
            {' · '}
            <span data-testid="conversation-status">{resolved ? 'Resolved' : 'Open'}</span>
          </p>
        </div>
        <Button
          size="sm"
          variant={resolved ? 'secondary' : 'ghost'}
          icon={resolved ? RotateCcw : CircleCheck}
          loading={resolve.isPending}
          onClick={() => resolve.mutate({ id: conversation.id, resolved: !resolved })}
        >
          {resolved ? 'Reopen' : 'Resolve'}
        </Button>
      </div>
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

      <ol
        ref={scroller}
        aria-label={`Messages with ${name}`}
        className="flex h-[min(32rem,calc(100dvh-22rem))] min-h-64 flex-col gap-2 overflow-y-auto bg-zinc-50/70 px-3 py-4 sm:px-5 dark:bg-zinc-950/40"
      >
        {query.hasNextPage ? (
          <li className="text-center">
            <Button
              size="sm"
              variant="ghost"
              icon={ChevronUp}
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              Load older
            </Button>
          </li>
        ) : null}
        {query.isLoading ? (
          <li>
            <LoadingBlock label="Loading messages…" />
          </li>
        ) : null}
        {query.error ? (
          <li>
            <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
          </li>
        ) : null}
        {query.data && messages.length === 0 ? (
          <li className="m-auto text-sm text-zinc-500 dark:text-zinc-400">
            No messages in this conversation yet.
          </li>
        ) : null}
        {messages.map((message) => (
          <Bubble key={message.id} message={message} />
        ))}
      </ol>

      <ReplyBox conversation={conversation} session={session} onSent={put} />
    </Card>
  );
}

function Bubble({ message }: { message: Message }) {
  const outgoing = message.direction === 'out';
  const tick = tickFor(message);
  return (
    <li
      className={cx('flex', outgoing ? 'justify-end' : 'justify-start')}
      data-testid="bubble"
      data-direction={message.direction}
      data-message-id={message.id}
    >
      <div
        className={cx(
          'max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-sm sm:max-w-[75%]',
          outgoing
            ? 'rounded-br-md bg-emerald-600 text-white dark:bg-emerald-700'
            : 'rounded-bl-md bg-white text-zinc-900 ring-1 ring-zinc-900/5 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-white/10',
        )}
      >
        <span className="sr-only">{outgoing ? 'You: ' : 'They: '}</span>
        <p className="break-words whitespace-pre-wrap">
          {message.body || (message.media ? `[${message.media.type}]` : '')}
        </p>
        <p
          className={cx(
            'mt-1 flex items-center justify-end gap-1.5 text-[11px]',
            outgoing ? 'text-emerald-50/90' : 'text-zinc-500 dark:text-zinc-400',
          )}
        >
          <time
            dateTime={new Date(message.createdAt).toISOString()}
            title={formatDateTime(message.createdAt)}
          >
            {formatTime(message.createdAt)}
          </time>
          {tick ? <TickMark tick={tick} /> : null}
        </p>
        {message.status === 'failed' && message.error ? (
          <p className="mt-1 rounded-md bg-white/90 px-2 py-1 text-xs text-red-700 dark:bg-zinc-950/80 dark:text-red-300">
            {message.error}
          </p>
        ) : null}
        {message.status === 'unknown' ? (
          <p className="mt-1 rounded-md bg-white/90 px-2 py-1 text-xs text-amber-800 dark:bg-zinc-950/80 dark:text-amber-300">
            {UNKNOWN_OUTCOME_HINT}.
          </p>
        ) : null}
      </div>
    </li>
  );
}

function TickMark({ tick }: { tick: Exclude<Tick, null> }) {
  const Icon = TICK_ICON[tick];
  return (
    <span
      data-testid="tick"
      data-tick={tick}
      title={tick === 'unknown' ? UNKNOWN_OUTCOME_HINT : undefined}
      className={cx(
        'inline-flex items-center gap-0.5 font-medium',
        tick === 'read' && 'text-sky-200',
        tick === 'failed' && 'rounded bg-red-100 px-1 text-red-700',
        tick === 'unknown' && 'rounded bg-amber-100 px-1 text-amber-800',
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {TICK_LABEL[tick]}
    </span>
  );
}

function ReplyBox({
  conversation,
  session,
  onSent,
}: {
  conversation: Conversation;
  session: Session | null;
  onSent: (message: Message) => void;
}) {
  const [text, setText] = useState('');
  const send = trpc.messages.send.useMutation();
  const fieldId = useId();
  const hintId = useId();
  const problem = messageTextProblem(text);
  const connected = session?.status === 'connected';

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim() || problem || send.isPending) return;
    send.mutate(
      { sessionId: conversation.accountId, to: conversation.contact.phone, text },
      {
        onSuccess: (message) => {
          setText('');
          onSent(message);
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form onSubmit={submit} className="border-t border-zinc-100 p-3 dark:border-zinc-800">
      {send.error ? <ErrorNotice className="mb-2">{errorMessage(send.error)}</ErrorNotice> : null}
      {problem ? <ErrorNotice className="mb-2">{problem}</ErrorNotice> : null}
      <label htmlFor={fieldId} className="sr-only">
        Reply
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id={fieldId}
          rows={2}
          value={text}
          maxLength={MESSAGE_MAX_LENGTH + 1000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          placeholder="Write a reply"
          className="block min-h-10 w-full resize-none rounded-lg border-0 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-emerald-600 focus:outline-none sm:text-sm dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-500 dark:focus:ring-emerald-500"
        />
        <Button
          type="submit"
          variant="primary"
          icon={Send}
          loading={send.isPending}
          disabled={!text.trim() || Boolean(problem)}
        >
          Send
        </Button>
      </div>
      <p id={hintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        Sends from {session?.name ?? conversation.accountId}
        {session && !connected ? ` — ${STATUS_META[session.status].label.toLowerCase()} right now` : ''}.
        Enter sends, Shift+Enter adds a line.
      </p>
    </form>
  );
}
