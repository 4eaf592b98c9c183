import { MessageSquareDashed, Send, Smartphone } from 'lucide-react';
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatPercent } from '../../lib/format.ts';
import type { MessageStats } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { SERIES } from './series.ts';

const MessagesChart = lazy(() => import('./messages-chart.tsx'));

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const subscribeDark = (callback: () => void) => {
  darkQuery.addEventListener('change', callback);
  return () => darkQuery.removeEventListener('change', callback);
};

/** Messages per day over the last 30 days, with the delivery and read rates beside them. */
export function MessageActivity({
  stats,
  error,
  hasSessions,
}: {
  stats: MessageStats | undefined;
  error: unknown;
  hasSessions: boolean;
}) {
  const { t } = useTranslation();
  const dark = useSyncExternalStore(subscribeDark, () => darkQuery.matches);
  const empty =
    stats !== undefined && SERIES.every((s) => stats.totals[s.key] === 0) && stats.totals.unknown === 0;

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <Card aria-labelledby="activity-title" className="lg:col-span-2">
        <CardHeader title={t('overview.activity', { days: stats?.days.length ?? 30 })} id="activity-title" />
        <div className="p-5">
          {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
          {stats === undefined && !error ? <ChartSkeleton /> : null}
          {stats && empty ? <NoMessages hasSessions={hasSessions} /> : null}
          {stats && !empty ? (
            <div className="h-72">
              <Suspense fallback={<ChartSkeleton />}>
                <MessagesChart stats={stats} dark={dark} />
              </Suspense>
            </div>
          ) : null}
        </div>
      </Card>
      <Card aria-labelledby="rates-title">
        <CardHeader title={t('overview.delivery')} id="rates-title" />
        <div className="space-y-5 p-5">
          <div className="grid grid-cols-2 gap-4">
            <Rate label={t('overview.deliveryRate')} testId="delivery-rate" value={stats?.deliveryRate} />
            <Rate label={t('overview.readRate')} testId="read-rate" value={stats?.readRate} />
          </div>
          <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {SERIES.map((s) => (
              <div
                key={s.key}
                className="flex items-center justify-between py-2"
                data-testid={`total-${s.key}`}
              >
                <dt className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
                  <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: s.color }} />
                  {t(`overview.series.${s.key}`)}
                </dt>
                <dd className="font-medium tabular-nums">{stats ? formatCount(stats.totals[s.key]) : '–'}</dd>
              </div>
            ))}
            {stats && stats.totals.unknown > 0 ? (
              <div className="flex items-center justify-between py-2" data-testid="total-unknown">
                <dt className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
                  <span aria-hidden className="size-2 rounded-full bg-zinc-400" />
                  {t('overview.outcomeUnknown')}
                </dt>
                <dd className="font-medium tabular-nums">{formatCount(stats.totals.unknown)}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      </Card>
    </div>
  );
}

function Rate({ label, value, testId }: { label: string; value: number | null | undefined; testId: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>
        {value === undefined ? (
          <span className="inline-block h-7 w-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        ) : value === null ? (
          '–'
        ) : (
          formatPercent(value)
        )}
      </p>
    </div>
  );
}

/** Bars of a chart that is still on its way. */
function ChartSkeleton() {
  const { t } = useTranslation();
  const heights = [40, 55, 35, 70, 60, 80, 50, 65, 75, 45, 85, 60];
  return (
    <div role="status" aria-label={t('overview.loadingChart')} className="flex h-72 items-end gap-2 pb-8">
      {heights.map((h, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed decoration, never reordered
          key={i}
          className="flex-1 animate-pulse rounded-t bg-zinc-100 dark:bg-zinc-800"
          style={{ height: `${h}%` }}
        />
      ))}
    </div>
  );
}

function NoMessages({ hasSessions }: { hasSessions: boolean }) {
  const { t } = useTranslation();
  const link = buttonClass('primary');
  return (
    <div className="flex h-72 flex-col items-center justify-center text-center" data-testid="no-messages">
      <div className="flex size-12 items-center justify-center rounded-full bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
        <MessageSquareDashed aria-hidden className="size-6" />
      </div>
      <h3 className="mt-4 text-base font-semibold">{t('overview.noMessagesTitle')}</h3>
      <p className="mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        {hasSessions ? t('overview.noMessagesWithSessions') : t('overview.noMessagesWithoutSessions')}
      </p>
      <div className="mt-5">
        {hasSessions ? (
          <Link to={{ name: 'messages', sessionId: null }} className={link}>
            <Send aria-hidden className="size-4 rtl:-scale-x-100" />
            {t('overview.sendFirst')}
          </Link>
        ) : (
          <Link to={{ name: 'sessions', add: true }} className={link}>
            <Smartphone aria-hidden className="size-4" />
            {t('overview.addAccount')}
          </Link>
        )}
      </div>
    </div>
  );
}
