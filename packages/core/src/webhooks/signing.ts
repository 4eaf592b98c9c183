import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import type { Webhook as Endpoint } from '@switchboard/db';

const PREFIX = 'whsec_';

/** `whsec_` + base64 of 32 random bytes: the Standard Webhooks secret format. */
export const newWebhookSecret = () => `${PREFIX}${randomBytes(32).toString('base64')}`;

/** More secrets than endpoints ever sign with at once: past it the cache starts again. */
const MOST_KEYS = 1_000;
const keys = new Map<string, KeyObject>();

/** The key of a secret (base64 after the prefix), decoded once: every delivery to an endpoint signs with it. */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(
      Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64'),
    );
    if (keys.size >= MOST_KEYS) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/**
 * A Standard Webhooks `v1` signature: base64 HMAC-SHA256, keyed with the secret's bytes, of
 * `id.timestamp.body`. Node's own HMAC: every send is signed afresh (the timestamp is part of it).
 */
const sign = (secret: string, toSign: string) =>
  `v1,${createHmac('sha256', keyOf(secret)).update(toSign).digest('base64')}`;

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
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const toSign = `${messageId}.${timestamp}.${body}`;
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now.getTime())
    secrets.push(endpoint.previousSecret);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': timestamp,
    'webhook-signature': secrets.map((s) => sign(s, toSign)).join(' '),
  };
}
