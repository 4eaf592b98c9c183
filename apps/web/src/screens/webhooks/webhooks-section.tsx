import { Plus, Webhook as WebhookIcon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { DeliveryStream } from './delivery-stream.tsx';
import { EndpointRow } from './endpoint-row.tsx';
import { SecretDialog, WebhookFormDialog } from './webhook-dialogs.tsx';

/**
 * Webhook endpoints, live: an account's (`sessionId`), or with `sessionId` null the server-wide ones that get
 * every account's events (admins). Add, edit, test, rotate the secret, delete, and read the delivery log.
 */
export function WebhooksSection({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  const query = trpc.webhooks.list.useQuery({ sessionId }, { staleTime: Number.POSITIVE_INFINITY });
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ secret: string; rotated: boolean } | null>(null);
  // Only these endpoints: an admin's list holds every account's and the server-wide ones.
  const endpoints = query.data?.filter((w) => w.accountId === sessionId) ?? [];
  const global = sessionId === null;

  return (
    <Card aria-labelledby="webhooks-title">
      <DeliveryStream sessionId={sessionId} />
      <CardHeader
        title={global ? t('webhooks.global.title') : t('webhooks.title')}
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
          <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
            {global ? t('webhooks.global.emptyBody') : t('webhooks.emptyBody')}
          </p>
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
