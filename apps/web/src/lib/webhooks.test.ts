import { describe, expect, it } from 'vitest';
import type { WebhookDelivery } from './types.ts';
import { defaultEvents, lastOutcome, toggleEvent, urlProblem } from './webhooks.ts';

const attempt = (id: number, at: number, statusCode: number | null, error: string | null = null) => ({
  id,
  at,
  statusCode,
  durationMs: 5,
  responseExcerpt: null,
  error,
});

const _delivery = (id: string, attemptLog: ReturnType<typeof attempt>[]): WebhookDelivery => ({
  id,
  webhookId: 'w1',
  eventId: `e-${id}`,
  eventType: 'message.received',
  accountId: 'sales',
  payload: {
    id: `e-${id}`,
    type: 'message.received',
    timestamp: '',
    accountId: 'sales',
    accountPhone: null,
    data: {},
  },
  status: 'pending',
  attempts: attemptLog.length,
  nextAttemptAt: 0,
  lastAttemptAt: attemptLog.at(-1)?.at ?? null,
  lastStatusCode: attemptLog.at(-1)?.statusCode ?? null,
  lastError: attemptLog.at(-1)?.error ?? null,
  createdAt: 0,
  updatedAt: 0,
  attemptLog,
});

describe('event filter', () => {
  it('defaults to every event except session.qr', () => {
    expect(defaultEvents()).toEqual(['message.received', 'message.sent', 'message.status', 'session.status']);
  });
  it('toggles events and keeps the documented order', () => {
    expect(toggleEvent(['session.status'], 'message.received', true)).toEqual([
      'message.received',
      'session.status',
    ]);
    expect(toggleEvent(defaultEvents(), 'message.sent', false)).not.toContain('message.sent');
    expect(toggleEvent(['session.qr'], 'session.qr', true)).toEqual(['session.qr']);
  });
});

describe('urlProblem', () => {
  it('wants a full http(s) URL', () => {
    expect(urlProblem('')).toMatch(/Enter the URL/);
    expect(urlProblem('example.com')).toMatch(/full URL/);
    expect(urlProblem('ftp://example.com')).toMatch(/http/);
    expect(urlProblem(' https://example.com/hook ')).toBeNull();
  });
});

describe('lastOutcome', () => {
  it('says the last status code and error in a few words', () => {
    expect(lastOutcome({ lastAttemptAt: null, lastStatusCode: null, lastError: null })).toBe('Not sent yet');
    expect(lastOutcome({ lastAttemptAt: 1, lastStatusCode: 200, lastError: null })).toBe('200');
    expect(
      lastOutcome({ lastAttemptAt: 2, lastStatusCode: 500, lastError: 'The endpoint answered 500' }),
    ).toBe('500 · The endpoint answered 500');
  });
});
