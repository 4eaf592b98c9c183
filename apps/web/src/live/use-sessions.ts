import { useMemo } from 'react';
import { mergeLive } from '../lib/session-events.ts';
import type { Session } from '../lib/types.ts';
import { trpc } from '../trpc.ts';
import { useLiveSession, useLiveSessions } from './live-store.ts';

/** The sessions the user may see, kept current by the live event stream. */
export function useSessions() {
  const query = trpc.sessions.list.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const live = useLiveSessions();
  const sessions = useMemo<Session[] | undefined>(
    () => query.data?.filter((s) => !live.get(s.id)?.deleted).map((s) => mergeLive(s, live.get(s.id))),
    [query.data, live],
  );
  return { sessions, isLoading: query.isLoading, error: query.error, refetch: query.refetch };
}

/** One session, kept current by the live event stream. */
export function useSession(id: string) {
  const query = trpc.sessions.byId.useQuery({ id }, { retry: false, staleTime: Number.POSITIVE_INFINITY });
  const live = useLiveSession(id);
  const session = useMemo(() => (query.data ? mergeLive(query.data, live) : undefined), [query.data, live]);
  return { session, live, deleted: live?.deleted ?? false, isLoading: query.isLoading, error: query.error };
}
