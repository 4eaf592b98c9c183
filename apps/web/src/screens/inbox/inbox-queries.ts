import { getQueryKey } from '@trpc/react-query';
import type { StatusFilter } from '../../lib/inbox.ts';
import type { ConversationPage } from '../../lib/types.ts';
import { type Clients, type RequestOptions, trpc } from '../../trpc.ts';
import { type AssigneeChoice, assigneeFilter, statusFilter } from './inbox-filters.tsx';

export const CONVERSATION_PAGE_SIZE = 100;
export const THREAD_PAGE_SIZE = 50;

export interface ListFilter {
  sessionId: string | null;
  search: string | null;
  status: StatusFilter;
  assignee: AssigneeChoice;
}

/**
 * The inbox's pages of conversations for a filter: the query the inbox screen shows, and the one asked for
 * before it renders (see `first-data.ts`) — the same key and the same request, so the screen finds it.
 * Pages by offset (the procedure pages by offset, which tRPC's own infinite hook does not take), under
 * tRPC's key for the procedure: invalidating conversations.list reaches these pages too.
 */
export function conversationPages(
  client: Clients['trpcClient'],
  filter: ListFilter,
  request?: RequestOptions,
) {
  const input = {
    sessionId: filter.sessionId,
    search: filter.search,
    status: filter.status,
    assigneeId: filter.assignee === 'anyone' ? null : filter.assignee,
    limit: CONVERSATION_PAGE_SIZE,
  };
  return {
    queryKey: getQueryKey(trpc.conversations.list, input, 'infinite'),
    queryFn: ({ pageParam }: { pageParam: number }) =>
      client.conversations.list.query({ ...input, offset: pageParam }, request),
    initialPageParam: 0,
    getNextPageParam: (last: ConversationPage) => last.nextOffset,
    staleTime: Number.POSITIVE_INFINITY,
  };
}

/** The filter the inbox opens with for an account (or all): no search, the filters kept on this device. */
export const openingFilter = (sessionId: string | null): ListFilter => ({
  sessionId,
  search: null,
  status: statusFilter.read(),
  assignee: assigneeFilter.read(),
});

/** A thread's messages, newest page first. */
export const threadInput = (conversationId: string) => ({ conversationId, limit: THREAD_PAGE_SIZE });
