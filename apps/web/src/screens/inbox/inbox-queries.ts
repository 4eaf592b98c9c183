import type { AppRouter } from '@switchboard/api';
import { infiniteQueryOptions, type QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { type createTRPCQueryUtils, getQueryKey } from '@trpc/react-query';
import type { Route } from '../../lib/route.ts';
import type { ConversationPage } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { assigneeFilter, statusFilter } from './inbox-filters.tsx';

export const CONVERSATION_PAGE_SIZE = 100;
export const THREAD_PAGE_SIZE = 50;

type Client = TRPCClient<AppRouter>;

export interface ConversationListInput {
  sessionId: string | null;
  search: string | null;
  status: ReturnType<typeof statusFilter.read>;
  assigneeId: 'me' | 'none' | null;
}

/** The list's input as the inbox asks for it: its filters are remembered on the device. */
export function conversationListInput(
  sessionId: string | null,
  search: string | null,
  status = statusFilter.read(),
  assignee = assigneeFilter.read(),
): ConversationListInput & { limit: number } {
  const assigneeId = assignee === 'anyone' ? null : assignee;
  return { sessionId, search, status, assigneeId, limit: CONVERSATION_PAGE_SIZE };
}

/**
 * The list's pages by offset (the procedure pages by offset, which tRPC's own infinite hook does not take),
 * under tRPC's key for the procedure: invalidating conversations.list reaches these pages too.
 */
export function conversationPages(client: Client, input: ConversationListInput & { limit: number }) {
  return infiniteQueryOptions({
    queryKey: getQueryKey(trpc.conversations.list, input, 'infinite'),
    queryFn: ({ pageParam }) => client.conversations.list.query({ ...input, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last: ConversationPage) => last.nextOffset,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const threadInput = (conversationId: string) => ({ conversationId, limit: THREAD_PAGE_SIZE });

/**
 * Opened at the inbox, the dashboard asks for its list (and the open thread) beside the sign-in check rather
 * than after it: each answer says where its live stream resumes from (`streamFrom`), so nothing that happens
 * before the stream opens is lost. Signed out, they are refused, forgotten at sign-in, and asked again.
 */
export function prefetchInbox(
  queryClient: QueryClient,
  client: Client,
  utils: ReturnType<typeof createTRPCQueryUtils<AppRouter>>,
  route: Route,
) {
  if (route.name !== 'inbox') return;
  void queryClient.prefetchInfiniteQuery(
    conversationPages(client, conversationListInput(route.sessionId, null)),
  );
  if (route.conversationId) {
    const id = route.conversationId;
    void utils.conversations.messages.prefetchInfinite(threadInput(id));
    // Shown even when it is not on the list's first page (read, or resolved): then it is not read after the list.
    void utils.conversations.byId.prefetch({ id }, { staleTime: Number.POSITIVE_INFINITY });
  }
  void utils.sessions.list.prefetch();
}
