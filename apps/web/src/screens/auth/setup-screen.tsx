import { PASSWORD_MIN_LENGTH } from '@switchboard/validators';
import { ShieldCheck } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { User } from '../../lib/types.ts';
import { emailProblem, passwordProblem, personNameProblem } from '../../lib/user-validation.ts';
import { trpc } from '../../trpc.ts';
import { AuthLayout } from './auth-layout.tsx';

/** First run: nobody exists yet, so whoever opens the dashboard creates the first admin. */
export function SetupScreen({ onDone }: { onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const setup = trpc.auth.setup.useMutation();

  const problems = {
    name: personNameProblem(name),
    email: emailProblem(email),
    password: passwordProblem(password),
  };
  const show = (field: keyof typeof problems) => (submitted || touched[field] ? problems[field] : null);
  const blur = (field: string) => () => setTouched((seen) => ({ ...seen, [field]: true }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.name || problems.email || problems.password) return;
    setup.mutate({ name, email, password }, { onSuccess: onDone });
  };

  return (
    <AuthLayout title={t('shell.setup.title')} subtitle={t('shell.setup.subtitle')}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('shell.setup.name')}
          autoComplete="name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={blur('name')}
          error={show('name')}
        />
        <TextField
          label={t('shell.login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          onBlur={blur('email')}
          error={show('email')}
        />
        <TextField
          label={t('shell.login.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onBlur={blur('password')}
          error={show('password')}
          hint={t('shell.setup.passwordHint', { count: PASSWORD_MIN_LENGTH })}
        />
        {setup.error ? <ErrorNotice>{errorMessage(setup.error)}</ErrorNotice> : null}
        <Button
          type="submit"
          variant="primary"
          icon={ShieldCheck}
          className="w-full"
          loading={setup.isPending}
        >
          {t('shell.setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
