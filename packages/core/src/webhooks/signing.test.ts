import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signedHeaders } from './signing.ts';

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks library, for the current secret and, during an overlap, the previous one', () => {
    const secret = newWebhookSecret();
    const previous = newWebhookSecret();
    const body = JSON.stringify({ type: 'message.received', data: { text: 'Grüße 👋' } });
    const headers = signedHeaders(
      { secret, previousSecret: previous, previousSecretExpiresAt: Date.now() + 60_000 },
      'msg_1',
      body,
    );
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const s of [secret, previous])
      expect(new Webhook(s).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('signs only with the current secret once the overlap has ended', () => {
    const secret = newWebhookSecret();
    const previous = newWebhookSecret();
    const headers = signedHeaders(
      { secret, previousSecret: previous, previousSecretExpiresAt: 1 },
      'msg_2',
      '{}',
    );
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(() => new Webhook(previous).verify('{}', headers)).toThrow();
  });
});
