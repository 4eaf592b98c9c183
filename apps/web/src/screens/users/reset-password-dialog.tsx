import { PASSWORD_MIN_LENGTH } from '@switchboard/validators';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
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
          toast.success(`New password set for ${user.name}.`);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      title={`Reset password for ${user.name}`}
      description={<>This signs {user.email} out everywhere; they sign in again with the new password.</>}
      onClose={onClose}
      size="sm"
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        />
        {update.error ? <ErrorNotice>{errorMessage(update.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon={KeyRound} loading={update.isPending}>
            Set new password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
