import { useCallback, useEffect, useRef } from 'react';
import { useLiveStore } from '../../live/live-store.ts';
import { trpc } from '../../trpc.ts';

/** The browser's own time zone: days on the chart start at the operator's midnight. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Message figures change with every send and receipt; a minute-fresh chart is enough and costs little. */
const MESSAGES_REFRESH_MS = 60_000;
/** Status changes arrive as events; this only catches what events do not carry (e.g. a stuck start ageing). */
const SESSIONS_REFRESH_MS = 30_000;
/** A burst of live events (many accounts changing, a retry wave) is read back once, this long after it. */
const COALESCE_MS = 300;

/** `refresh`, run once after a burst of calls to the returned function has settled. */
function useCoalesced(refresh: () => void): () => void {
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(refresh, COALESCE_MS);
  }, [refresh]);
}

/**
 * The overview's figures for all visible accounts or one. Session figures follow the live event stream and
 * the failing webhooks the live webhook stream, deliveries and endpoint changes both (`refreshWebhooks` is
 * their handler): each burst of events is coalesced into one refetch.
 */
export function useOverview(sessionId: string | null) {
  const utils = trpc.useUtils();
  const store = useLiveStore();

  const refreshSessions = useCoalesced(
    useCallback(() => {
      void utils.stats.sessions.invalidate();
      void utils.stats.attention.invalidate();
    }, [utils]),
  );
  useEffect(() => store.subscribe(refreshSessions), [store, refreshSessions]);
  const refreshWebhooks = useCoalesced(useCallback(() => void utils.stats.webhooks.invalidate(), [utils]));

  const one = sessionId ? { sessionId } : undefined;
  const sessions = trpc.stats.sessions.useQuery(one, { refetchInterval: SESSIONS_REFRESH_MS });
  const messages = trpc.stats.messages.useQuery(
    { sessionId, timeZone: TIME_ZONE },
    { refetchInterval: MESSAGES_REFRESH_MS, placeholderData: (previous) => previous },
  );
  const attention = trpc.stats.attention.useQuery(undefined, { refetchInterval: SESSIONS_REFRESH_MS });
  const webhooks = trpc.stats.webhooks.useQuery();
  return { sessions, messages, attention, webhooks, refreshWebhooks };
}
