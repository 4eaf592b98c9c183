import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routePath } from './route.ts';

describe('routes', () => {
  it('parses every screen', () => {
    expect(parseRoute('/')).toEqual({ name: 'overview', sessionId: null });
    expect(parseRoute('/', '?session=sales-1')).toEqual({ name: 'overview', sessionId: 'sales-1' });
    expect(parseRoute('/sessions')).toEqual({ name: 'sessions' });
    expect(parseRoute('/sessions/')).toEqual({ name: 'sessions' });
    expect(parseRoute('/sessions', '?add=1')).toEqual({ name: 'sessions', add: true });
    expect(parseRoute('/sessions/sales-1')).toEqual({ name: 'session', id: 'sales-1' });
    expect(parseRoute('/messages', '?session=sales-1')).toEqual({ name: 'messages', sessionId: 'sales-1' });
    expect(parseRoute('/messages')).toEqual({ name: 'messages', sessionId: null });
    expect(parseRoute('/users')).toEqual({ name: 'users' });
    expect(parseRoute('/api-keys')).toEqual({ name: 'api-keys' });
    expect(parseRoute('/webhooks')).toEqual({ name: 'webhooks' });
    expect(parseRoute('/events')).toEqual({ name: 'events' });
    expect(parseRoute('/inbox')).toEqual({ name: 'inbox', sessionId: null, conversationId: null });
    expect(parseRoute('/inbox', '?session=s1&conversation=c1')).toEqual({
      name: 'inbox',
      sessionId: 's1',
      conversationId: 'c1',
    });
    expect(parseRoute('/campaigns')).toEqual({ name: 'campaigns' });
    expect(parseRoute('/campaigns/c-1')).toEqual({ name: 'campaign', id: 'c-1' });
    expect(parseRoute('/campaigns/c-1/edit', '?step=message')).toEqual({
      name: 'campaign-edit',
      id: 'c-1',
      step: 'message',
    });
    expect(parseRoute('/campaigns/new', '?step=bogus')).toEqual({
      name: 'campaign-edit',
      id: null,
      step: null,
    });
    expect(parseRoute('/campaigns/opt-outs', '?session=s1')).toEqual({ name: 'opt-outs', sessionId: 's1' });
    expect(parseRoute('/campaigns/pools')).toEqual({ name: 'pools' });
    expect(parseRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
  });

  it('round-trips paths', () => {
    const routes: Route[] = [
      { name: 'overview', sessionId: null },
      { name: 'overview', sessionId: 'sales-1' },
      { name: 'sessions' },
      { name: 'sessions', add: true },
      { name: 'session', id: 'a_b-1' },
      { name: 'messages', sessionId: 'x' },
      { name: 'messages', sessionId: null },
      { name: 'users' },
      { name: 'api-keys' },
      { name: 'webhooks' },
      { name: 'events' },
      { name: 'inbox', sessionId: null, conversationId: null },
      { name: 'inbox', sessionId: 'x', conversationId: 'c 1' },
      { name: 'inbox', sessionId: null, conversationId: 'c2' },
      { name: 'contacts', sessionId: null },
      { name: 'contacts', sessionId: 'front desk' },
      { name: 'campaigns' },
      { name: 'campaign', id: 'c 1' },
      { name: 'campaign-edit', id: null, step: null },
      { name: 'campaign-edit', id: 'c1', step: 'pacing' },
      { name: 'opt-outs', sessionId: 'sales' },
      { name: 'opt-outs', sessionId: null },
      { name: 'pools' },
    ];
    for (const route of routes) {
      const [path = '', query = ''] = routePath(route).split('?');
      expect(parseRoute(path, query ? `?${query}` : '')).toEqual(route);
    }
  });
});
