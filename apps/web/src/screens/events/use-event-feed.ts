import type { SessionHistoryType } from '@switchboard/validators';
import { useState } from 'react';
import { prependEntry } from '../../lib/history.ts';
import type { HistoryEntry } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** What the monitor keeps: enough to scroll back through a busy hour, never the whole history. */
export const FEED_MAX = 2000;
const BACKLOG = 100;

export interface FeedFilter {
  sessionId: string | null;
  type: SessionHistoryType | null;
}

interface Feed {
  /** The newest id read first, which the stream resumes after; null until the backlog is read. */
  since: string | null;
  shown: HistoryEntry[];
  /** What arrived while paused, newest first, shown on resume. */
  waiting: HistoryEntry[];
  paused: boolean;
}

/**
 * The event monitor's feed for one filter: the latest entries, then every new one live (`sessions.onHistory`,
 * resuming after the newest read, so nothing falls between the two). Paused, new entries wait; cleared, the
 * list starts empty again while the stream goes on.
 */
export function useEventFeed(filter: FeedFilter) {
  const types = filter.type ? [filter.type] : undefined;
  const backlog = trpc.sessions.events.useQuery(
    { sessionId: filter.sessionId, types, limit: BACKLOG },
    { staleTime: 0, gcTime: 0 },
  );
  const [feed, setFeed] = useState<Feed>({ since: null, shown: [], waiting: [], paused: false });
  if (backlog.data && feed.since === null)
    setFeed({ ...feed, since: backlog.data.items[0]?.id ?? '0', shown: backlog.data.items });

  trpc.sessions.onHistory.useSubscription(
    feed.since === null ? undefined : { sessionId: filter.sessionId, types, lastEventId: feed.since },
    {
      enabled: feed.since !== null,
      onData: ({ data: entry }) =>
        setFeed((f) =>
          f.paused
            ? { ...f, waiting: prependEntry(f.waiting, entry, FEED_MAX) }
            : { ...f, shown: prependEntry(f.shown, entry, FEED_MAX) },
        ),
    },
  );

  return {
    entries: feed.shown,
    waiting: feed.waiting.length,
    paused: feed.paused,
    isLoading: backlog.isLoading,
    error: backlog.error,
    pause: () => setFeed((f) => ({ ...f, paused: true })),
    resume: () =>
      setFeed((f) => ({
        ...f,
        paused: false,
        waiting: [],
        shown: [...f.waiting, ...f.shown].slice(0, FEED_MAX),
      })),
    clear: () => setFeed((f) => ({ ...f, shown: [], waiting: [] })),
  };
}
