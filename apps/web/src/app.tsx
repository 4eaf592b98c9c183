import type { AppRouter } from '@switchboard/api';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCQueryUtils, getQueryKey } from '@trpc/react-query';
import { useCallback, useRef, useState } from 'react';
import { AuthGate } from './auth-gate.tsx';
import { Toaster } from './components/toaster.tsx';
import { errorCode } from './lib/errors.ts';
import { parseRoute } from './lib/route.ts';
import { prefetchInbox } from './screens/inbox/inbox-queries.ts';
import { type Clients, createClients, trpc } from './trpc.ts';

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

/** The dashboard's query cache: requests a retry cannot fix are not retried, nor refetched on focus. */
export function createQueryClient(): QueryClient {
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
}

/**
 * The sign-in check and the data of the screen the dashboard opens on, asked for at once — together, and
 * while the language's catalogue is still loading — rather than each after the other.
 */
export function startLoading(queryClient: QueryClient, clients: Clients): void {
  const utils = createTRPCQueryUtils<AppRouter>({ queryClient, client: clients.trpcClient });
  void utils.auth.me.prefetch();
  prefetchInbox(
    queryClient,
    clients.trpcClient,
    utils,
    parseRoute(window.location.pathname, window.location.search),
  );
}

export function App({ queryClient, initialClients }: { queryClient: QueryClient; initialClients: Clients }) {
  const [clients, setClients] = useState(initialClients);
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
          <AuthGate wsClient={clients.wsClient} renewClients={renewClients} />
        </Toaster>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
