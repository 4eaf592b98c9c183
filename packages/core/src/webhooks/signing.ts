import { randomBytes } from 'node:crypto';
import type { Webhook as Endpoint } from '@switchboard/db';
import { Webhook } from 'standardwebhooks';

/** `whsec_` + base64 of 32 random bytes: the Standard Webhooks secret format. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Standard Webhooks headers for one send. While a rotation overlaps, the previous secret signs too
 * (space-separated `v1,` signatures), so receivers that still hold it keep verifying.
 */
export function signedHeaders(
  endpoint: Pick<Endpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  messageId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now.getTime())
    secrets.push(endpoint.previousSecret);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, now, body)).join(' '),
  };
}
