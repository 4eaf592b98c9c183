import { describe, expect, it } from 'vitest';
import { buildPayload, webhookPayload } from './webhook-events.ts';

describe('webhook payloads', () => {
  it('carry the envelope in the documented order and data shaped by the event type', () => {
    const payload = buildPayload('session.status', {
      accountId: 'sales-1',
      accountPhone: '4915112345678',
      at: Date.UTC(2026, 0, 5, 10),
      data: {
        status: 'connected',
        previousStatus: 'authenticating',
        reason: null,
        pushName: 'Sales',
        limited: null,
      },
    });
    expect(Object.keys(payload)).toEqual(['id', 'type', 'timestamp', 'accountId', 'accountPhone', 'data']);
    expect(payload).toMatchObject({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'session.status',
      timestamp: '2026-01-05T10:00:00.000Z',
      data: { status: 'connected', previousStatus: 'authenticating', reason: null, pushName: 'Sales' },
    });
    expect(webhookPayload.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
  });

  it('never send a field the event does not document, nor a value it does not allow', () => {
    const event = { accountId: 'sales-1', accountPhone: null, at: 0 };
    const qr = buildPayload('session.qr', {
      ...event,
      data: { qr: '2@abc', expiresAt: '2026-01-05T10:00:20.000Z', last: false, secret: 'x' } as never,
    });
    expect(qr.data).toEqual({ qr: '2@abc', expiresAt: '2026-01-05T10:00:20.000Z', last: false });
    expect(() =>
      buildPayload('session.status', {
        ...event,
        data: {
          status: 'online',
          previousStatus: 'qr',
          reason: null,
          pushName: null,
          limited: null,
        } as never,
      }),
    ).toThrow();
  });
});
