import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  useQueryClient,
} from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useCallback, useRef, useState } from 'react';
import { AuthGate } from './auth-gate.tsx';
import { Toaster } from './components/toaster.tsx';
import { errorCode } from './lib/errors.ts';
import { parseRoute } from './lib/route.ts';
import { prefetchInbox } from './screens/inbox/inbox-queries.ts';
import { createClients, trpc } from './trpc.ts';

/** Errors a retry cannot fix: the server understood and said no. */
const FINAL = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PRECONDITION_FAILED',
  'CONFLICT',
]);

/**
 * A request refused because the sign-in ended (signed out elsewhere, password reset by an admin): ask the
 * server who is signed in, which brings the login form back instead of a screen full of errors.
 */
function whenSignedOut(client: () => QueryClient) {
  return (error: unknown) => {
    if (errorCode(error) !== 'UNAUTHORIZED') return;
    const meKey = getQueryKey(trpc.auth.me, undefined, 'query');
    const me = client().getQueryData<{ user: unknown }>(meKey);
    if (me?.user) void client().invalidateQueries({ queryKey: meKey });
  };
}

export function App() {
  const [queryClient] = useState(() => {
    const onError = whenSignedOut(() => client);
    const client: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          retry: (failures, error) => failures < 2 && !FINAL.has(errorCode(error) ?? ''),
          refetchOnWindowFocus: false,
        },
      },
    });
    return client;
  });
  const [clients, setClients] = useState(createClients);
  const current = useRef(clients);

  /** A new WebSocket client for a new login: the server authenticates the socket once, at the upgrade. */
  const renewClients = useCallback(() => {
    void current.current.wsClient.close();
    current.current = createClients();
    setClients(current.current);
  }, []);

  return (
    <trpc.Provider client={clients.trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <Toaster>
          <PrefetchOpenScreen />
          <AuthGate wsClient={clients.wsClient} renewClients={renewClients} />
        </Toaster>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

/** The data of the screen the dashboard opens on, asked for beside the sign-in check: once, at start. */
function PrefetchOpenScreen() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  useState(() =>
    prefetchInbox(queryClient, utils, parseRoute(window.location.pathname, window.location.search)),
  );
  return null;
}
