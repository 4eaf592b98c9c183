import { Repeat } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LiveMark } from '../../components/live-mark.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Webhook, WebhookDelivery } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { DeliveryRow } from './delivery-row.tsx';

export interface DeliveriesQuery {
  data: { items: WebhookDelivery[] } | undefined;
  isLoading: boolean;
  error: unknown;
}

/** An endpoint's newest deliveries, kept live by the delivery stream; each opens to its payload and attempts. */
export function DeliveryLog({
  webhook,
  query,
  now,
}: {
  webhook: Webhook;
  query: DeliveriesQuery;
  now: number;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const replay = trpc.webhooks.replay.useMutation();
  const items = query.data?.items ?? [];
  const failed = items.filter((d) => d.status === 'failed').length;

  const replayAll = () =>
    replay.mutate(
      { webhookId: webhook.id },
      { onSuccess: ({ replayed }) => toast.success(t('webhooks.replaying', { count: replayed })) },
    );

  return (
    <section
      aria-label={t('webhooks.logOf', { url: webhook.url })}
      className="rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800">
        <h3 className="flex items-center gap-2 text-sm font-semibold">
          {t('webhooks.log')}
          <LiveMark />
        </h3>
        <Button
          size="sm"
          icon={Repeat}
          disabled={failed === 0}
          loading={replay.isPending}
          onClick={replayAll}
        >
          {t('webhooks.replayFailed')}
        </Button>
      </div>
      {replay.error ? (
        <div className="p-3">
          <ErrorNotice>{errorMessage(replay.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.isLoading ? <LoadingBlock label={t('webhooks.loadingDeliveries')} /> : null}
      {query.error ? (
        <div className="p-3">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && items.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
          {t('webhooks.noDeliveries')}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} now={now} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
