/** The dashboard's screens, addressed by real paths (the server answers every unknown path with the SPA). */
export type Route =
  | { name: 'overview'; sessionId: string | null }
  /** `add`: the Add session dialog opens at once (the Overview's "Add an account"). */
  | { name: 'sessions'; add?: true }
  | { name: 'session'; id: string }
  | { name: 'messages'; sessionId: string | null }
  | { name: 'inbox'; sessionId: string | null; conversationId: string | null }
  /** Contacts, groups and number checks: beside the inbox (of one account when `sessionId` is given). */
  | { name: 'contacts'; sessionId: string | null }
  | { name: 'campaigns' }
  /** A campaign's page; drafts open in the editor (`edit`), at `step` when given. */
  | { name: 'campaign'; id: string }
  | { name: 'campaign-edit'; id: string | null; step: CampaignStep | null }
  | { name: 'opt-outs'; sessionId: string | null }
  | { name: 'pools' }
  | { name: 'users' }
  | { name: 'api-keys' }
  /** Server-wide webhook endpoints (admins). */
  | { name: 'webhooks' }
  /** The event monitor across accounts (admins). */
  | { name: 'events' }
  | { name: 'not-found'; path: string };

export const CAMPAIGN_STEPS = ['account', 'audience', 'message', 'pacing', 'review'] as const;
export type CampaignStep = (typeof CAMPAIGN_STEPS)[number];

const campaignStep = (value: string | null): CampaignStep | null =>
  CAMPAIGN_STEPS.find((s) => s === value) ?? null;

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'overview', sessionId: new URLSearchParams(search).get('session') };
  if (path === '/sessions')
    return new URLSearchParams(search).has('add') ? { name: 'sessions', add: true } : { name: 'sessions' };
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session?.[1]) return { name: 'session', id: safeDecode(session[1]) };
  if (path === '/messages') {
    return { name: 'messages', sessionId: new URLSearchParams(search).get('session') };
  }
  if (path === '/inbox') {
    const params = new URLSearchParams(search);
    return { name: 'inbox', sessionId: params.get('session'), conversationId: params.get('conversation') };
  }
  if (path === '/inbox/contacts')
    return { name: 'contacts', sessionId: new URLSearchParams(search).get('session') };
  if (path === '/users') return { name: 'users' };
  if (path === '/campaigns') return { name: 'campaigns' };
  if (path === '/campaigns/new')
    return { name: 'campaign-edit', id: null, step: campaignStep(new URLSearchParams(search).get('step')) };
  if (path === '/campaigns/opt-outs')
    return { name: 'opt-outs', sessionId: new URLSearchParams(search).get('session') };
  if (path === '/campaigns/pools') return { name: 'pools' };
  const campaign = /^\/campaigns\/([^/]+)(\/edit)?$/.exec(path);
  if (campaign?.[1]) {
    const id = safeDecode(campaign[1]);
    return campaign[2]
      ? { name: 'campaign-edit', id, step: campaignStep(new URLSearchParams(search).get('step')) }
      : { name: 'campaign', id };
  }
  if (path === '/api-keys') return { name: 'api-keys' };
  if (path === '/webhooks') return { name: 'webhooks' };
  if (path === '/events') return { name: 'events' };
  return { name: 'not-found', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return route.sessionId ? `/?session=${encodeURIComponent(route.sessionId)}` : '/';
    case 'sessions':
      return route.add ? '/sessions?add=1' : '/sessions';
    case 'session':
      return `/sessions/${encodeURIComponent(route.id)}`;
    case 'messages':
      return route.sessionId ? `/messages?session=${encodeURIComponent(route.sessionId)}` : '/messages';
    case 'inbox': {
      const params = new URLSearchParams();
      if (route.sessionId) params.set('session', route.sessionId);
      if (route.conversationId) params.set('conversation', route.conversationId);
      const query = params.toString();
      return query ? `/inbox?${query}` : '/inbox';
    }
    case 'contacts':
      return route.sessionId
        ? `/inbox/contacts?session=${encodeURIComponent(route.sessionId)}`
        : '/inbox/contacts';
    case 'users':
      return '/users';
    case 'campaigns':
      return '/campaigns';
    case 'campaign':
      return `/campaigns/${encodeURIComponent(route.id)}`;
    case 'campaign-edit': {
      const base = route.id ? `/campaigns/${encodeURIComponent(route.id)}/edit` : '/campaigns/new';
      return route.step ? `${base}?step=${route.step}` : base;
    }
    case 'opt-outs':
      return route.sessionId
        ? `/campaigns/opt-outs?session=${encodeURIComponent(route.sessionId)}`
        : '/campaigns/opt-outs';
    case 'pools':
      return '/campaigns/pools';
    case 'api-keys':
      return '/api-keys';
    case 'webhooks':
      return '/webhooks';
    case 'events':
      return '/events';
    case 'not-found':
      return route.path;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
