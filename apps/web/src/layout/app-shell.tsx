import {
  Activity,
  Inbox,
  KeyRound,
  LayoutDashboard,
  Megaphone,
  Menu,
  MessagesSquare,
  Smartphone,
  Users,
  X,
} from 'lucide-react';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../components/cx.ts';
import { formatCount } from '../lib/format.ts';
import { type Route, routePath } from '../lib/route.ts';
import type { User } from '../lib/types.ts';
import { useUnreadConversations } from '../live/inbox-notifier.tsx';
import { Link } from '../router.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { Logo } from './logo.tsx';
import { PageNameContext } from './page-name.ts';
import { UserMenu } from './user-menu.tsx';

const TITLES = {
  overview: 'overview',
  sessions: 'sessions',
  session: 'session',
  messages: 'messages',
  inbox: 'inbox',
  contacts: 'contacts',
  campaigns: 'campaigns',
  campaign: 'campaign',
  'campaign-edit': 'campaign',
  'opt-outs': 'optOuts',
  pools: 'pools',
  users: 'users',
  'api-keys': 'apiKeys',
  webhooks: 'webhooks',
  events: 'events',
  'not-found': 'notFound',
} as const satisfies Record<Route['name'], string>;

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
  const { t } = useTranslation();
  // Below desktop width the entries do not fit in a row: they fold into a panel that a button opens, closed again
  // by choosing an entry, by going elsewhere or by Escape.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const unread = useUnreadConversations();
  // A screen may name its page better than its route does (a session's page: the session's name).
  const [pageName, setPageName] = useState<string | null>(null);
  useEffect(() => {
    const page = pageName ?? t(`shell.pages.${TITLES[route.name]}`);
    const title = t('shell.titleSuffix', { page });
    document.title = unread > 0 ? t('shell.titleWithUnread', { count: unread, title }) : title;
  }, [route.name, pageName, unread, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: going to another page closes the menu
  useEffect(() => {
    setMenuOpen(false);
  }, [route.name]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const items = [
    {
      to: { name: 'overview', sessionId: null } as const,
      label: t('shell.pages.overview'),
      icon: LayoutDashboard,
      active: route.name === 'overview',
    },
    {
      to: { name: 'sessions' } as const,
      label: t('shell.pages.sessions'),
      icon: Smartphone,
      active: route.name === 'sessions' || route.name === 'session',
    },
    {
      to: { name: 'inbox', sessionId: null, conversationId: null } as const,
      label: t('shell.pages.inbox'),
      icon: Inbox,
      active: route.name === 'inbox' || route.name === 'contacts',
      badge: unread,
    },
    {
      to: { name: 'messages', sessionId: null } as const,
      label: t('shell.pages.messages'),
      icon: MessagesSquare,
      active: route.name === 'messages',
    },
    {
      to: { name: 'campaigns' } as const,
      label: t('shell.pages.campaigns'),
      icon: Megaphone,
      active: ['campaigns', 'campaign', 'campaign-edit', 'opt-outs', 'pools'].includes(route.name),
    },
    {
      to: { name: 'api-keys' } as const,
      label: t('shell.pages.apiKeys'),
      icon: KeyRound,
      active: route.name === 'api-keys',
    },
    ...(user.role === 'admin'
      ? [
          {
            to: { name: 'events' } as const,
            label: t('shell.pages.events'),
            icon: Activity,
            active: route.name === 'events',
          },
          {
            to: { name: 'users' } as const,
            label: t('shell.pages.users'),
            icon: Users,
            active: route.name === 'users',
          },
        ]
      : []),
  ];

  const nav = (className: string, listClassName: string, id?: string) => (
    <nav aria-label={t('shell.mainNav')} className={className} id={id}>
      <ul className={listClassName}>
        {items.map((item) => (
          <li key={routePath(item.to)}>
            <Link
              to={item.to}
              onClick={() => setMenuOpen(false)}
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
              {'badge' in item && item.badge ? (
                <span
                  data-testid="nav-unread"
                  className="ms-auto rounded-full bg-emerald-600 px-1.5 py-px text-[11px] leading-4 font-semibold text-white tabular-nums xl:ms-0 dark:bg-emerald-500 dark:text-emerald-950"
                >
                  {formatCount(item.badge)}
                  <span className="sr-only"> {t('shell.unread', { count: item.badge })}</span>
                </span>
              ) : null}
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
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:start-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        {t('shell.skipToContent')}
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
          <Link
            to={{ name: 'overview', sessionId: null }}
            className="rounded-lg"
            aria-label={t('shell.home')}
          >
            <Logo />
          </Link>
          {nav('hidden xl:block', 'flex items-center gap-1')}
          <div className="ms-auto flex items-center gap-1">
            <UserMenu user={user} onSignedOut={onSignedOut} />
            <button
              type="button"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              aria-label={menuOpen ? t('shell.closeMenu') : t('shell.openMenu')}
              onClick={() => setMenuOpen((open) => !open)}
              className="relative inline-flex size-10 items-center justify-center rounded-lg text-zinc-700 hover:bg-zinc-100 xl:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {menuOpen ? <X aria-hidden className="size-5" /> : <Menu aria-hidden className="size-5" />}
              {unread > 0 && !menuOpen ? (
                <span
                  aria-hidden
                  className="absolute end-2 top-2 size-2 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-950"
                />
              ) : null}
            </button>
          </div>
        </div>
        {nav(
          cx(
            'border-t border-zinc-100 bg-white px-2 py-2 xl:hidden dark:border-zinc-800 dark:bg-zinc-950',
            !menuOpen && 'hidden',
          ),
          'grid grid-cols-2 gap-1 sm:grid-cols-4',
          menuId,
        )}
      </header>
      <ConnectionBanner />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        <PageNameContext.Provider value={setPageName}>{children}</PageNameContext.Provider>
      </main>
    </div>
  );
}
