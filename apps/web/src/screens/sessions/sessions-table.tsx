import { FlaskConical, Globe } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { Phone } from '../../components/phone.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { VirtualList } from '../../components/virtual-list.tsx';
import { formatRelative } from '../../lib/format.ts';
import { engineLabel } from '../../lib/session-status.ts';
import type { Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';

/**
 * Columns: selection, name, status, then — where there is room — phone, engine, owner (admins) and last
 * connection. On a phone the row is the name (with the number under it) and the status.
 */
const COLUMNS = {
  base: 'grid-cols-[1.5rem_minmax(0,1fr)_auto] sm:grid-cols-[1.5rem_minmax(0,1fr)_9.5rem_10rem]',
  wide: 'lg:grid-cols-[1.5rem_minmax(0,1fr)_9.5rem_10rem_7rem_8rem]',
  withOwner: 'lg:grid-cols-[1.5rem_minmax(0,1fr)_9.5rem_10rem_7rem_minmax(0,9rem)_8rem]',
};
const ROW = 'grid items-center gap-x-4 px-4';

/** A compact, virtualised table of sessions with a checkbox on each row for commands on several at once. */
export function SessionsTable({
  sessions,
  selected,
  onSelect,
  showOwner,
  now,
}: {
  sessions: readonly Session[];
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], on: boolean) => void;
  showOwner: boolean;
  now: number;
}) {
  const { t } = useTranslation();
  const columns = cx(COLUMNS.base, showOwner ? COLUMNS.withOwner : COLUMNS.wide);
  const all = sessions.length > 0 && sessions.every((s) => selected.has(s.id));
  const some = !all && sessions.some((s) => selected.has(s.id));

  return (
    <div className="rounded-2xl bg-white shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
      <div
        className={cx(
          ROW,
          columns,
          'h-11 rounded-t-2xl border-b border-zinc-100 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400',
        )}
      >
        <input
          type="checkbox"
          className="size-4 accent-emerald-600"
          aria-label={t('sessionTools.selectAll', { count: sessions.length })}
          checked={all}
          ref={(box) => {
            if (box) box.indeterminate = some;
          }}
          onChange={(e) =>
            onSelect(
              sessions.map((s) => s.id),
              e.target.checked,
            )
          }
        />
        <span>{t('sessionTools.columns.name')}</span>
        <span>{t('sessionTools.columns.status')}</span>
        <span className="hidden sm:block">{t('sessionTools.columns.phone')}</span>
        <span className="hidden lg:block">{t('sessionTools.columns.engine')}</span>
        {showOwner ? <span className="hidden lg:block">{t('sessionTools.columns.owner')}</span> : null}
        <span className="hidden lg:block">{t('sessionTools.columns.lastConnected')}</span>
      </div>
      <VirtualList
        label={t('sessions.list.title')}
        items={sessions}
        gap={0}
        estimateRowHeight={57}
        getKey={(session) => session.id}
        renderItem={(session) => (
          <SessionRow
            session={session}
            selected={selected.has(session.id)}
            onSelect={onSelect}
            columns={columns}
            showOwner={showOwner}
            now={now}
          />
        )}
      />
    </div>
  );
}

/** Memoised: a live event re-renders only the row of the session it changed. */
const SessionRow = memo(function SessionRow({
  session,
  selected,
  onSelect,
  columns,
  showOwner,
  now,
}: {
  session: Session;
  selected: boolean;
  onSelect: (ids: readonly string[], on: boolean) => void;
  columns: string;
  showOwner: boolean;
  now: number;
}) {
  const { t } = useTranslation();
  const EngineIcon = session.engine === 'sandbox' ? FlaskConical : Globe;
  return (
    <div
      data-testid="session-row"
      data-session-id={session.id}
      className={cx(
        ROW,
        columns,
        'w-full border-b border-zinc-100 py-2.5 text-sm last:border-b-0 dark:border-zinc-800',
        selected ? 'bg-emerald-50/60 dark:bg-emerald-950/30' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/40',
      )}
    >
      <input
        type="checkbox"
        className="size-4 accent-emerald-600"
        aria-label={t('sessionTools.select', { name: session.name })}
        checked={selected}
        onChange={(e) => onSelect([session.id], e.target.checked)}
      />
      <div className="min-w-0">
        <Link
          to={{ name: 'session', id: session.id }}
          className="block truncate font-medium hover:underline"
          title={session.name}
        >
          {session.name}
        </Link>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          <bdi dir="ltr" className="font-mono">
            {session.id}
          </bdi>
          {session.phone ? (
            <span className="sm:hidden">
              {' · '}
              <Phone digits={session.phone} />
            </span>
          ) : null}
        </p>
      </div>
      <div className="min-w-0">
        <StatusBadge status={session.status} />
      </div>
      <div className="hidden min-w-0 truncate tabular-nums sm:block">
        {session.phone ? (
          <Phone digits={session.phone} />
        ) : (
          <span className="text-zinc-400 dark:text-zinc-500">{t('sessions.card.notLinked')}</span>
        )}
      </div>
      <div className="hidden min-w-0 items-center gap-1.5 text-zinc-600 lg:flex dark:text-zinc-400">
        <EngineIcon aria-hidden className="size-3.5 shrink-0" />
        <span className="truncate">{engineLabel(session.engine)}</span>
      </div>
      {showOwner ? (
        <div
          className="hidden min-w-0 truncate text-zinc-600 lg:block dark:text-zinc-400"
          title={session.owner?.email}
        >
          {session.owner?.name ?? '—'}
        </div>
      ) : null}
      <div className="hidden text-zinc-600 lg:block dark:text-zinc-400">
        {session.status === 'connected'
          ? t('sessions.card.onlineNow')
          : session.lastConnectedAt
            ? formatRelative(session.lastConnectedAt, now)
            : t('common.never')}
      </div>
    </div>
  );
});
