import { SESSION_HISTORY_TYPES, type SessionHistoryType } from '@switchboard/validators';
import { Activity, ChevronDown, Eraser, Pause, Play } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { VirtualList } from '../../components/virtual-list.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { HistoryLine } from '../sessions/history-line.tsx';
import { type FeedFilter, useEventFeed } from './use-event-feed.ts';

/** Admins' view of what happens to every account, live, filtered by account and type. */
export function EventMonitorScreen() {
  const { t } = useTranslation();
  const { sessions } = useSessions();
  const [filter, setFilter] = useState<FeedFilter>({ sessionId: null, type: null });
  const accountId = useId();
  const typeId = useId();
  const isType = (value: string): value is SessionHistoryType =>
    (SESSION_HISTORY_TYPES as readonly string[]).includes(value);

  return (
    <>
      <PageHeader title={t('monitor.title')} description={t('monitor.description')} />
      <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:max-w-3xl">
        <div className="min-w-0">
          <label htmlFor={accountId} className="mb-1 block text-sm font-medium">
            {t('monitor.account')}
          </label>
          <SessionSelect
            id={accountId}
            sessions={sessions ?? []}
            value={filter.sessionId}
            allLabel={t('monitor.allAccounts')}
            onChange={(sessionId) => setFilter((f) => ({ ...f, sessionId }))}
          />
        </div>
        <div className="min-w-0">
          <label htmlFor={typeId} className="mb-1 block text-sm font-medium">
            {t('monitor.type')}
          </label>
          <div className="relative">
            <select
              id={typeId}
              className={selectClass}
              value={filter.type ?? ''}
              onChange={(e) => {
                const value = e.target.value;
                setFilter((f) => ({ ...f, type: isType(value) ? value : null }));
              }}
            >
              <option value="">{t('monitor.allTypes')}</option>
              {SESSION_HISTORY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`monitor.types.${type}`)}
                </option>
              ))}
            </select>
            <ChevronDown
              aria-hidden
              className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
            />
          </div>
        </div>
      </div>
      {/* A new filter is a new feed: its own backlog and stream. */}
      <EventFeed key={`${filter.sessionId ?? ''}:${filter.type ?? ''}`} filter={filter} />
    </>
  );
}

function EventFeed({ filter }: { filter: FeedFilter }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const { sessions } = useSessions();
  const feed = useEventFeed(filter);
  const [cleared, setCleared] = useState(false);
  const names = useMemo(() => new Map(sessions?.map((s) => [s.id, s.name])), [sessions]);

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3 dark:border-zinc-800">
        <p
          className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm"
          role="status"
          data-testid="monitor-state"
        >
          <span
            className={cx(
              'inline-flex items-center gap-1.5 font-medium',
              feed.paused ? 'text-amber-700 dark:text-amber-400' : 'text-emerald-700 dark:text-emerald-400',
            )}
          >
            <span
              aria-hidden
              className={cx(
                'size-2 rounded-full',
                feed.paused ? 'bg-amber-500' : 'animate-pulse bg-emerald-500',
              )}
            />
            {feed.paused ? t('monitor.paused') : t('monitor.live')}
          </span>
          <span className="text-zinc-500 dark:text-zinc-400">
            · {t('monitor.shown', { count: feed.entries.length })}
          </span>
          {feed.paused && feed.waiting > 0 ? (
            <span className="text-zinc-500 dark:text-zinc-400">
              · {t('monitor.waiting', { count: feed.waiting })}
            </span>
          ) : null}
        </p>
        <div className="flex gap-2">
          {feed.paused ? (
            <Button size="sm" variant="primary" icon={Play} onClick={feed.resume}>
              {t('monitor.resume')}
            </Button>
          ) : (
            <Button size="sm" icon={Pause} onClick={feed.pause}>
              {t('monitor.pause')}
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={Eraser}
            disabled={feed.entries.length === 0}
            onClick={() => {
              feed.clear();
              setCleared(true);
            }}
          >
            {t('monitor.clear')}
          </Button>
        </div>
      </div>
      {feed.isLoading ? <LoadingBlock label={t('monitor.loading')} /> : null}
      {feed.error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(feed.error)}</ErrorNotice>
        </div>
      ) : null}
      {!feed.isLoading && !feed.error && feed.entries.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
          <Activity aria-hidden className="size-6 text-zinc-400" />
          {cleared ? (
            <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{t('monitor.cleared')}</p>
          ) : (
            <>
              <p className="text-sm font-medium">{t('monitor.emptyTitle')}</p>
              <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{t('monitor.emptyBody')}</p>
            </>
          )}
        </div>
      ) : null}
      {feed.entries.length > 0 ? (
        <div className="px-5 py-2">
          <VirtualList
            items={feed.entries}
            estimateRowHeight={52}
            gap={0}
            label={t('monitor.list')}
            getKey={(entry) => entry.id}
            rowClassName="border-b border-zinc-100 last:border-b-0 dark:border-zinc-800"
            renderItem={(entry) => (
              <div className="min-w-0 flex-1" data-testid="monitor-entry" data-session={entry.sessionId}>
                <HistoryLine
                  entry={entry}
                  now={now}
                  account={
                    <Link to={{ name: 'session', id: entry.sessionId }} className="hover:underline">
                      {names.get(entry.sessionId) ?? (
                        <bdi dir="ltr" className="font-mono text-xs">
                          {entry.sessionId}
                        </bdi>
                      )}
                    </Link>
                  }
                />
              </div>
            )}
          />
        </div>
      ) : null}
    </Card>
  );
}
