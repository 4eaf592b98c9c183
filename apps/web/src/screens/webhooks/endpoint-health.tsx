import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { formatCount, formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Webhook } from '../../lib/types.ts';

/** Last success and failures in a row (computed by the server, kept live by the delivery stream). */
export function EndpointHealth({ webhook, now }: { webhook: Webhook; now: number }) {
  const { t } = useTranslation();
  return (
    <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
      <div className="flex gap-1" data-testid="last-success">
        <dt>{t('webhooks.lastSuccess')}</dt>
        <dd className="font-medium text-zinc-700 dark:text-zinc-300">
          {webhook.lastSuccessAt ? (
            <time
              dateTime={new Date(webhook.lastSuccessAt).toISOString()}
              title={formatDateTime(webhook.lastSuccessAt)}
            >
              {formatRelative(webhook.lastSuccessAt, now)}
            </time>
          ) : (
            t('common.never')
          )}
        </dd>
      </div>
      <div className="flex gap-1">
        <dt>{t('webhooks.failuresInARow')}</dt>
        <dd
          data-testid="failures-in-a-row"
          className={cx(
            'font-medium',
            webhook.consecutiveFailures > 0
              ? 'text-red-700 dark:text-red-400'
              : 'text-zinc-700 dark:text-zinc-300',
          )}
        >
          {formatCount(webhook.consecutiveFailures)}
        </dd>
      </div>
      {webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now ? (
        <div className="flex gap-1">
          <dt>{t('webhooks.previousSecretUntil')}</dt>
          <dd className="font-medium text-zinc-700 dark:text-zinc-300">
            {formatDateTime(webhook.previousSecretExpiresAt)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
