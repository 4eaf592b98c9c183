import { KeyRound, ShieldCheck, Trash2, UserPlus, UserRound, Users } from 'lucide-react';
import { useState } from 'react';
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
        title="Users"
        description="Who can sign in. Operators see and manage only their own sessions; admins see all of them and manage users."
        action={
          <Button variant="primary" icon={UserPlus} onClick={() => setPending({ kind: 'add' })}>
            Add user
          </Button>
        }
      />
      {users.error ? <ErrorNotice>{errorMessage(users.error)}</ErrorNotice> : null}
      {users.isLoading ? <LoadingBlock label="Loading users…" /> : null}
      {users.data?.length === 0 ? <EmptyState icon={Users} title="No users" /> : null}
      {users.data && users.data.length > 0 ? (
        <Card>
          <ul
            aria-label="Users"
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
                          you
                        </span>
                      ) : null}
                    </p>
                    <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">{user.email}</p>
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
                    {user.role === 'admin' ? 'Admin' : 'Operator'}
                  </span>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    Added {formatDate(user.createdAt)}
                  </span>
                </div>
                <div className="flex flex-wrap gap-2 md:justify-end">
                  <Button size="sm" icon={KeyRound} onClick={() => setPending({ kind: 'reset', user })}>
                    Reset password
                  </Button>
                  <Button
                    size="sm"
                    onClick={() => setPending({ kind: 'role', user })}
                    disabled={user.id === me.id}
                  >
                    {user.role === 'admin' ? 'Make operator' : 'Make admin'}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger-ghost"
                    icon={Trash2}
                    disabled={user.id === me.id}
                    onClick={() => setPending({ kind: 'delete', user })}
                  >
                    Delete
                  </Button>
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
              ? `Make ${pending.user.name} an operator?`
              : `Make ${pending.user.name} an admin?`
          }
          confirmLabel={pending.user.role === 'admin' ? 'Make operator' : 'Make admin'}
          tone="primary"
          onClose={close}
          onConfirm={async () => {
            const role = pending.user.role === 'admin' ? 'operator' : 'admin';
            await update.mutateAsync({ id: pending.user.id, role });
            await utils.users.list.invalidate();
            toast.success(`${pending.user.name} is now ${role === 'admin' ? 'an admin' : 'an operator'}.`);
          }}
        >
          {pending.user.role === 'admin' ? (
            <p>They will see and manage only their own sessions, and can no longer manage users.</p>
          ) : (
            <p>They will see and manage every session, and can add, change and delete users.</p>
          )}
        </ConfirmDialog>
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${pending.user.name}?`}
          confirmLabel="Delete user"
          confirmIcon={Trash2}
          onClose={close}
          onConfirm={async () => {
            await remove.mutateAsync({ id: pending.user.id });
            await utils.users.list.invalidate();
            toast.success(`${pending.user.name} was deleted.`);
          }}
        >
          <p>
            <strong>{pending.user.email}</strong> can no longer sign in and is signed out everywhere at once.
          </p>
          <p>Sessions they own must be deleted first. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
