import {
  ChevronDown,
  CircleAlert,
  CircleCheck,
  CircleOff,
  KeyRound,
  Pencil,
  Plus,
  RefreshCw,
  Repeat,
  Send,
  Trash2,
  Webhook as WebhookIcon,
} from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Webhook, WebhookDelivery, WebhookTestResult } from '../../lib/types.ts';
import { DELIVERY_STATUS_META, lastOutcome } from '../../lib/webhooks.ts';
import { useNow } from '../../live/use-now.ts';
import { trpc } from '../../trpc.ts';
import { SecretDialog, WebhookFormDialog } from './webhook-dialogs.tsx';

const DELIVERY_PAGE_SIZE = 25;

/** The account's webhook endpoints: add, edit, test, rotate the secret, delete, and read the delivery log. */
export function WebhooksSection({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const query = trpc.webhooks.list.useQuery({ sessionId }, { staleTime: Number.POSITIVE_INFINITY });
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ secret: string; rotated: boolean } | null>(null);
  // Only this account's endpoints (an admin's list may also hold global ones).
  const endpoints = query.data?.filter((w) => w.accountId === sessionId) ?? [];

  return (
    <Card aria-labelledby="webhooks-title">
      <CardHeader
        title={t('webhooks.title')}
        id="webhooks-title"
        action={
          <Button size="sm" icon={Plus} onClick={() => setAdding(true)}>
            {t('webhooks.add')}
          </Button>
        }
      />
      {query.isLoading ? <LoadingBlock label={t('webhooks.loading')} /> : null}
      {query.error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && endpoints.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
          <WebhookIcon aria-hidden className="size-6 text-zinc-400" />
          <p className="text-sm font-medium">{t('webhooks.emptyTitle')}</p>
          <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{t('webhooks.emptyBody')}</p>
        </div>
      ) : null}
      {endpoints.length > 0 ? (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {endpoints.map((webhook) => (
            <EndpointRow
              key={webhook.id}
              webhook={webhook}
              sessionId={sessionId}
              onSecret={(s) => setSecret({ secret: s, rotated: true })}
            />
          ))}
        </ul>
      ) : null}
      {adding ? (
        <WebhookFormDialog
          sessionId={sessionId}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            setSecret({ secret: created.secret, rotated: false });
          }}
        />
      ) : null}
      {secret ? (
        <SecretDialog secret={secret.secret} rotated={secret.rotated} onClose={() => setSecret(null)} />
      ) : null}
    </Card>
  );
}

function EndpointRow({
  webhook,
  sessionId,
  onSecret,
}: {
  webhook: Webhook;
  sessionId: string;
  onSecret: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const now = useNow(30_000);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const test = trpc.webhooks.test.useMutation();
  const remove = trpc.webhooks.delete.useMutation();
  const rotate = trpc.webhooks.rotateSecret.useMutation();
  const deliveries = trpc.webhooks.deliveries.useQuery(
    { webhookId: webhook.id, limit: DELIVERY_PAGE_SIZE },
    { staleTime: Number.POSITIVE_INFINITY },
  );
  const _items = deliveries.data?.items ?? [];
  // Health (last success, failures in a row) comes with the endpoint, computed by the server.
  const health = webhook;

  const sendTest = () => {
    setResult(null);
    test.mutate(
      { id: webhook.id },
      {
        onSuccess: (outcome) => {
          setResult(outcome);
          void utils.webhooks.list.invalidate();
        },
      },
    );
  };

  return (
    <li className="space-y-3 px-5 py-4" data-testid="webhook" data-webhook-id={webhook.id}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1">
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
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{webhook.description}</p>
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
          <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <div className="flex gap-1">
              <dt>{t('webhooks.lastSuccess')}</dt>
              <dd className="font-medium text-zinc-700 dark:text-zinc-300">
                {health.lastSuccessAt ? (
                  <time
                    dateTime={new Date(health.lastSuccessAt).toISOString()}
                    title={formatDateTime(health.lastSuccessAt)}
                  >
                    {formatRelative(health.lastSuccessAt, now)}
                  </time>
                ) : (
                  t('common.never')
                )}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>{t('webhooks.failuresInARow')}</dt>
              <dd
                className={cx(
                  'font-medium',
                  health.consecutiveFailures > 0
                    ? 'text-red-700 dark:text-red-400'
                    : 'text-zinc-700 dark:text-zinc-300',
                )}
              >
                {formatCount(health.consecutiveFailures)}
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
        </div>
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
            await utils.webhooks.list.invalidate();
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
            await utils.webhooks.list.invalidate();
            onSecret(rotated.secret);
          }}
        >
          <p>{t('webhooks.rotateBody')}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

function TestResult({ result }: { result: WebhookTestResult }) {
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

interface DeliveriesQuery {
  data: { items: WebhookDelivery[] } | undefined;
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

function DeliveryLog({ webhook, query, now }: { webhook: Webhook; query: DeliveriesQuery; now: number }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const replay = trpc.webhooks.replay.useMutation();
  const items = query.data?.items ?? [];
  const failed = items.filter((d) => d.status === 'failed').length;

  const replayAll = () =>
    replay.mutate(
      { webhookId: webhook.id },
      {
        onSuccess: ({ replayed }) => {
          toast.success(t('webhooks.replaying', { count: replayed }));
          void utils.webhooks.deliveries.invalidate({ webhookId: webhook.id });
          void utils.webhooks.list.invalidate();
        },
      },
    );

  return (
    <section
      aria-label={t('webhooks.logOf', { url: webhook.url })}
      className="rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800">
        <h3 className="text-sm font-semibold">{t('webhooks.log')}</h3>
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="ghost"
            icon={RefreshCw}
            loading={query.isFetching}
            onClick={() => {
              void query.refetch();
              void utils.webhooks.list.invalidate();
            }}
          >
            {t('webhooks.refresh')}
          </Button>
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
            <DeliveryRow key={delivery.id} delivery={delivery} webhookId={webhook.id} now={now} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function DeliveryRow({
  delivery,
  webhookId,
  now,
}: {
  delivery: WebhookDelivery;
  webhookId: string;
  now: number;
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const replay = trpc.webhooks.replay.useMutation({
    onSuccess: () => {
      void utils.webhooks.deliveries.invalidate({ webhookId });
      void utils.webhooks.list.invalidate();
    },
  });
  const meta = DELIVERY_STATUS_META[delivery.status];
  const at = delivery.lastAttemptAt ?? delivery.createdAt;
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
          {delivery.attemptLog.length === 0 ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('webhooks.notAttempted')}</p>
          ) : (
            <table className="w-full text-start text-xs">
              <caption className="sr-only">{t('webhooks.attemptsCaption')}</caption>
              <thead className="text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pe-3 font-medium">{t('webhooks.time')}</th>
                  <th className="py-1 pe-3 font-medium">{t('webhooks.status')}</th>
                  <th className="py-1 pe-3 font-medium">{t('webhooks.duration')}</th>
                  <th className="py-1 font-medium">{t('webhooks.responseOrError')}</th>
                </tr>
              </thead>
              <tbody>
                {delivery.attemptLog.map((attempt) => (
                  <tr key={attempt.id} className="align-top">
                    <td className="py-1 pe-3 whitespace-nowrap">{formatDateTime(attempt.at)}</td>
                    <td className="py-1 pe-3 tabular-nums">{attempt.statusCode ?? '—'}</td>
                    <td className="py-1 pe-3 tabular-nums">
                      {t('webhooks.milliseconds', { ms: formatCount(attempt.durationMs) })}
                    </td>
                    <td dir="ltr" className="py-1 text-start font-mono break-all">
                      {attempt.error ?? attempt.responseExcerpt ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {replay.error ? <ErrorNotice>{errorMessage(replay.error)}</ErrorNotice> : null}
          <Button
            size="sm"
            icon={Repeat}
            loading={replay.isPending}
            onClick={() => replay.mutate({ deliveryId: delivery.id })}
          >
            {t('webhooks.replay')}
          </Button>
        </div>
      </details>
    </li>
  );
}
