import { Plus, SearchX, Smartphone } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { filterSessions, isFiltered, NO_FILTER, type SessionFilter } from '../../lib/session-filter.ts';
import { countSessions, KNOWN_ENGINES } from '../../lib/session-status.ts';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { AddSessionDialog } from './add-session-dialog.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { Counters } from './counters.tsx';
import { useOpenQr } from './qr-dialog-host.tsx';
import { SessionCard } from './session-card.tsx';
import { SessionsTable } from './sessions-table.tsx';
import { SessionsToolbar, type SessionsView } from './sessions-toolbar.tsx';

const VIEW_KEY = 'switchboard.sessions.view';
const ENGINES = KNOWN_ENGINES.map((e) => e.name);

/** Cards or the table, as last chosen on this device. */
function useRememberedView(): [SessionsView, (view: SessionsView) => void] {
  const [view, setView] = useState<SessionsView>(() => {
    try {
      return window.localStorage.getItem(VIEW_KEY) === 'table' ? 'table' : 'cards';
    } catch {
      return 'cards';
    }
  });
  const choose = useCallback((next: SessionsView) => {
    setView(next);
    try {
      window.localStorage.setItem(VIEW_KEY, next);
    } catch {
      // Storage refused (private mode): the choice holds until the page is left.
    }
  }, []);
  return [view, choose];
}

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
  const [filter, setFilter] = useState<SessionFilter>(NO_FILTER);
  const [view, setView] = useRememberedView();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => (sessions ? filterSessions(sessions, filter) : []), [sessions, filter]);
  // Admins see every session's owner; the owners they can filter by are those of the sessions there are.
  const owners = useMemo(() => {
    const found = new Map<string, { id: string; name: string }>();
    for (const s of sessions ?? [])
      if (s.owner) found.set(s.owner.id, { id: s.owner.id, name: s.owner.name });
    return found.size > 0 ? [...found.values()].sort((a, b) => a.name.localeCompare(b.name)) : null;
  }, [sessions]);
  const select = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  // Commands go to the selected sessions still on screen, never to ones a filter hides.
  const chosen = view === 'table' ? shown.filter((s) => selected.has(s.id)).map((s) => s.id) : [];

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
            <SessionsToolbar
              filter={filter}
              onChange={setFilter}
              engines={ENGINES}
              owners={owners}
              view={view}
              onViewChange={setView}
            />
            {shown.length === 0 ? (
              <EmptyState icon={SearchX} title={t('sessionTools.noMatchTitle')}>
                <p>{t('sessionTools.noMatchBody')}</p>
              </EmptyState>
            ) : view === 'table' ? (
              <SessionsTable
                sessions={shown}
                selected={selected}
                onSelect={select}
                showOwner={owners !== null}
                now={now}
              />
            ) : (
              <VirtualList
                label={t('sessions.list.title')}
                items={shown}
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
            )}
            {chosen.length > 0 ? <BulkBar ids={chosen} onClear={() => setSelected(new Set())} /> : null}
            {isFiltered(filter) && shown.length > 0 ? (
              <p className="text-center text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
                {t('sessionTools.showing', { count: shown.length, total: sessions.length })}
              </p>
            ) : null}
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
