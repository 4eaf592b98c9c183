import { ArrowUpRight, CircleCheckBig } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatRelative } from '../../lib/format.ts';
import type { FailingWebhook } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { Link } from '../../router.tsx';
import { ListSkeleton } from './attention-list.tsx';

/** Endpoints that are not getting their events, with how far behind they are and what they last answered. */
export function FailingWebhooks({
  endpoints,
  error,
  accountName,
}: {
  endpoints: FailingWebhook[] | undefined;
  error: unknown;
  accountName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  return (
    <Card aria-labelledby="failing-webhooks-title">
      <CardHeader title={t('overview.webhooks.title')} id="failing-webhooks-title" />
      {error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(error)}</ErrorNotice>
        </div>
      ) : null}
      {endpoints === undefined && !error ? <ListSkeleton /> : null}
      {endpoints?.length === 0 ? (
        <div className="flex items-center gap-3 px-5 py-6 text-sm text-zinc-600 dark:text-zinc-400">
          <CircleCheckBig aria-hidden className="size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
          {t('overview.webhooks.allWell')}
        </div>
      ) : null}
      {endpoints && endpoints.length > 0 ? (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {endpoints.map((w) => (
            <li key={w.id} className="px-5 py-4" data-testid="failing-webhook">
              <div className="flex items-start justify-between gap-4">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-mono text-sm" dir="ltr" title={w.url}>
                    {w.url}
                  </p>
                  <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                    {w.accountId ? accountName(w.accountId) : t('overview.webhooks.everyAccount')}
                    {w.description ? ` · ${w.description}` : ''}
                  </p>
                </div>
                {/* A server-wide endpoint is managed on its own page. */}
                <Link
                  to={w.accountId ? { name: 'session', id: w.accountId } : { name: 'webhooks' }}
                  className="inline-flex h-8 shrink-0 items-center gap-1 rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                >
                  {t('overview.attention.open')}
                  <ArrowUpRight aria-hidden className="size-4 rtl:-scale-x-100" />
                </Link>
              </div>
              <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-xs">
                <div className="flex gap-1">
                  <dt className="text-zinc-500 dark:text-zinc-400">{t('overview.webhooks.failedInARow')}</dt>
                  <dd
                    className="font-medium text-red-700 tabular-nums dark:text-red-400"
                    data-testid="webhook-failures"
                  >
                    {formatCount(w.consecutiveFailures)}
                  </dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-zinc-500 dark:text-zinc-400">{t('overview.webhooks.waiting')}</dt>
                  <dd className="font-medium tabular-nums">{formatCount(w.pending)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-zinc-500 dark:text-zinc-400">{t('overview.webhooks.lastSuccess')}</dt>
                  <dd className="font-medium">
                    {w.lastSuccessAt ? formatRelative(w.lastSuccessAt, now) : t('overview.webhooks.never')}
                  </dd>
                </div>
              </dl>
              {w.disabledReason ? (
                <p className="mt-2 text-sm text-red-700 dark:text-red-400">
                  {t('overview.webhooks.turnedOff', { reason: w.disabledReason })}
                </p>
              ) : null}
              {w.lastError ? (
                <p className="mt-2 truncate text-sm text-zinc-700 dark:text-zinc-300" title={w.lastError}>
                  {w.lastFailureAt
                    ? t('overview.webhooks.lastErrorWhen', { when: formatRelative(w.lastFailureAt, now) })
                    : t('overview.webhooks.lastError')}{' '}
                  <span dir="ltr" className="font-mono text-xs">
                    {w.lastError}
                  </span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
