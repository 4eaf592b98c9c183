import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
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
  if (route !== 'not-found') void load[route]();
}

function screen<P extends object, M>(
  module: () => Promise<M>,
  pick: (m: M) => ComponentType<P>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: pick(await module()) }));
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
