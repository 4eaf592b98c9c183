import type { AppRouter } from '@switchboard/api';
import { createWSClient, httpBatchLink, splitLink, type TRPCWebSocketClient, wsLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';

export const trpc = createTRPCReact<AppRouter>();

export interface Clients {
  trpcClient: ReturnType<typeof trpc.createClient>;
  wsClient: TRPCWebSocketClient;
}

/** Reconnect soon after a drop, then back off (to 10 s) while the server stays away. */
const retryDelayMs = (attempt: number) => (attempt === 0 ? 250 : Math.min(1000 * 2 ** (attempt - 1), 10_000));

/**
 * Queries and mutations go over HTTP (the login cookie is set there); subscriptions over one WebSocket.
 * The server accepts the WebSocket only with a valid login cookie, so a new pair of clients is made after
 * every sign-in and sign-out; lazy mode opens the socket only once a subscription needs it.
 */
export function createClients(): Clients {
  const wsClient = createWSClient({
    url: () => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/trpc`,
    lazy: { enabled: true, closeMs: 0 },
    retryDelayMs,
  });
  const trpcClient = trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        // The server refuses batches of more than 10 calls (MAX_BATCH_CALLS).
        false: httpBatchLink({ url: '/trpc', maxItems: 10 }),
      }),
    ],
  });
  return { trpcClient, wsClient };
}
