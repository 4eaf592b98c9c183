import { BookOpen, KeyRound, Plus, ShieldOff } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { cx } from '../../components/cx.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { KEY_STATUS_META, orderKeys } from '../../lib/api-keys.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatList, formatRelative } from '../../lib/format.ts';
import type { ApiKey, User } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { CreateKeyDialog, KeyCreatedDialog } from './key-dialogs.tsx';

/** API keys: the user's own (admins: everyone's), with what each may do, when it was last used, revoke. */
export function ApiKeysScreen({ me }: { me: User }) {
  const { t } = useTranslation();
  const keys = trpc.apiKeys.list.useQuery(undefined, { refetchInterval: 30_000 });
  const utils = trpc.useUtils();
  const revoke = trpc.apiKeys.revoke.useMutation();
  const toast = useToast();
  const now = useNow(30_000);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: ApiKey; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const createButton = (
    <Button variant="primary" icon={Plus} onClick={() => setCreating(true)}>
      {t('apiKeys.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={me.role === 'admin' ? t('apiKeys.descriptionAdmin') : t('apiKeys.description')}
        action={
          <>
            <a
              href="/api/docs"
              target="_blank"
              rel="noreferrer"
              className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-zinc-800 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800"
            >
              <BookOpen aria-hidden className="size-4" />
              {t('shell.apiReference')}
            </a>
            {createButton}
          </>
        }
      />
      {keys.error ? <ErrorNotice>{errorMessage(keys.error)}</ErrorNotice> : null}
      {keys.isLoading ? <LoadingBlock label={t('apiKeys.loading')} /> : null}
      {keys.data?.length === 0 ? (
        <EmptyState icon={KeyRound} title={t('apiKeys.emptyTitle')} action={createButton}>
          <Trans
            i18nKey="apiKeys.emptyBody"
            components={{ code: <code dir="ltr" className="font-mono text-xs" /> }}
          />
        </EmptyState>
      ) : null}
      {keys.data && keys.data.length > 0 ? (
        <Card>
          <ul aria-label={t('apiKeys.title')} className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {orderKeys(keys.data).map((key) => (
              <KeyRow key={key.id} apiKey={key} me={me} now={now} onRevoke={() => setRevoking(key)} />
            ))}
          </ul>
        </Card>
      ) : null}

      {creating ? (
        <CreateKeyDialog
          me={me}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            void utils.apiKeys.list.invalidate();
          }}
        />
      ) : null}
      {created ? (
        <KeyCreatedDialog apiKey={created.key} secret={created.secret} onClose={() => setCreated(null)} />
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={t('apiKeys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('apiKeys.revokeConfirm')}
          confirmIcon={ShieldOff}
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revoke.mutateAsync({ id: revoking.id });
            await utils.apiKeys.list.invalidate();
            toast.success(t('apiKeys.revoked', { name: revoking.name }));
          }}
        >
          <p>
            <Trans
              i18nKey="apiKeys.revokeBody"
              values={{ prefix: revoking.prefix }}
              components={{ code: <bdi dir="ltr" className="font-mono" /> }}
            />
          </p>
          <p>{t('apiKeys.revokeAfter')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function KeyRow({
  apiKey,
  me,
  now,
  onRevoke,
}: {
  apiKey: ApiKey;
  me: User;
  now: number;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  const { sessions } = useSessions();
  const status = KEY_STATUS_META[apiKey.status];
  const names = apiKey.accountIds?.map((id) => sessions?.find((s) => s.id === id)?.name ?? id);
  return (
    <li
      data-testid="api-key-row"
      data-key-prefix={apiKey.prefix}
      className={cx(
        'grid gap-4 px-5 py-4 md:grid-cols-[minmax(0,1fr)_auto] md:items-center',
        apiKey.status !== 'active' && 'bg-zinc-50/60 dark:bg-zinc-900/40',
      )}
    >
      <div className="flex min-w-0 gap-3">
        <span
          aria-hidden
          className={cx(
            'mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full',
            apiKey.status === 'active'
              ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300'
              : 'bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400',
          )}
        >
          <KeyRound className="size-4" />
        </span>
        <div className="min-w-0 space-y-1.5">
          <p className="flex flex-wrap items-center gap-2">
            <span className="truncate text-sm font-medium">{apiKey.name}</span>
            <span
              className={cx(
                'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
                TONE_BADGE[status.tone],
              )}
            >
              {status.label}
            </span>
          </p>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <bdi dir="ltr" className="font-mono text-zinc-700 dark:text-zinc-300">
              {apiKey.prefix}…
            </bdi>
            <span aria-hidden>·</span>
            <span>{names ? t('apiKeys.only', { names: formatList(names) }) : t('apiKeys.everySession')}</span>
            {apiKey.owner.id !== me.id ? (
              <>
                <span aria-hidden>·</span>
                <span>
                  <Trans
                    i18nKey="apiKeys.for"
                    values={{ name: apiKey.owner.name, email: apiKey.owner.email }}
                    components={{ bdi: <bdi dir="ltr" /> }}
                  />
                </span>
              </>
            ) : null}
          </p>
          <ul aria-label={t('apiKeys.scopesOf', { name: apiKey.name })} className="flex flex-wrap gap-1.5">
            {apiKey.scopes.map((scope) => (
              <li
                key={scope}
                dir="ltr"
                className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {scope}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 ps-12 md:ps-0">
        <dl className="flex gap-6 text-xs">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('apiKeys.lastUsed')}</dt>
            <dd data-testid="last-used" className="font-medium">
              {apiKey.lastUsedAt ? formatRelative(apiKey.lastUsedAt, now) : t('common.never')}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">
              {apiKey.status === 'revoked'
                ? t('apiKeys.revokedOn')
                : apiKey.status === 'expired'
                  ? t('apiKeys.expiredOn')
                  : t('apiKeys.expires')}
            </dt>
            <dd className="font-medium">
              {apiKey.revokedAt
                ? formatDate(apiKey.revokedAt)
                : apiKey.expiresAt
                  ? formatDate(apiKey.expiresAt)
                  : t('common.never')}
            </dd>
          </div>
          <div className="hidden sm:block">
            <dt className="text-zinc-500 dark:text-zinc-400">{t('apiKeys.created')}</dt>
            <dd className="font-medium">{formatDate(apiKey.createdAt)}</dd>
          </div>
        </dl>
        {apiKey.status === 'active' ? (
          <Button size="sm" variant="danger-ghost" icon={ShieldOff} onClick={onRevoke}>
            {t('apiKeys.revoke')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
