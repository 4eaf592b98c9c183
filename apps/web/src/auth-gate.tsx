import { useQueryClient } from '@tanstack/react-query';
import type { TRPCWebSocketClient } from '@trpc/client';
import { RefreshCw } from 'lucide-react';
import { useCallback, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './components/button.tsx';
import { ErrorNotice } from './components/error-notice.tsx';
import { LoadingBlock } from './components/spinner.tsx';
import { Dashboard } from './dashboard.tsx';
import { errorMessage } from './lib/errors.ts';
import type { User } from './lib/types.ts';
import { navigate } from './router.tsx';
import { AuthLayout } from './screens/auth/auth-layout.tsx';
import { LoginScreen } from './screens/auth/login-screen.tsx';
import { SetupScreen } from './screens/auth/setup-screen.tsx';
import { trpc } from './trpc.ts';

/** First run, sign-in, or the dashboard — decided by `auth.me`. */
export function AuthGate({
  wsClient,
  renewClients,
}: {
  wsClient: TRPCWebSocketClient;
  renewClients: () => void;
}) {
  const { t } = useTranslation();
  const me = trpc.auth.me.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  // The first answer arrives through a store React renders synchronously; the screen it opens — the whole
  // dashboard with its first screen — is rendered in the background instead (from a deferred copy of the
  // answer), yielding to the browser every few milliseconds, so opening the dashboard is never one long
  // task. Later answers (signing in or out) apply at once: nothing of one user's screen may stay for the next.
  const answered = useDeferredValue(me.data) !== undefined;
  const data = answered ? me.data : undefined;
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();

  // Nothing of one user's data may show to the next one (also when a sign-in ended without "Sign out").
  const forgetData = useCallback(
    () => queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey[0]) !== '["auth","me"]' }),
    [queryClient],
  );

  const signedIn = useCallback(
    (user: User) => {
      forgetData();
      renewClients();
      utils.auth.me.setData(undefined, { user, needsSetup: false });
    },
    [forgetData, renewClients, utils],
  );

  const signedOut = useCallback(() => {
    utils.auth.me.setData(undefined, { user: null, needsSetup: false });
    forgetData();
    renewClients();
    // The next person starts on the home screen, not on whatever the last one had open.
    navigate({ name: 'overview', sessionId: null }, { replace: true });
  }, [forgetData, renewClients, utils]);

  if (data === undefined) {
    if (me.error) {
      return (
        <AuthLayout title={t('shell.cannotReach')} subtitle={t('shell.cannotReachSubtitle')}>
          <ErrorNotice>{errorMessage(me.error)}</ErrorNotice>
          <Button
            className="mt-4 w-full"
            icon={RefreshCw}
            loading={me.isFetching}
            onClick={() => void me.refetch()}
          >
            {t('common.retry')}
          </Button>
        </AuthLayout>
      );
    }
    return <LoadingBlock label={t('shell.loading')} />;
  }
  if (data.needsSetup) return <SetupScreen onDone={signedIn} />;
  if (!data.user) return <LoginScreen onDone={signedIn} />;
  return <Dashboard user={data.user} wsClient={wsClient} onSignedOut={signedOut} />;
}
