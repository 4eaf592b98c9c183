import { PASSWORD_MIN_LENGTH } from '@switchboard/validators';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { User } from '../../lib/types.ts';
import { passwordProblem } from '../../lib/user-validation.ts';
import { trpc } from '../../trpc.ts';

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const update = trpc.users.update.useMutation();
  const toast = useToast();
  const problem = submitted ? passwordProblem(password) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (passwordProblem(password)) return;
    update.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          toast.success(t('users.reset.done', { name: user.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      title={t('users.reset.title', { name: user.name })}
      description={
        <Trans
          i18nKey="users.reset.description"
          values={{ email: user.email }}
          components={{ bdi: <bdi dir="ltr" /> }}
        />
      }
      onClose={onClose}
      size="sm"
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('users.reset.password')}
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem}
          hint={t('shell.setup.passwordHint', { count: PASSWORD_MIN_LENGTH })}
        />
        {update.error ? <ErrorNotice>{errorMessage(update.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" icon={KeyRound} loading={update.isPending}>
            {t('users.reset.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
