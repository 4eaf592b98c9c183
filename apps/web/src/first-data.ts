import type { QueryClient } from '@tanstack/react-query';
import { createTRPCQueryUtils } from '@trpc/react-query';
import type { Route } from './lib/route.ts';
import { conversationPages, openingFilter, threadInput } from './screens/inbox/inbox-queries.ts';
import { type Clients, SEPARATE_REQUEST } from './trpc.ts';

/** Screens whose first render lists the accounts. */
const LIST_ACCOUNTS: ReadonlySet<Route['name']> = new Set([
  'overview',
  'sessions',
  'messages',
  'inbox',
  'contacts',
  'campaigns',
  'campaign',
  'opt-outs',
  'pools',
  'api-keys',
  'events',
]);

/**
 * Asks for who is signed in and for what the opening screen shows, as the dashboard's script starts —
 * before the first render, each in its own request — rather than one step after another (sign-in known,
 * then the screen rendered and asking for its list, then the list rendered and asking for the open thread).
 * The answers land in the query cache under the keys the screens read, so they render from them. Signed out,
 * the screen's requests are refused and forgotten at sign-in like any other data.
 */
export function requestFirstData(queryClient: QueryClient, clients: Clients, route: Route): void {
  const utils = createTRPCQueryUtils({ queryClient, client: clients.trpcClient });
  const separately = { trpc: SEPARATE_REQUEST };
  void utils.auth.me.prefetch(undefined, separately);
  // The unread badge in the navigation, on every screen.
  void utils.conversations.unreadCount.prefetch(undefined, separately);
  if (LIST_ACCOUNTS.has(route.name)) void utils.sessions.list.prefetch(undefined, separately);
  if (route.name !== 'inbox') return;
  void queryClient.prefetchInfiniteQuery(
    conversationPages(clients.trpcClient, openingFilter(route.sessionId), SEPARATE_REQUEST),
  );
  if (route.conversationId)
    void utils.conversations.messages.prefetchInfinite(threadInput(route.conversationId), separately);
}
