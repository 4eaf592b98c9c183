import { DEFAULT_WEBHOOK_EVENTS } from '@switchboard/validators';
import type { WebhookDelivery, WebhookEvent } from './types.ts';

/** The documented events, in the README's order, with what each means. */
export const WEBHOOK_EVENT_META: { event: WebhookEvent; label: string; description: string }[] = [
  { event: 'message.received', label: 'Message received', description: 'A message arrived.' },
  { event: 'message.sent', label: 'Message sent', description: 'WhatsApp accepted an outgoing message.' },
  {
    event: 'message.status',
    label: 'Message status',
    description: 'An outgoing message was delivered, read, played or failed.',
  },
  { event: 'session.status', label: 'Session status', description: 'Every status change of the account.' },
  {
    event: 'session.qr',
    label: 'Session QR code',
    description: 'Every new QR code. Chatty, so off unless you need it.',
  },
  {
    event: 'campaign.status',
    label: 'Campaign status',
    description: 'A campaign started, paused (with why), resumed or was cancelled.',
  },
  {
    event: 'campaign.completed',
    label: 'Campaign completed',
    description: 'A campaign sent to everyone it could.',
  },
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
  if (!text) return 'Enter the URL the events are posted to.';
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return 'The URL must start with http:// or https://.';
  } catch {
    return 'Enter a full URL, such as https://example.com/hooks/whatsapp.';
  }
  return null;
}

export const DELIVERY_STATUS_META: Record<
  WebhookDelivery['status'],
  { label: string; tone: 'neutral' | 'success' | 'danger' | 'waiting' }
> = {
  pending: { label: 'Pending', tone: 'waiting' },
  delivered: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** "200", "Timed out", "500 · Internal error": the last outcome of a delivery in a few words. */
export function lastOutcome(
  delivery: Pick<WebhookDelivery, 'lastStatusCode' | 'lastError' | 'lastAttemptAt'>,
): string {
  // `attempts` restarts at 0 on replay (a fresh retry schedule); whether it was ever sent is what counts.
  if (delivery.lastAttemptAt === null) return 'Not sent yet';
  const parts = [
    delivery.lastStatusCode === null ? null : String(delivery.lastStatusCode),
    delivery.lastError,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}
