import { PASSWORD_MIN_LENGTH } from '@switchboard/validators';
import { ShieldCheck, UserPlus, UserRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { UserRole } from '../../lib/types.ts';
import { emailProblem, passwordProblem, personNameProblem } from '../../lib/user-validation.ts';
import { trpc } from '../../trpc.ts';

const ROLES: Array<{ role: UserRole; icon: typeof UserRound }> = [
  { role: 'operator', icon: UserRound },
  { role: 'admin', icon: ShieldCheck },
];

export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('operator');
  const [submitted, setSubmitted] = useState(false);
  const create = trpc.users.create.useMutation();
  const utils = trpc.useUtils();
  const toast = useToast();

  const problems = {
    name: personNameProblem(name),
    email: emailProblem(email),
    password: passwordProblem(password),
  };
  const show = (field: keyof typeof problems) => (submitted ? problems[field] : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.name || problems.email || problems.password) return;
    create.mutate(
      { name, email, password, role },
      {
        onSuccess: async (user) => {
          await utils.users.list.invalidate();
          toast.success(
            user.role === 'admin'
              ? t('users.dialog.createdAdmin', { name: user.name })
              : t('users.dialog.createdOperator', { name: user.name }),
          );
          onClose();
        },
      },
    );
  };

  return (
    <Dialog title={t('users.dialog.title')} description={t('users.dialog.description')} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('users.dialog.name')}
          autoFocus
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={show('name')}
        />
        <TextField
          label={t('shell.login.email')}
          type="email"
          autoComplete="off"
          dir="ltr"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={show('email')}
        />
        <TextField
          label={t('shell.login.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={show('password')}
          hint={t('shell.setup.passwordHint', { count: PASSWORD_MIN_LENGTH })}
        />
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t('users.dialog.role')}
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {ROLES.map((option) => (
              <label
                key={option.role}
                className={cx(
                  'flex cursor-pointer gap-3 rounded-xl p-3.5 ring-1 ring-inset',
                  role === option.role
                    ? 'bg-emerald-50/60 ring-2 ring-emerald-600 dark:bg-emerald-950/40 dark:ring-emerald-500'
                    : 'ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800/50',
                )}
              >
                <input
                  type="radio"
                  name="role"
                  value={option.role}
                  checked={role === option.role}
                  onChange={() => setRole(option.role)}
                  className="mt-1 size-4 accent-emerald-600"
                />
                <span>
                  <span className="flex items-center gap-1.5 text-sm font-medium">
                    <option.icon aria-hidden className="size-4" />
                    {t(`users.roles.${option.role}.label`)}
                  </span>
                  <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
                    {t(`users.roles.${option.role}.description`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {create.error ? <ErrorNotice>{errorMessage(create.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" icon={UserPlus} loading={create.isPending}>
            {t('users.dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
