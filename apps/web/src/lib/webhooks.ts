import { DEFAULT_WEBHOOK_EVENTS } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';
import type enWebhooks from '../i18n/locales/en/webhooks.ts';
import type { WebhookDelivery, WebhookEvent } from './types.ts';

type EventKey = keyof (typeof enWebhooks)['events'];

/** An event with its label and description, read in the language shown at the moment they are read. */
function described(event: WebhookEvent, key: EventKey) {
  return {
    event,
    get label() {
      return i18n.t(`webhooks.events.${key}.label`);
    },
    get description() {
      return i18n.t(`webhooks.events.${key}.description`);
    },
  };
}

/** The documented events, in the README's order, with what each means. */
export const WEBHOOK_EVENT_META: { event: WebhookEvent; label: string; description: string }[] = [
  described('message.received', 'message_received'),
  described('message.sent', 'message_sent'),
  described('message.status', 'message_status'),
  described('session.status', 'session_status'),
  described('session.qr', 'session_qr'),
  described('campaign.status', 'campaign_status'),
  described('campaign.completed', 'campaign_completed'),
];

/** What a new endpoint gets unless told otherwise: every event except the chatty QR codes. */
export function defaultEvents(): WebhookEvent[] {
  return [...DEFAULT_WEBHOOK_EVENTS];
}

/** Turns one event on or off, keeping the documented order. */
export function toggleEvent(
  events: readonly WebhookEvent[],
  event: WebhookEvent,
  on: boolean,
): WebhookEvent[] {
  const set = new Set(events);
  if (on) set.add(event);
  else set.delete(event);
  return WEBHOOK_EVENT_META.map((m) => m.event).filter((e) => set.has(e));
}

export function urlProblem(url: string): string | null {
  const text = url.trim();
  if (!text) return i18n.t('forms.url.empty');
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return i18n.t('forms.url.scheme');
  } catch {
    return i18n.t('forms.url.shape');
  }
  return null;
}

export const DELIVERY_STATUS_META: Record<
  WebhookDelivery['status'],
  { label: string; tone: 'neutral' | 'success' | 'danger' | 'waiting' }
> = {
  pending: {
    get label() {
      return i18n.t('webhooks.deliveryStatus.pending');
    },
    tone: 'waiting',
  },
  delivered: {
    get label() {
      return i18n.t('webhooks.deliveryStatus.delivered');
    },
    tone: 'success',
  },
  failed: {
    get label() {
      return i18n.t('webhooks.deliveryStatus.failed');
    },
    tone: 'danger',
  },
};

/** "200", "Timed out", "500 · Internal error": the last outcome of a delivery in a few words. */
export function lastOutcome(
  delivery: Pick<WebhookDelivery, 'lastStatusCode' | 'lastError' | 'lastAttemptAt'>,
): string {
  // `attempts` restarts at 0 on replay (a fresh retry schedule); whether it was ever sent is what counts.
  if (delivery.lastAttemptAt === null) return i18n.t('webhooks.notSentYet');
  const parts = [
    delivery.lastStatusCode === null ? null : String(delivery.lastStatusCode),
    delivery.lastError,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}

/** How many deliveries an endpoint's log shows: each carries its payload and every attempt. */
export const DELIVERY_PAGE_SIZE = 25;

/** The delivery log query of an endpoint, the same wherever it is read or kept live. */
export const deliveriesInput = (webhookId: string) => ({ webhookId, limit: DELIVERY_PAGE_SIZE });

/**
 * A delivery log page with a delivery as it is now: replaced where it is, or put on top when it is newer than
 * the page (a new one). An older one not on the page (a replay of a delivery further down) leaves it as it is.
 */
export function withDelivery<P extends { items: WebhookDelivery[] }>(page: P, delivery: WebhookDelivery): P {
  const index = page.items.findIndex((d) => d.id === delivery.id);
  if (index >= 0) return { ...page, items: page.items.map((d, i) => (i === index ? delivery : d)) };
  const newest = page.items[0];
  if (newest && delivery.createdAt < newest.createdAt) return page;
  return { ...page, items: [delivery, ...page.items].slice(0, DELIVERY_PAGE_SIZE) };
}

/** "Sending now" or the moment of the next attempt, for a delivery still pending; null once it is settled. */
export function nextAttempt(delivery: Pick<WebhookDelivery, 'status' | 'nextAttemptAt'>, now: number) {
  if (delivery.status !== 'pending') return null;
  return delivery.nextAttemptAt <= now
    ? { due: true as const }
    : { due: false as const, at: delivery.nextAttemptAt };
}
