import { LogIn } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { errorMessage, retryAfterSeconds } from '../../lib/errors.ts';
import { formatCountdown } from '../../lib/format.ts';
import type { User } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { trpc } from '../../trpc.ts';
import { AuthLayout } from './auth-layout.tsx';

const canonical = (email: string) => email.trim().toLowerCase();

export function LoginScreen({ onDone }: { onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Limits count per account (and per address): the wait applies to the email that was refused.
  const [blocked, setBlocked] = useState<{ email: string; seconds: number; at: number } | null>(null);
  const login = trpc.auth.login.useMutation();
  const now = useNow(1000);
  const wait =
    blocked && blocked.email === canonical(email)
      ? Math.min(blocked.seconds, blocked.seconds - Math.floor((now - blocked.at) / 1000))
      : 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    login.mutate(
      { email, password },
      {
        onSuccess: onDone,
        onError: (e) => {
          setError(errorMessage(e));
          const seconds = retryAfterSeconds(e);
          setBlocked(seconds ? { email: canonical(email), seconds, at: Date.now() } : null);
        },
      },
    );
  };

  return (
    <AuthLayout title={t('shell.login.title')} subtitle={t('shell.login.subtitle')}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('shell.login.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('shell.login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {blocked && wait > 0 ? (
          // One form of the wait: the countdown (the server's sentence would repeat it in seconds).
          <ErrorNotice>
            {t('shell.login.tooMany')}
            <span className="mt-1 block font-medium tabular-nums" aria-live="off">
              {t('shell.login.wait', { time: formatCountdown(wait) })}
            </span>
          </ErrorNotice>
        ) : error && !blocked ? (
          <ErrorNotice>{error}</ErrorNotice>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          icon={LogIn}
          className="w-full"
          loading={login.isPending}
          disabled={wait > 0 || email.trim() === '' || password === ''}
        >
          {t('shell.login.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
