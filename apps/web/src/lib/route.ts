/** The dashboard's screens, addressed by real paths (the server answers every unknown path with the SPA). */
export type Route =
  | { name: 'overview'; sessionId: string | null }
  | { name: 'sessions' }
  | { name: 'session'; id: string }
  | { name: 'messages'; sessionId: string | null }
  | { name: 'inbox'; sessionId: string | null; conversationId: string | null }
  | { name: 'users' }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'overview', sessionId: new URLSearchParams(search).get('session') };
  if (path === '/sessions') return { name: 'sessions' };
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session?.[1]) return { name: 'session', id: safeDecode(session[1]) };
  if (path === '/messages') {
    return { name: 'messages', sessionId: new URLSearchParams(search).get('session') };
  }
  if (path === '/inbox') {
    const params = new URLSearchParams(search);
    return { name: 'inbox', sessionId: params.get('session'), conversationId: params.get('conversation') };
  }
  if (path === '/users') return { name: 'users' };
  return { name: 'not-found', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return route.sessionId ? `/?session=${encodeURIComponent(route.sessionId)}` : '/';
    case 'sessions':
      return '/sessions';
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
    case 'users':
      return '/users';
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
