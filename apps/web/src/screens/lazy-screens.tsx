import { RefreshCw } from 'lucide-react';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import type { Route } from '../lib/route.ts';

/**
 * The screens, each its own chunk loaded the first time it is shown: the first paint parses only the screen
 * it opens on, and the others' code is fetched when the operator goes there.
 */
const load = {
  overview: () => import('./overview/overview-screen.tsx'),
  sessions: () => import('./sessions/sessions-screen.tsx'),
  session: () => import('./sessions/session-detail-screen.tsx'),
  messages: () => import('./messages/messages-screen.tsx'),
  inbox: () => import('./inbox/inbox-screen.tsx'),
  contacts: () => import('./contacts/contacts-screen.tsx'),
  campaigns: () => import('./campaigns/campaigns-screen.tsx'),
  campaign: () => import('./campaigns/campaign-screen.tsx'),
  'campaign-edit': () => import('./campaigns/campaign-editor.tsx'),
  'opt-outs': () => import('./campaigns/opt-outs-screen.tsx'),
  pools: () => import('./campaigns/pools-screen.tsx'),
  users: () => import('./users/users-screen.tsx'),
  'api-keys': () => import('./api-keys/api-keys-screen.tsx'),
  events: () => import('./events/event-monitor-screen.tsx'),
  webhooks: () => import('./webhooks/server-webhooks-screen.tsx'),
} satisfies Record<Exclude<Route['name'], 'not-found'>, () => Promise<unknown>>;

/**
 * Starts fetching the screen a page opens on, at start-up: it then arrives while the sign-in is checked,
 * rather than after.
 */
export function preloadScreen(route: Route['name']): void {
  // A failure is dealt with when the screen itself is shown.
  if (route !== 'not-found') load[route]().catch(() => undefined);
}

/** Set while the page reloads for a new build, so a screen that still cannot load does not reload it again. */
const RELOADED = 'switchboard.reloadedForUpdate';

/**
 * A screen's code could not be fetched: most likely the server was updated since this page loaded, and the
 * old build's pieces are gone. The page loads again, once, into the new build.
 */
function reloadForUpdate(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED)) return false;
    sessionStorage.setItem(RELOADED, '1');
  } catch {
    // Storage switched off: no way to tell a second failure from the first, so no reload.
    return false;
  }
  window.location.reload();
  return true;
}

function ScreenUnavailable() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-lg py-16">
      <ErrorNotice>{t('shell.screenUnavailable')}</ErrorNotice>
      <Button className="mt-4" icon={RefreshCw} onClick={() => window.location.reload()}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

function screen<P extends object, M>(
  module: () => Promise<M>,
  pick: (m: M) => ComponentType<P>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    try {
      const component = pick(await module());
      try {
        sessionStorage.removeItem(RELOADED);
      } catch {
        // Storage switched off: nothing was set.
      }
      return { default: component };
    } catch {
      // While the page reloads, the spinner stays.
      if (reloadForUpdate()) await new Promise<never>(() => {});
      return { default: ScreenUnavailable as ComponentType<P> };
    }
  });
}

export const OverviewScreen = screen(load.overview, (m) => m.OverviewScreen);
export const SessionsScreen = screen(load.sessions, (m) => m.SessionsScreen);
export const SessionDetailScreen = screen(load.session, (m) => m.SessionDetailScreen);
export const MessagesScreen = screen(load.messages, (m) => m.MessagesScreen);
export const InboxScreen = screen(load.inbox, (m) => m.InboxScreen);
export const ContactsScreen = screen(load.contacts, (m) => m.ContactsScreen);
export const CampaignsScreen = screen(load.campaigns, (m) => m.CampaignsScreen);
export const CampaignScreen = screen(load.campaign, (m) => m.CampaignScreen);
export const CampaignEditor = screen(load['campaign-edit'], (m) => m.CampaignEditor);
export const OptOutsScreen = screen(load['opt-outs'], (m) => m.OptOutsScreen);
export const PoolsScreen = screen(load.pools, (m) => m.PoolsScreen);
export const UsersScreen = screen(load.users, (m) => m.UsersScreen);
export const ApiKeysScreen = screen(load['api-keys'], (m) => m.ApiKeysScreen);
export const EventMonitorScreen = screen(load.events, (m) => m.EventMonitorScreen);
export const ServerWebhooksScreen = screen(load.webhooks, (m) => m.ServerWebhooksScreen);
