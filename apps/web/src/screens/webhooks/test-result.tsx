import { CircleAlert, CircleCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { formatCount } from '../../lib/format.ts';
import type { WebhookTestResult } from '../../lib/types.ts';

/** What the endpoint answered to a test event, right under the endpoint. */
export function TestResult({ result }: { result: WebhookTestResult }) {
  const { t } = useTranslation();
  const Icon = result.ok ? CircleCheck : CircleAlert;
  return (
    <div
      role="status"
      data-testid="test-result"
      data-ok={result.ok}
      className={cx(
        'flex gap-2.5 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset',
        result.ok
          ? 'bg-emerald-50 text-emerald-900 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-200'
          : 'bg-red-50 text-red-800 ring-red-600/15 dark:bg-red-950/60 dark:text-red-200',
      )}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 break-words">
        <p className="font-medium">
          {result.ok ? t('webhooks.testDelivered') : t('webhooks.testFailed')}
          {result.statusCode !== null ? ` · HTTP ${result.statusCode}` : ''} ·{' '}
          {t('webhooks.milliseconds', { ms: formatCount(result.durationMs) })}
        </p>
        {result.error ? <p>{result.error}</p> : null}
        {result.responseExcerpt ? (
          <p className="mt-1 font-mono text-xs opacity-80">
            {t('webhooks.response', { excerpt: result.responseExcerpt })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
