import { useEffect, useRef, useState } from 'react';
import { errorCode } from '../../lib/errors.ts';
import { deliveriesInput, withDelivery } from '../../lib/webhooks.ts';
import { trpc } from '../../trpc.ts';

const RESUBSCRIBE_MS = 2000;

/**
 * Keeps a webhooks panel live: each delivery of its endpoints (an account's, or the server-wide ones with
 * `sessionId` null) as it is queued, attempted or replayed, and the endpoint's health with it — no Refresh.
 */
export function DeliveryStream({ sessionId }: { sessionId: string | null }) {
  const [attempt, setAttempt] = useState(0);
  return (
    <DeliverySubscription key={attempt} sessionId={sessionId} onEnded={() => setAttempt((n) => n + 1)} />
  );
}

function DeliverySubscription({ sessionId, onEnded }: { sessionId: string | null; onEnded: () => void }) {
  const utils = trpc.useUtils();
  const retryTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(retryTimer.current), []);

  trpc.webhooks.onUpdate.useSubscription(sessionId ? { sessionId } : undefined, {
    // What happened before the stream (re)started is read once more, so nothing falls between the two.
    onStarted: () => {
      void utils.webhooks.list.invalidate({ sessionId });
      void utils.webhooks.deliveries.invalidate();
    },
    onData: ({ webhook, delivery }) => {
      // The server-wide panel streams every visible delivery: it keeps its own endpoints'.
      if (webhook.accountId !== sessionId) return;
      utils.webhooks.list.setData({ sessionId }, (old) =>
        old?.map((w) => (w.id === webhook.id ? webhook : w)),
      );
      utils.webhooks.deliveries.setData(
        deliveriesInput(webhook.id),
        (old) => old && withDelivery(old, delivery),
      );
    },
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') void utils.auth.me.invalidate();
      window.clearTimeout(retryTimer.current);
      retryTimer.current = window.setTimeout(onEnded, RESUBSCRIBE_MS);
    },
  });
  return null;
}
