import { Plus, Smartphone } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { countSessions } from '../../lib/session-status.ts';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { AddSessionDialog } from './add-session-dialog.tsx';
import { Counters } from './counters.tsx';
import { useOpenQr } from './qr-dialog-host.tsx';
import { SessionCard } from './session-card.tsx';

/** `add`: opened to add a session (`/sessions?add=1`), so the dialog is up at once. */
export function SessionsScreen({ add = false }: { add?: boolean }) {
  const { t } = useTranslation();
  const { sessions, isLoading, error } = useSessions();
  const [adding, setAdding] = useState(add);
  // The address forgets the request once it is honoured: a reload or Back does not open the dialog again.
  useEffect(() => {
    if (add) navigate({ name: 'sessions' }, { replace: true });
  }, [add]);
  const openQr = useOpenQr();
  const now = useNow(30_000);
  // Tailwind's `lg`: the grid shows two cards to a row from there on.
  const twoColumns = useMediaQuery('(min-width: 64rem)');

  const addButton = (
    <Button variant="primary" icon={Plus} onClick={() => setAdding(true)}>
      {t('sessions.list.add')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('sessions.list.title')}
        description={t('sessions.list.description')}
        badge={
          sessions ? (
            <span
              data-testid="session-count"
              className="rounded-full bg-zinc-100 px-2.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {t('sessions.list.count', { count: sessions.length })}
            </span>
          ) : null
        }
        action={sessions && sessions.length > 0 ? addButton : null}
      />
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {isLoading ? <LoadingBlock label={t('sessions.list.loading')} /> : null}
      {sessions ? (
        sessions.length === 0 ? (
          <EmptyState icon={Smartphone} title={t('sessions.list.emptyTitle')} action={addButton}>
            <p>
              <Trans
                i18nKey="sessions.list.emptyBody"
                components={{ strong: <strong className="font-medium text-zinc-800 dark:text-zinc-200" /> }}
              />
            </p>
          </EmptyState>
        ) : (
          <div className="space-y-6">
            <Counters counters={countSessions(sessions)} />
            <VirtualList
              label={t('sessions.list.title')}
              items={sessions}
              columns={twoColumns ? 2 : 1}
              rowClassName="grid gap-4 lg:grid-cols-2"
              estimateRowHeight={290}
              getKey={(session) => session.id}
              renderItem={(session) => (
                <div className="w-full [&>section]:h-full">
                  <SessionCard session={session} now={now} />
                </div>
              )}
            />
          </div>
        )
      ) : null}
      {adding ? (
        <AddSessionDialog
          takenIds={sessions?.map((s) => s.id) ?? []}
          onClose={() => setAdding(false)}
          onCreated={(session) => {
            setAdding(false);
            openQr(session.id);
          }}
        />
      ) : null}
    </>
  );
}
