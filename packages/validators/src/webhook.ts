export const WEBHOOK_EVENTS = [
  'message.received',
  'message.sent',
  'message.status',
  'session.status',
  'session.qr',
  'campaign.status',
  'campaign.completed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Events an endpoint gets when it names none: everything except the chatty QR codes. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  'message.received',
  'message.sent',
  'message.status',
  'session.status',
  'campaign.status',
  'campaign.completed',
];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
