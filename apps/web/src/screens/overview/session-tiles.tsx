import { CircleAlert, CircleCheck, CircleStop, Hourglass, Layers, LoaderCircle, LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { formatCount } from '../../lib/format.ts';
import type { SessionStats } from '../../lib/types.ts';

/** Sessions by status, grouped the way an operator thinks of them. */
export function SessionTiles({ stats }: { stats: SessionStats | undefined }) {
  const { t } = useTranslation();
  const by = stats?.byStatus;
  const tiles = [
    {
      key: 'total',
      label: t('overview.tiles.total'),
      value: stats?.total,
      icon: Layers,
      tone: 'text-zinc-500 dark:text-zinc-400',
    },
    {
      key: 'connected',
      label: t('overview.tiles.connected'),
      value: by?.connected,
      icon: CircleCheck,
      tone: 'text-emerald-600 dark:text-emerald-400',
    },
    {
      key: 'connecting',
      label: t('overview.tiles.connecting'),
      value: by && by.starting + by.qr + by.authenticating + by.reconnecting,
      icon: LoaderCircle,
      tone: 'text-sky-600 dark:text-sky-400',
    },
    {
      key: 'limited',
      label: t('overview.tiles.limited'),
      value: stats?.limited,
      icon: Hourglass,
      tone: 'text-amber-600 dark:text-amber-400',
    },
    {
      key: 'stopped',
      label: t('overview.tiles.stopped'),
      value: by?.stopped,
      icon: CircleStop,
      tone: 'text-zinc-500 dark:text-zinc-400',
    },
    {
      key: 'logged_out',
      label: t('overview.tiles.logged_out'),
      value: by?.logged_out,
      icon: LogOut,
      tone: 'text-amber-600 dark:text-amber-400',
    },
    {
      key: 'failed',
      label: t('overview.tiles.failed'),
      value: by?.failed,
      icon: CircleAlert,
      tone: 'text-red-600 dark:text-red-400',
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {tiles.map((tile) => (
        <div
          key={tile.key}
          data-testid={`tile-${tile.key}`}
          className={cx(
            'rounded-2xl bg-white px-4 py-3.5 shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10',
            tile.key === 'total' && 'col-span-2 sm:col-span-1',
          )}
        >
          <dt className="flex items-center gap-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">
            <tile.icon
              aria-hidden
              className={cx('size-4 shrink-0', tile.value ? tile.tone : 'text-zinc-400 dark:text-zinc-500')}
            />
            <span>{tile.label}</span>
          </dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight tabular-nums" data-testid="tile-value">
            {tile.value === undefined ? (
              <span className="inline-block h-7 w-10 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
            ) : (
              formatCount(tile.value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
