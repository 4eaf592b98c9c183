import { MessagesSquare, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { initialSender, LAST_SENDER_KEY } from '../../lib/sender-choice.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link, navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { useDefaultSender } from '../sessions/default-sender.tsx';
import { ComposeForm } from './compose-form.tsx';
import { MessageList } from './message-list.tsx';

function remembered(): string | null {
  try {
    return window.localStorage.getItem(LAST_SENDER_KEY);
  } catch {
    return null;
  }
}

function remember(id: string) {
  try {
    window.localStorage.setItem(LAST_SENDER_KEY, id);
  } catch {
    // Private mode or storage full: the choice is simply not remembered.
  }
}

export function MessagesScreen({ requested }: { requested: string | null }) {
  const { t } = useTranslation();
  const { sessions, isLoading, error } = useSessions();
  const [chosen, setChosen] = useState<string | null>(null);
  const defaultSender = useDefaultSender();
  const selectedId =
    chosen ?? (sessions ? initialSender(sessions, requested, remembered(), defaultSender) : null);
  const selected = sessions?.find((s) => s.id === selectedId) ?? null;

  const choose = (id: string) => {
    setChosen(id);
    remember(id);
    navigate({ name: 'messages', sessionId: id }, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('messages.screen.title')} description={t('messages.screen.description')} />
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {isLoading ? <LoadingBlock label={t('sessions.list.loading')} /> : null}
      {sessions && sessions.length === 0 ? (
        <EmptyState
          icon={Smartphone}
          title={t('messages.screen.noSessionTitle')}
          action={
            <Link
              to={{ name: 'sessions' }}
              className="text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400"
            >
              {t('messages.screen.addSession')}
            </Link>
          }
        >
          {t('messages.screen.noSessionBody')}
        </EmptyState>
      ) : null}
      {sessions && sessions.length > 0 ? (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <ComposeForm sessions={sessions} selected={selected} onSelect={choose} />
          {selected ? (
            <MessageList key={selected.id} session={selected} />
          ) : (
            <EmptyState icon={MessagesSquare} title={t('messages.screen.chooseTitle')}>
              {t('messages.screen.chooseBody')}
            </EmptyState>
          )}
        </div>
      ) : null}
    </>
  );
}
