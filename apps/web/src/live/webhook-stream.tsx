import { useEffect, useRef, useState } from 'react';
import { errorCode } from '../lib/errors.ts';
import type { Webhook, WebhookDelivery } from '../lib/types.ts';
import { trpc } from '../trpc.ts';

const RESUBSCRIBE_MS = 2000;

export interface WebhookStreamProps {
  /** One account's endpoints, or null for every endpoint the user may see. */
  sessionId: string | null;
  /** The stream (re)started: what happened before it is read once more, so nothing falls between the two. */
  onStarted: () => void;
  /** A delivery was queued, attempted or replayed, with its endpoint's health after it. */
  onData: (update: { webhook: Webhook; delivery: WebhookDelivery }) => void;
  /** An endpoint was added, changed, turned off or on, or removed — here or in another tab. */
  onEndpoint?: (endpoint: { id: string; accountId: string | null }) => void;
}

/**
 * Follows the live webhook deliveries and endpoint changes, and subscribes again a moment after the stream
 * ends (a restarted server, a lapsed sign-in) so a screen left open stays live.
 */
export function WebhookStream(props: WebhookStreamProps) {
  const [attempt, setAttempt] = useState(0);
  return <WebhookSubscription key={attempt} {...props} onEnded={() => setAttempt((n) => n + 1)} />;
}

function WebhookSubscription({
  sessionId,
  onStarted,
  onData,
  onEndpoint,
  onEnded,
}: WebhookStreamProps & { onEnded: () => void }) {
  const utils = trpc.useUtils();
  const retryTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(retryTimer.current), []);

  trpc.webhooks.onUpdate.useSubscription(sessionId ? { sessionId } : undefined, {
    onStarted,
    onData: (update) => ('endpoint' in update ? onEndpoint?.(update.endpoint) : onData(update)),
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') void utils.auth.me.invalidate();
      window.clearTimeout(retryTimer.current);
      retryTimer.current = window.setTimeout(onEnded, RESUBSCRIBE_MS);
    },
  });
  return null;
}
