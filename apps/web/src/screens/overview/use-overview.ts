import { useEffect } from 'react';
import { useLiveStore } from '../../live/live-store.ts';
import { trpc } from '../../trpc.ts';

/** The browser's own time zone: days on the chart start at the operator's midnight. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Message figures change with every send and receipt; a minute-fresh chart is enough and costs little. */
const MESSAGES_REFRESH_MS = 60_000;
/** Status changes arrive as events; this only catches what events do not carry (e.g. a stuck start ageing). */
const SESSIONS_REFRESH_MS = 30_000;

/**
 * The overview's figures for all visible accounts or one. Session figures follow the live event stream: a
 * burst of status events is coalesced into one refetch.
 */
export function useOverview(sessionId: string | null) {
  const utils = trpc.useUtils();
  const store = useLiveStore();

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = store.subscribe(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        void utils.stats.sessions.invalidate();
        void utils.stats.attention.invalidate();
      }, 300);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [store, utils]);

  const one = sessionId ? { sessionId } : undefined;
  const sessions = trpc.stats.sessions.useQuery(one, { refetchInterval: SESSIONS_REFRESH_MS });
  const messages = trpc.stats.messages.useQuery(
    { sessionId, timeZone: TIME_ZONE },
    { refetchInterval: MESSAGES_REFRESH_MS, placeholderData: (previous) => previous },
  );
  const attention = trpc.stats.attention.useQuery(undefined, { refetchInterval: SESSIONS_REFRESH_MS });
  const webhooks = trpc.stats.webhooks.useQuery(undefined, { refetchInterval: MESSAGES_REFRESH_MS });
  return { sessions, messages, attention, webhooks };
}
