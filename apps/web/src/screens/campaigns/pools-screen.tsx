import { Pencil, Plus, Trash2, Users } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { SessionTag } from '../../components/session-select.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Pool, Session } from '../../lib/types.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { BackLink } from './campaign-parts.tsx';

function PoolDialog({
  pool,
  sessions,
  onClose,
}: {
  pool: Pool | null;
  sessions: Session[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [name, setName] = useState(pool?.name ?? '');
  const [members, setMembers] = useState<string[]>(pool?.sessionIds ?? []);
  const [shown, setShown] = useState(false);
  const saved = (p: Pool) => {
    void utils.pools.list.invalidate();
    toast.success(t('editor.pools.saved', { name: p.name }));
    onClose();
  };
  const create = trpc.pools.create.useMutation({ onSuccess: saved });
  const update = trpc.pools.update.useMutation({ onSuccess: saved });
  const problem = !name.trim()
    ? t('editor.pools.nameMissing')
    : members.length === 0
      ? t('editor.pools.membersMissing')
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (problem) return;
    if (pool) update.mutate({ id: pool.id, name: name.trim(), sessionIds: members });
    else create.mutate({ name: name.trim(), sessionIds: members });
  };
  const error = create.error ?? update.error;
  return (
    <Dialog
      title={pool ? t('editor.pools.edit', { name: pool.name }) : t('editor.pools.new')}
      description={t('editor.pools.description')}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('editor.pools.name')}
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t('editor.pools.accounts')}
          </legend>
          <ul className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
            {sessions.map((s) => (
              <li key={s.id}>
                <label className="flex cursor-pointer items-center gap-3 px-3 py-2.5 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                  <input
                    type="checkbox"
                    className="size-4 accent-emerald-600"
                    checked={members.includes(s.id)}
                    onChange={(e) =>
                      setMembers((now) =>
                        e.target.checked ? [...now, s.id] : now.filter((id) => id !== s.id),
                      )
                    }
                  />
                  <SessionTag session={s} />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {shown && problem ? <ErrorNotice>{problem}</ErrorNotice> : null}
        {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" loading={create.isPending || update.isPending}>
            {pool ? t('common.save') : t('editor.pools.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type Pending = { kind: 'edit'; pool: Pool | null } | { kind: 'delete'; pool: Pool } | null;

/** Named groups of accounts that campaigns and sends can spread over. */
export function PoolsScreen() {
  const { t } = useTranslation();
  const pools = trpc.pools.list.useQuery();
  const { sessions } = useSessions();
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.pools.delete.useMutation();
  const [pending, setPending] = useState<Pending>(null);
  const byId = new Map((sessions ?? []).map((s) => [s.id, s]));

  const newButton = (
    <Button variant="primary" icon={Plus} onClick={() => setPending({ kind: 'edit', pool: null })}>
      {t('editor.pools.new')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('editor.pools.title')}
        description={t('editor.pools.pageDescription')}
        action={pools.data && pools.data.length > 0 ? newButton : null}
      >
        <BackLink to={{ name: 'campaigns' }}>{t('campaigns.detail.back')}</BackLink>
      </PageHeader>
      {pools.error ? <ErrorNotice>{errorMessage(pools.error)}</ErrorNotice> : null}
      {pools.isLoading ? <LoadingBlock label={t('editor.pools.loading')} /> : null}
      {pools.data && pools.data.length === 0 ? (
        <EmptyState icon={Users} title={t('editor.pools.emptyTitle')} action={newButton}>
          {t('editor.pools.emptyBody')}
        </EmptyState>
      ) : null}
      {pools.data && pools.data.length > 0 ? (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label={t('editor.pools.title')}>
          {pools.data.map((pool) => (
            <li key={pool.id}>
              <Card className="h-full">
                <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3.5 dark:border-zinc-800">
                  <h2 className="truncate text-sm font-semibold">{pool.name}</h2>
                  <div className="flex gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={Pencil}
                      onClick={() => setPending({ kind: 'edit', pool })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      icon={Trash2}
                      onClick={() => setPending({ kind: 'delete', pool })}
                    >
                      {t('common.delete')}
                    </Button>
                  </div>
                </div>
                <ul className="space-y-2 px-5 py-4 text-sm">
                  {pool.sessionIds.map((id) => {
                    const session = byId.get(id);
                    return (
                      <li key={id}>
                        {session ? <SessionTag session={session} /> : <bdi dir="ltr">{id}</bdi>}
                      </li>
                    );
                  })}
                </ul>
              </Card>
            </li>
          ))}
        </ul>
      ) : null}
      {pending?.kind === 'edit' ? (
        <PoolDialog pool={pending.pool} sessions={sessions ?? []} onClose={() => setPending(null)} />
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('editor.pools.deleteTitle', { name: pending.pool.name })}
          confirmLabel={t('editor.pools.deleteConfirm')}
          confirmIcon={Trash2}
          onConfirm={() =>
            remove.mutateAsync({ id: pending.pool.id }).then(async () => {
              await utils.pools.list.invalidate();
              toast.success(t('editor.pools.deleted'));
            })
          }
          onClose={() => setPending(null)}
        >
          {t('editor.pools.deleteBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
