import { ChevronDown, CircleCheck, CircleOff, KeyRound, Pencil, Send, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useToast } from '../../components/toaster.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { Webhook, WebhookTestResult } from '../../lib/types.ts';
import { deliveriesInput } from '../../lib/webhooks.ts';
import { useNow } from '../../live/use-now.ts';
import { trpc } from '../../trpc.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { EndpointHealth } from './endpoint-health.tsx';
import { TestResult } from './test-result.tsx';
import { WebhookFormDialog } from './webhook-dialogs.tsx';

/** One endpoint: its URL, state, events and health; test, edit, rotate, delete, and its delivery log. */
export function EndpointRow({
  webhook,
  sessionId,
  onSecret,
}: {
  webhook: Webhook;
  sessionId: string | null;
  onSecret: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const now = useNow(15_000);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const test = trpc.webhooks.test.useMutation();
  const remove = trpc.webhooks.delete.useMutation();
  const rotate = trpc.webhooks.rotateSecret.useMutation();
  // Read (and kept live) while the log is closed too, so it opens on what is current.
  const deliveries = trpc.webhooks.deliveries.useQuery(deliveriesInput(webhook.id), {
    staleTime: Number.POSITIVE_INFINITY,
  });
  const listInput = { sessionId };

  const sendTest = () => {
    setResult(null);
    test.mutate(
      { id: webhook.id },
      {
        onSuccess: (outcome) => {
          setResult(outcome);
          void utils.webhooks.list.invalidate(listInput);
        },
      },
    );
  };

  return (
    <li className="space-y-3 px-5 py-4" data-testid="webhook" data-webhook-id={webhook.id}>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <p dir="ltr" className="min-w-0 font-mono text-sm font-medium break-all">
            {webhook.url}
          </p>
          <span
            data-testid="webhook-state"
            className={cx(
              'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
              TONE_BADGE[webhook.enabled ? 'success' : 'danger'],
            )}
          >
            {webhook.enabled ? (
              <CircleCheck aria-hidden className="size-3.5" />
            ) : (
              <CircleOff aria-hidden className="size-3.5" />
            )}
            {webhook.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
          </span>
        </div>
        {webhook.description ? (
          <p className="mt-0.5 text-sm break-words text-zinc-600 dark:text-zinc-400">{webhook.description}</p>
        ) : null}
        {!webhook.enabled && webhook.disabledReason ? (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{webhook.disabledReason}</p>
        ) : null}
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t('webhooks.eventList')}>
          {webhook.events.map((event) => (
            <li
              key={event}
              dir="ltr"
              className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {event}
            </li>
          ))}
        </ul>
        <EndpointHealth webhook={webhook} now={now} />
      </div>

      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" icon={Send} loading={test.isPending} onClick={sendTest}>
          {t('webhooks.sendTest')}
        </Button>
        <Button size="sm" icon={Pencil} onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
        <Button size="sm" icon={KeyRound} onClick={() => setConfirm('rotate')}>
          {t('webhooks.rotate')}
        </Button>
        <Button
          size="sm"
          icon={ChevronDown}
          aria-expanded={showLog}
          onClick={() => setShowLog((v) => !v)}
          className={cx('[&>svg]:transition-transform', showLog && '[&>svg]:rotate-180')}
        >
          {t('webhooks.log')}
        </Button>
        <Button size="sm" variant="danger-ghost" icon={Trash2} onClick={() => setConfirm('delete')}>
          {t('common.delete')}
        </Button>
      </div>

      {test.error ? <ErrorNotice>{errorMessage(test.error)}</ErrorNotice> : null}
      {result ? <TestResult result={result} /> : null}
      {showLog ? <DeliveryLog webhook={webhook} query={deliveries} now={now} /> : null}

      {editing ? (
        <WebhookFormDialog
          sessionId={sessionId}
          webhook={webhook}
          onClose={() => setEditing(false)}
          onCreated={() => setEditing(false)}
        />
      ) : null}
      {confirm === 'delete' ? (
        <ConfirmDialog
          title={t('webhooks.deleteTitle')}
          confirmLabel={t('webhooks.deleteConfirm')}
          confirmIcon={Trash2}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await remove.mutateAsync({ id: webhook.id });
            await utils.webhooks.list.invalidate(listInput);
            toast.success(t('webhooks.deleted'));
          }}
        >
          <p>
            <Trans
              i18nKey="webhooks.deleteBody"
              values={{ url: webhook.url }}
              components={{ code: <bdi dir="ltr" className="font-mono break-all" /> }}
            />
          </p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'rotate' ? (
        <ConfirmDialog
          title={t('webhooks.rotateTitle')}
          confirmLabel={t('webhooks.rotate')}
          confirmIcon={KeyRound}
          tone="primary"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            const rotated = await rotate.mutateAsync({ id: webhook.id });
            await utils.webhooks.list.invalidate(listInput);
            onSecret(rotated.secret);
          }}
        >
          <p>{t('webhooks.rotateBody')}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
