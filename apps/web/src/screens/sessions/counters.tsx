import { CircleCheck, Layers, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { formatCount } from '../../lib/format.ts';
import type { SessionCounters } from '../../lib/session-status.ts';

export function Counters({ counters }: { counters: SessionCounters }) {
  const { t } = useTranslation();
  const tiles = [
    {
      id: 'total',
      label: t('sessions.counters.total'),
      value: counters.total,
      icon: Layers,
      tone: 'text-zinc-500 dark:text-zinc-400',
      hint: null,
    },
    {
      id: 'connected',
      label: t('sessions.counters.connected'),
      value: counters.connected,
      icon: CircleCheck,
      tone: 'text-emerald-600 dark:text-emerald-400',
      hint: null,
    },
    {
      id: 'needs-attention',
      label: t('sessions.counters.needsAttention'),
      value: counters.needsAttention,
      icon: TriangleAlert,
      tone:
        counters.needsAttention > 0
          ? 'text-amber-600 dark:text-amber-400'
          : 'text-zinc-400 dark:text-zinc-500',
      hint: t('sessions.counters.needsAttentionHint'),
    },
  ];
  return (
    <dl className="grid grid-cols-3 gap-3 sm:gap-4">
      {tiles.map((tile) => (
        <div
          key={tile.id}
          className="rounded-2xl bg-white px-4 py-3.5 shadow-sm ring-1 ring-zinc-900/5 sm:px-5 sm:py-4 dark:bg-zinc-900 dark:ring-white/10"
          title={tile.hint ?? undefined}
        >
          <dt className="flex flex-col gap-1 text-xs leading-tight font-medium text-zinc-600 sm:flex-row sm:items-center sm:gap-1.5 sm:text-sm dark:text-zinc-400">
            <tile.icon aria-hidden className={cx('size-4 shrink-0', tile.tone)} />
            <span>{tile.label}</span>
          </dt>
          <dd
            className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
            data-testid={`counter-${tile.id}`}
          >
            {formatCount(tile.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
