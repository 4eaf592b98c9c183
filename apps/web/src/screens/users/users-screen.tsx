import { KeyRound, ShieldCheck, Trash2, UserPlus, UserRound, Users } from 'lucide-react';
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, initials } from '../../lib/format.ts';
import type { User } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { AddUserDialog } from './add-user-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';

type Pending =
  | { kind: 'add' }
  | { kind: 'reset'; user: User }
  | { kind: 'delete'; user: User }
  | { kind: 'role'; user: User };

export function UsersScreen({ me }: { me: User }) {
  const { t } = useTranslation();
  const ownRowNote = useId();
  const users = trpc.users.list.useQuery();
  const utils = trpc.useUtils();
  const update = trpc.users.update.useMutation();
  const remove = trpc.users.delete.useMutation();
  const toast = useToast();
  const [pending, setPending] = useState<Pending | null>(null);
  const close = () => setPending(null);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        action={
          <Button variant="primary" icon={UserPlus} onClick={() => setPending({ kind: 'add' })}>
            {t('users.add')}
          </Button>
        }
      />
      {users.error ? <ErrorNotice>{errorMessage(users.error)}</ErrorNotice> : null}
      {users.isLoading ? <LoadingBlock label={t('users.loading')} /> : null}
      {users.data?.length === 0 ? <EmptyState icon={Users} title={t('users.empty')} /> : null}
      {users.data && users.data.length > 0 ? (
        <Card>
          <ul
            aria-label={t('users.title')}
            className="divide-y divide-zinc-100 md:grid md:grid-cols-[minmax(0,1fr)_auto_auto_auto] dark:divide-zinc-800"
          >
            {users.data.map((user) => (
              <li
                key={user.id}
                data-testid="user-row"
                className="flex flex-col gap-3 px-5 py-4 md:col-span-4 md:grid md:grid-cols-subgrid md:items-center md:gap-x-6"
              >
                <div className="flex min-w-0 flex-1 items-center gap-3">
                  <span
                    aria-hidden
                    className="flex size-9 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                  >
                    {initials(user.name)}
                  </span>
                  <div className="min-w-0">
                    <p className="flex items-center gap-2 truncate text-sm font-medium">
                      {user.name}
                      {user.id === me.id ? (
                        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-normal text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
                          {t('users.you')}
                        </span>
                      ) : null}
                    </p>
                    <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">
                      <bdi dir="ltr">{user.email}</bdi>
                    </p>
                  </div>
                </div>
                <div className="flex items-center gap-4 text-sm md:contents">
                  <span
                    className={
                      user.role === 'admin'
                        ? 'inline-flex items-center justify-self-start gap-1 rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300'
                        : 'inline-flex items-center justify-self-start gap-1 rounded-full bg-zinc-100 px-2.5 py-0.5 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300'
                    }
                  >
                    {user.role === 'admin' ? (
                      <ShieldCheck aria-hidden className="size-3.5" />
                    ) : (
                      <UserRound aria-hidden className="size-3.5" />
                    )}
                    {t(`users.roles.${user.role}.label`)}
                  </span>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {t('users.added', { date: formatDate(user.createdAt) })}
                  </span>
                </div>
                <div className="flex flex-wrap gap-2 md:justify-end">
                  <Button size="sm" icon={KeyRound} onClick={() => setPending({ kind: 'reset', user })}>
                    {t('users.resetPassword')}
                  </Button>
                  <Button
                    size="sm"
                    onClick={() => setPending({ kind: 'role', user })}
                    disabled={user.id === me.id}
                    title={user.id === me.id ? t('users.ownRow') : undefined}
                    aria-describedby={user.id === me.id ? ownRowNote : undefined}
                  >
                    {user.role === 'admin' ? t('users.makeOperator') : t('users.makeAdmin')}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger-ghost"
                    icon={Trash2}
                    disabled={user.id === me.id}
                    title={user.id === me.id ? t('users.ownRow') : undefined}
                    aria-describedby={user.id === me.id ? ownRowNote : undefined}
                    onClick={() => setPending({ kind: 'delete', user })}
                  >
                    {t('common.delete')}
                  </Button>
                  {user.id === me.id ? (
                    // Why two of the buttons are off, for everyone (a disabled button shows no tooltip on touch).
                    <p
                      id={ownRowNote}
                      className="w-full text-xs text-zinc-500 md:text-end dark:text-zinc-400"
                    >
                      {t('users.ownRow')}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {pending?.kind === 'add' ? <AddUserDialog onClose={close} /> : null}
      {pending?.kind === 'reset' ? <ResetPasswordDialog user={pending.user} onClose={close} /> : null}
      {pending?.kind === 'role' ? (
        <ConfirmDialog
          title={
            pending.user.role === 'admin'
              ? t('users.makeOperatorTitle', { name: pending.user.name })
              : t('users.makeAdminTitle', { name: pending.user.name })
          }
          confirmLabel={pending.user.role === 'admin' ? t('users.makeOperator') : t('users.makeAdmin')}
          tone="primary"
          onClose={close}
          onConfirm={async () => {
            const role = pending.user.role === 'admin' ? 'operator' : 'admin';
            await update.mutateAsync({ id: pending.user.id, role });
            await utils.users.list.invalidate();
            toast.success(
              role === 'admin'
                ? t('users.nowAdmin', { name: pending.user.name })
                : t('users.nowOperator', { name: pending.user.name }),
            );
          }}
        >
          {pending.user.role === 'admin' ? <p>{t('users.demoteBody')}</p> : <p>{t('users.promoteBody')}</p>}
        </ConfirmDialog>
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('users.deleteTitle', { name: pending.user.name })}
          confirmLabel={t('users.deleteConfirm')}
          confirmIcon={Trash2}
          onClose={close}
          onConfirm={async () => {
            await remove.mutateAsync({ id: pending.user.id });
            await utils.users.list.invalidate();
            toast.success(t('users.deleted', { name: pending.user.name }));
          }}
        >
          <p>
            <Trans
              i18nKey="users.deleteBody"
              values={{ email: pending.user.email }}
              components={{ strong: <strong dir="ltr" /> }}
            />
          </p>
          <p>{t('users.deleteAfter')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
