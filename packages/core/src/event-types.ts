import type { ShownQr } from '@switchboard/engines/contract';
import type { Coded, SessionStatus } from '@switchboard/validators';
import type { MessageView } from './message-view.ts';
import type { ConversationView, SessionLimit } from './views.ts';

/** What the event bus (`events.ts`) carries and tells of. */

interface EventBase {
  /** Resumable id: `<boot>:<seq>`. Clients hand the last one back to resume after a reconnect. */
  id: string;
  sessionId: string;
  ownerId: string;
  at: number;
}

export type SessionEvent = EventBase &
  (
    | {
        type: 'status';
        status: SessionStatus;
        reason: string | null;
        reasonCoded: Coded | null;
        phone: string | null;
        pushName: string | null;
        lastConnectedAt: number | null;
        /** When the next reconnect or retry is due, while one is scheduled. */
        nextRetryAt: number | null;
        /** WhatsApp's reach-out limit on the account, while it holds (its changes are status events too). */
        limited: SessionLimit | null;
      }
    | ({ type: 'qr' } & ShownQr)
    | { type: 'pairing_code'; code: string }
    /** The session is gone for good; subscribers drop it. */
    | { type: 'deleted' }
    /**
     * An admin handed the session to `ownerId`. Delivered to those who see it through either owner: a
     * subscriber who saw it only through `previousOwnerId` drops it, the new owner adds it.
     */
    | { type: 'transferred'; previousOwnerId: string }
  );

export type MessageEvent = EventBase & { type: 'message'; message: MessageView };

/**
 * A conversation was created or changed (new message, read, resolved, contact renamed). `absorbed`: a
 * conversation merged into this one — its contact turned out to be the same person — which is gone now.
 */
export type ConversationEvent = EventBase & {
  type: 'conversation';
  conversation: ConversationView;
  absorbed: string | null;
};

/**
 * A campaign changed (status, progress). It names the campaign only: subscribers read its current state,
 * which also settles who may see it. `sessionId` is its account, null for a pool's campaign.
 */
export type CampaignEvent = Omit<EventBase, 'sessionId'> & {
  type: 'campaign';
  campaignId: string;
  sessionId: string | null;
  poolId: string | null;
};

/** A webhook delivery was queued, attempted or queued again: watchers read its current state. */
export interface DeliveryChange {
  webhookId: string;
  deliveryId: string;
}

/**
 * Someone added, changed, turned off or on, or removed an endpoint. Whose it is (`accountId`, null for a
 * server-wide one) travels with it, so a watcher's access is settled even once the endpoint is gone.
 */
export interface EndpointChange {
  webhookId: string;
  accountId: string | null;
}

/** What webhook watchers are told of: a delivery or an endpoint changed. */
export type WebhookChange = DeliveryChange | EndpointChange;

export type AnyEvent = SessionEvent | MessageEvent | ConversationEvent | CampaignEvent;

export type Payload<E> = E extends { id: string; at: number } ? Omit<E, 'id' | 'at'> : never;

export interface BusEvents {
  session: [SessionEvent];
  message: [MessageEvent];
  conversation: [ConversationEvent];
  campaign: [CampaignEvent];
}
export type BusChannel = keyof BusEvents;
export type ChannelEvent<K extends BusChannel> = BusEvents[K][0];
