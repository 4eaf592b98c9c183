import { useMemo, useRef } from 'react';
import type { LiveSession } from '../lib/live-state.ts';
import { mergeLive } from '../lib/session-events.ts';
import type { Session } from '../lib/types.ts';
import { trpc } from '../trpc.ts';
import { useLiveSession, useLiveSessions } from './live-store.ts';

/**
 * The sessions the user may see, kept current by the live event stream. A session that did not change
 * keeps its object from one render to the next, so memoised rows and cards skip it.
 */
export function useSessions() {
  const query = trpc.sessions.list.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const live = useLiveSessions();
  const merged = useRef(new WeakMap<Session, { live: LiveSession | undefined; session: Session }>());
  const sessions = useMemo<Session[] | undefined>(
    () =>
      query.data?.flatMap((row) => {
        const state = live.get(row.id);
        if (state?.deleted) return [];
        const known = merged.current.get(row);
        if (known && known.live === state) return [known.session];
        const session = mergeLive(row, state);
        merged.current.set(row, { live: state, session });
        return [session];
      }),
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
