import { Inbox, KeyRound, LayoutDashboard, Megaphone, MessagesSquare, Smartphone, Users } from 'lucide-react';
import { type ReactNode, useEffect } from 'react';
import { cx } from '../components/cx.ts';
import type { Route } from '../lib/route.ts';
import type { User } from '../lib/types.ts';
import { Link } from '../router.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { Logo } from './logo.tsx';
import { UserMenu } from './user-menu.tsx';

const TITLES: Record<Route['name'], string> = {
  overview: 'Overview',
  sessions: 'Sessions',
  session: 'Session',
  messages: 'Messages',
  inbox: 'Inbox',
  campaigns: 'Campaigns',
  campaign: 'Campaign',
  'campaign-edit': 'Campaign',
  'opt-outs': 'Opt-outs',
  pools: 'Pools',
  users: 'Users',
  'api-keys': 'API keys',
  'not-found': 'Not found',
};

export function AppShell({
  user,
  route,
  onSignedOut,
  children,
}: {
  user: User;
  route: Route;
  onSignedOut: () => void;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${TITLES[route.name]} · Switchboard`;
  }, [route.name]);

  const items = [
    {
      to: { name: 'overview', sessionId: null } as const,
      label: 'Overview',
      icon: LayoutDashboard,
      active: route.name === 'overview',
    },
    {
      to: { name: 'sessions' } as const,
      label: 'Sessions',
      icon: Smartphone,
      active: route.name === 'sessions' || route.name === 'session',
    },
    {
      to: { name: 'inbox', sessionId: null, conversationId: null } as const,
      label: 'Inbox',
      icon: Inbox,
      active: route.name === 'inbox',
    },
    {
      to: { name: 'messages', sessionId: null } as const,
      label: 'Messages',
      icon: MessagesSquare,
      active: route.name === 'messages',
    },
    {
      to: { name: 'campaigns' } as const,
      label: 'Campaigns',
      icon: Megaphone,
      active: ['campaigns', 'campaign', 'campaign-edit', 'opt-outs', 'pools'].includes(route.name),
    },
    {
      to: { name: 'api-keys' } as const,
      label: 'API keys',
      icon: KeyRound,
      active: route.name === 'api-keys',
    },
    ...(user.role === 'admin'
      ? [{ to: { name: 'users' } as const, label: 'Users', icon: Users, active: route.name === 'users' }]
      : []),
  ];

  const nav = (className: string) => (
    <nav aria-label="Main" className={className}>
      <ul className="flex items-center gap-1">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              to={item.to}
              aria-current={item.active ? 'page' : undefined}
              className={cx(
                'flex items-center gap-2 whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium transition-colors',
                item.active
                  ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white'
                  : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-white',
              )}
            >
              <item.icon aria-hidden className="size-4" />
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
          <Link
            to={{ name: 'overview', sessionId: null }}
            className="rounded-lg"
            aria-label="Switchboard home"
          >
            <Logo />
          </Link>
          {nav('hidden md:block')}
          <div className="ml-auto">
            <UserMenu user={user} onSignedOut={onSignedOut} />
          </div>
        </div>
        {nav('overflow-x-auto border-t border-zinc-100 px-2 py-1.5 md:hidden dark:border-zinc-800')}
      </header>
      <ConnectionBanner />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
