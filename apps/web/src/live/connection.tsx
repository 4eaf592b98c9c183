import type { TRPCWebSocketClient } from '@trpc/client';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { trpc } from '../trpc.ts';

/** Lost = the live connection is down (or cannot be opened); a blip under a second does not count. */
const LostContext = createContext(false);

export const useConnectionLost = () => useContext(LostContext);

const GRACE_MS = 1000;

/**
 * Watches the WebSocket. While it is down the dashboard says so; when it comes back every query is fetched
 * again quietly, since events may have been missed (a restarted server keeps no backlog). If the server now
 * refuses the socket because the login ended, the sign-in check sends the user back to the login form.
 */
export function ConnectionMonitor({
  wsClient,
  children,
}: {
  wsClient: TRPCWebSocketClient;
  children: ReactNode;
}) {
  const utils = trpc.useUtils();
  const [lost, setLost] = useState(false);
  const down = useRef(false);

  useEffect(() => {
    let graceTimer: number | undefined;
    const subscription = wsClient.connectionState.subscribe({
      next: (state) => {
        if (state.state === 'pending') {
          window.clearTimeout(graceTimer);
          if (down.current) {
            down.current = false;
            setLost(false);
            void utils.invalidate();
          }
          return;
        }
        if (state.state === 'connecting' && state.error && !down.current) {
          down.current = true;
          window.clearTimeout(graceTimer);
          graceTimer = window.setTimeout(() => {
            if (!down.current) return;
            setLost(true);
            void utils.auth.me.invalidate();
          }, GRACE_MS);
        }
      },
    });
    return () => {
      window.clearTimeout(graceTimer);
      subscription.unsubscribe();
    };
  }, [wsClient, utils]);

  return <LostContext.Provider value={lost}>{children}</LostContext.Provider>;
}
