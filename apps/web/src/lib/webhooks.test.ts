import { WEBHOOK_EVENTS } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import type { WebhookDelivery } from './types.ts';
import {
  defaultEvents,
  lastOutcome,
  nextAttempt,
  toggleEvent,
  urlProblem,
  WEBHOOK_EVENT_META,
  withDelivery,
} from './webhooks.ts';

describe('event filter', () => {
  it('defaults to every event except session.qr', () => {
    expect(defaultEvents()).toEqual([
      'message.received',
      'message.sent',
      'message.status',
      'session.status',
      'campaign.status',
      'campaign.completed',
    ]);
  });
  it('describes every event the server sends, so toggling one never drops another', () => {
    expect(WEBHOOK_EVENT_META.map((m) => m.event).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(toggleEvent(defaultEvents(), 'session.qr', true)).toEqual([
      'message.received',
      'message.sent',
      'message.status',
      'session.status',
      'session.qr',
      'campaign.status',
      'campaign.completed',
    ]);
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

const delivery = (id: string, createdAt: number, status: WebhookDelivery['status'] = 'pending') =>
  ({ id, createdAt, status, nextAttemptAt: createdAt + 5000 }) as WebhookDelivery;

describe('withDelivery', () => {
  const page = { items: [delivery('b', 20), delivery('a', 10)], nextCursor: 7 };
  it('replaces a delivery where it is, and puts a new one on top', () => {
    const delivered = delivery('a', 10, 'delivered');
    expect(withDelivery(page, delivered).items).toEqual([page.items[0], delivered]);
    expect(withDelivery(page, delivery('c', 30)).items.map((d) => d.id)).toEqual(['c', 'b', 'a']);
    expect(withDelivery(page, delivery('c', 30)).nextCursor).toBe(7);
  });
  it('leaves the page alone for an older delivery that is not on it', () => {
    expect(withDelivery(page, delivery('z', 1))).toBe(page);
    expect(withDelivery({ items: [] as WebhookDelivery[] }, delivery('z', 1)).items.map((d) => d.id)).toEqual(
      ['z'],
    );
  });
});

describe('nextAttempt', () => {
  it('is the time of the next retry while pending, due once it has passed, and nothing once settled', () => {
    expect(nextAttempt(delivery('a', 10), 100)).toEqual({ due: false, at: 5010 });
    expect(nextAttempt(delivery('a', 10), 6000)).toEqual({ due: true });
    expect(nextAttempt(delivery('a', 10, 'delivered'), 100)).toBeNull();
  });
});
