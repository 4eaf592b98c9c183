import { ChevronDown, Repeat } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDateTime, formatRelative, formatTime } from '../../lib/format.ts';
import type { WebhookDelivery } from '../../lib/types.ts';
import { DELIVERY_STATUS_META, lastOutcome, nextAttempt } from '../../lib/webhooks.ts';
import { trpc } from '../../trpc.ts';

/** One delivery: its event, state and last outcome; opened, the next retry, its attempts and the exact payload. */
export function DeliveryRow({ delivery, now }: { delivery: WebhookDelivery; now: number }) {
  const { t } = useTranslation();
  // The stream brings the delivery back queued, then as each attempt goes.
  const replay = trpc.webhooks.replay.useMutation();
  const meta = DELIVERY_STATUS_META[delivery.status];
  const at = delivery.lastAttemptAt ?? delivery.createdAt;
  const next = nextAttempt(delivery, now);
  return (
    <li data-testid="delivery" data-status={delivery.status}>
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/50 [&::-webkit-details-marker]:hidden">
          <ChevronDown
            aria-hidden
            className="size-4 text-zinc-400 transition-transform group-open:rotate-180"
          />
          <bdi dir="ltr" className="font-mono text-xs font-medium">
            {delivery.eventType}
          </bdi>
          <span
            data-testid="delivery-status"
            className={cx(
              'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
              TONE_BADGE[meta.tone],
            )}
          >
            {meta.label}
          </span>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {t('webhooks.attempts', { count: delivery.attemptLog.length })}
          </span>
          <span className="min-w-0 flex-1 truncate text-xs text-zinc-600 dark:text-zinc-400">
            {lastOutcome(delivery)}
          </span>
          <time
            className="text-xs text-zinc-500 dark:text-zinc-400"
            dateTime={new Date(at).toISOString()}
            title={formatDateTime(at)}
          >
            {formatRelative(at, now)}
          </time>
        </summary>
        <div className="space-y-3 bg-zinc-50/70 px-3 py-3 dark:bg-zinc-950/40">
          {next ? (
            <p data-testid="next-attempt" className="text-xs font-medium text-amber-800 dark:text-amber-300">
              {next.due
                ? t('webhooks.nextAttemptNow')
                : t('webhooks.nextAttemptAt', { time: whenNext(next.at, now) })}
            </p>
          ) : null}
          {delivery.attemptLog.length === 0 ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('webhooks.notAttempted')}</p>
          ) : (
            <div className="overflow-x-auto">
              {/* On phones the duration gives way, so the response has room. */}
              <table className="w-full text-start text-xs">
                <caption className="sr-only">{t('webhooks.attemptsCaption')}</caption>
                <thead className="text-zinc-500 dark:text-zinc-400">
                  <tr>
                    <th className="py-1 pe-3 text-start font-medium">{t('webhooks.time')}</th>
                    <th className="py-1 pe-3 text-start font-medium">{t('webhooks.status')}</th>
                    <th className="hidden py-1 pe-3 text-start font-medium sm:table-cell">
                      {t('webhooks.duration')}
                    </th>
                    <th className="py-1 text-start font-medium">{t('webhooks.responseOrError')}</th>
                  </tr>
                </thead>
                <tbody>
                  {delivery.attemptLog.map((attempt) => (
                    <tr key={attempt.id} className="align-top">
                      <td className="py-1 pe-3 sm:whitespace-nowrap">{formatDateTime(attempt.at)}</td>
                      <td className="py-1 pe-3 tabular-nums">{attempt.statusCode ?? '—'}</td>
                      <td className="hidden py-1 pe-3 whitespace-nowrap tabular-nums sm:table-cell">
                        {t('webhooks.milliseconds', { ms: formatCount(attempt.durationMs) })}
                      </td>
                      <td dir="ltr" className="py-1 text-start font-mono break-all">
                        {attempt.error ?? attempt.responseExcerpt ?? '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div>
            <h4 className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
              {t('webhooks.payload')}
            </h4>
            <pre
              dir="ltr"
              data-testid="delivery-payload"
              className="max-h-64 overflow-auto rounded-lg bg-white p-2.5 text-start font-mono text-xs break-all whitespace-pre-wrap ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </div>
          {replay.error ? <ErrorNotice>{errorMessage(replay.error)}</ErrorNotice> : null}
          {delivery.status === 'pending' ? null : (
            <Button
              size="sm"
              icon={Repeat}
              loading={replay.isPending}
              onClick={() => replay.mutate({ deliveryId: delivery.id })}
            >
              {t('webhooks.replay')}
            </Button>
          )}
        </div>
      </details>
    </li>
  );
}

/** Retries come seconds to hours apart: the clock time to the second, with the date once it is a day away. */
const whenNext = (at: number, now: number) => (at - now < 86_400_000 ? formatTime(at) : formatDateTime(at));
