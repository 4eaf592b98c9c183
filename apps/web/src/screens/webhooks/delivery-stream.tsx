import { deliveriesInput, withDelivery } from '../../lib/webhooks.ts';
import { WebhookStream } from '../../live/webhook-stream.tsx';
import { trpc } from '../../trpc.ts';

/**
 * Keeps a webhooks panel live: each delivery of its endpoints (an account's, or the server-wide ones with
 * `sessionId` null) as it is queued, attempted or replayed, and the endpoint's health with it — no Refresh.
 */
export function DeliveryStream({ sessionId }: { sessionId: string | null }) {
  const utils = trpc.useUtils();
  return (
    <WebhookStream
      sessionId={sessionId}
      onStarted={() => {
        void utils.webhooks.list.invalidate({ sessionId });
        void utils.webhooks.deliveries.invalidate();
      }}
      onData={({ webhook, delivery }) => {
        // The server-wide panel streams every visible delivery: it keeps its own endpoints'.
        if (webhook.accountId !== sessionId) return;
        utils.webhooks.list.setData({ sessionId }, (old) =>
          old?.map((w) => (w.id === webhook.id ? webhook : w)),
        );
        utils.webhooks.deliveries.setData(
          deliveriesInput(webhook.id),
          (old) => old && withDelivery(old, delivery),
        );
      }}
    />
  );
}
