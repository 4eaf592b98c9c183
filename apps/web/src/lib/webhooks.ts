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
];

/** What a new endpoint gets unless told otherwise: every event except the chatty QR codes. */
export function defaultEvents(): WebhookEvent[] {
  return WEBHOOK_EVENT_META.map((m) => m.event).filter((e) => e !== 'session.qr');
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

export interface EndpointHealth {
  lastSuccessAt: number | null;
  consecutiveFailures: number;
}

const succeeded = (a: { statusCode: number | null; error: string | null }) =>
  a.error === null && a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;

/**
 * Health from the delivery log (newest first): the last successful attempt, and how many attempts failed
 * since then. The API has no health fields of its own, so this reads the attempts the log carries.
 */
export function endpointHealth(deliveries: readonly WebhookDelivery[]): EndpointHealth {
  const attempts = deliveries.flatMap((d) => d.attemptLog).sort((a, b) => b.at - a.at);
  let consecutiveFailures = 0;
  for (const attempt of attempts) {
    if (succeeded(attempt)) return { lastSuccessAt: attempt.at, consecutiveFailures };
    consecutiveFailures += 1;
  }
  return { lastSuccessAt: null, consecutiveFailures };
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
  delivery: Pick<WebhookDelivery, 'lastStatusCode' | 'lastError' | 'attempts'>,
): string {
  if (delivery.attempts === 0) return 'Not sent yet';
  const parts = [
    delivery.lastStatusCode === null ? null : String(delivery.lastStatusCode),
    delivery.lastError,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}
