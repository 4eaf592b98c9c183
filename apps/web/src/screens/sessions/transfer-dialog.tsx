import { ArrowRightLeft } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { useSessionCache } from './session-cache.ts';

/** Hands a session — its messages, conversations and webhooks with it — to another user (admins). */
export function TransferDialog({
  session,
  ownerId,
  onClose,
}: {
  session: Session;
  ownerId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const cache = useSessionCache();
  const users = trpc.users.list.useQuery();
  const others = (users.data ?? []).filter((u) => u.id !== ownerId);
  const [to, setTo] = useState('');
  const transfer = trpc.sessions.transfer.useMutation({
    onSuccess: (moved) => {
      cache.put(moved);
      toast.success(t('sessionTools.transfer.done', { name: moved.name, owner: moved.owner?.name ?? '' }));
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to) transfer.mutate({ id: session.id, ownerId: to });
  };

  return (
    <Dialog
      title={t('sessionTools.transfer.title', { name: session.name })}
      description={t('sessionTools.transfer.description')}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <label className="block">
          <span className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t('sessionTools.transfer.to')}
          </span>
          <select className={selectClass} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="" disabled>
              {users.isLoading ? t('sessionTools.transfer.loading') : t('sessionTools.transfer.choose')}
            </option>
            {others.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        </label>
        {users.error ? <ErrorNotice>{errorMessage(users.error)}</ErrorNotice> : null}
        {transfer.error ? <ErrorNotice>{errorMessage(transfer.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="primary"
            icon={ArrowRightLeft}
            loading={transfer.isPending}
            disabled={!to}
          >
            {t('sessionTools.transfer.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
