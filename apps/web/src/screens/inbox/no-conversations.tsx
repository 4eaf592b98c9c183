import { FlaskConical, Inbox, MessageSquarePlus, Send, Smartphone } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ListNotice } from '../../components/list-notice.tsx';
import type { Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';

/**
 * Whether the chosen account (or, with none chosen, every account this user may see) has no conversation
 * at all, whatever the filters and search: `null` while unknown. Asked only while the list shows none, so
 * an inbox with conversations costs nothing; a live update marks the answer stale and it is asked again.
 */
export function useNoConversationsYet(sessionId: string | null, listEmpty: boolean): boolean | null {
  const probe = trpc.conversations.list.useQuery(
    { sessionId, search: null, status: 'all', assigneeId: null, limit: 1 },
    { enabled: listEmpty, staleTime: Number.POSITIVE_INFINITY },
  );
  if (!listEmpty) return null;
  if (probe.error) return false;
  if (!probe.data || probe.isStale) return null;
  return probe.data.items.length === 0;
}

/** The account chosen in the inbox (`null`: all) and the accounts this user may see. */
interface StartProps {
  sessionId: string | null;
  sessions: Session[];
}

/** In the list, while there is no conversation yet; on phones (no pane beside it) with the ways to start one. */
export function NoConversationsNotice({ sessionId, sessions }: StartProps) {
  const { t } = useTranslation();
  return (
    <ListNotice icon={Inbox} title={t('inbox.noConversations')}>
      <p>{t('inbox.noConversationsBody')}</p>
      <div className="mt-5 md:hidden">
        <StartActions sessionId={sessionId} sessions={sessions} />
      </div>
    </ListNotice>
  );
}

/** Beside the empty list: what brings conversations in, and a way to each. */
export function StartConversation({ sessionId, sessions }: StartProps) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={MessageSquarePlus}
      title={t('inbox.empty.title')}
      action={<StartActions sessionId={sessionId} sessions={sessions} />}
    >
      <p>{t('inbox.empty.body')}</p>
    </EmptyState>
  );
}

/**
 * Send a message from a connected account (or link one first), and try it in the sandbox: a sandbox account's
 * page has a virtual phone that writes in; without one, the dialog that adds it.
 */
function StartActions({ sessionId, sessions }: StartProps) {
  const { t } = useTranslation();
  const candidates = sessionId ? sessions.filter((s) => s.id === sessionId) : sessions;
  const connected = candidates.find((s) => s.status === 'connected');
  const sandbox = candidates.find((s) => s.engine === 'sandbox');
  const engines = trpc.sessions.engines.useQuery(undefined, { staleTime: 60_000, enabled: !sandbox });
  const sandboxOffered = engines.data?.some((e) => e.name === 'sandbox') ?? false;
  return (
    <div className="flex flex-col items-center gap-3">
      <div className="flex flex-wrap justify-center gap-2">
        {connected ? (
          <Link to={{ name: 'messages', sessionId: connected.id }} className={buttonClass('primary', 'sm')}>
            <Send aria-hidden className="size-4 rtl:-scale-x-100" />
            {t('inbox.empty.send')}
          </Link>
        ) : (
          <Link
            to={sessionId ? { name: 'session', id: sessionId } : { name: 'sessions' }}
            className={buttonClass('primary', 'sm')}
          >
            <Smartphone aria-hidden className="size-4" />
            {t('inbox.empty.link')}
          </Link>
        )}
        {sandbox ? (
          <Link to={{ name: 'session', id: sandbox.id }} className={buttonClass('secondary', 'sm')}>
            <FlaskConical aria-hidden className="size-4" />
            {t('inbox.empty.virtualPhone')}
          </Link>
        ) : sandboxOffered ? (
          <Link to={{ name: 'sessions', add: true }} className={buttonClass('secondary', 'sm')}>
            <FlaskConical aria-hidden className="size-4" />
            {t('inbox.empty.trySandbox')}
          </Link>
        ) : null}
      </div>
      {sandbox || sandboxOffered ? (
        <p className="max-w-sm text-xs text-zinc-500 dark:text-zinc-400">{t('inbox.empty.sandbox')}</p>
      ) : null}
    </div>
  );
}
