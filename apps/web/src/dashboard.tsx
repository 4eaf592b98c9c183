import type { TRPCWebSocketClient } from '@trpc/client';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingBlock } from './components/spinner.tsx';
import { AppShell } from './layout/app-shell.tsx';
import type { User } from './lib/types.ts';
import { ConnectionMonitor } from './live/connection.tsx';
import { InboxNotifier } from './live/inbox-notifier.tsx';
import { LiveStore, LiveStoreContext } from './live/live-store.ts';
import { SessionStream } from './live/session-stream.tsx';
import { useRoute } from './router.tsx';
import {
  ApiKeysScreen,
  CampaignEditor,
  CampaignScreen,
  CampaignsScreen,
  ContactsScreen,
  EventMonitorScreen,
  InboxScreen,
  MessagesScreen,
  OptOutsScreen,
  OverviewScreen,
  PoolsScreen,
  ServerWebhooksScreen,
  SessionDetailScreen,
  SessionsScreen,
  UsersScreen,
} from './screens/lazy-screens.ts';
import { NotFoundScreen } from './screens/not-found-screen.tsx';
import { QrDialogHost } from './screens/sessions/qr-dialog-host.tsx';

/** Everything behind sign-in. A fresh live store per login: one user's events never show to the next. */
export function Dashboard({
  user,
  wsClient,
  onSignedOut,
}: {
  user: User;
  wsClient: TRPCWebSocketClient;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [store] = useState(() => new LiveStore());
  const route = useRoute();

  let screen: React.ReactNode;
  switch (route.name) {
    case 'overview':
      screen = <OverviewScreen sessionId={route.sessionId} />;
      break;
    case 'sessions':
      screen = <SessionsScreen add={route.add === true} />;
      break;
    case 'session':
      screen = <SessionDetailScreen key={route.id} id={route.id} />;
      break;
    case 'messages':
      screen = <MessagesScreen requested={route.sessionId} />;
      break;
    case 'inbox':
      screen = <InboxScreen me={user} sessionId={route.sessionId} conversationId={route.conversationId} />;
      break;
    case 'contacts':
      screen = <ContactsScreen sessionId={route.sessionId} />;
      break;
    case 'campaigns':
      screen = <CampaignsScreen />;
      break;
    case 'campaign':
      screen = <CampaignScreen key={route.id} id={route.id} />;
      break;
    case 'campaign-edit':
      screen = <CampaignEditor key={route.id ?? 'new'} id={route.id} step={route.step} />;
      break;
    case 'opt-outs':
      screen = <OptOutsScreen sessionId={route.sessionId} />;
      break;
    case 'pools':
      screen = <PoolsScreen />;
      break;
    case 'users':
      screen = user.role === 'admin' ? <UsersScreen me={user} /> : <NotFoundScreen path="/users" />;
      break;
    case 'api-keys':
      screen = <ApiKeysScreen me={user} />;
      break;
    case 'events':
      screen = user.role === 'admin' ? <EventMonitorScreen /> : <NotFoundScreen path="/events" />;
      break;
    case 'webhooks':
      screen = user.role === 'admin' ? <ServerWebhooksScreen /> : <NotFoundScreen path="/webhooks" />;
      break;
    case 'not-found':
      screen = <NotFoundScreen path={route.path} />;
      break;
  }

  return (
    <LiveStoreContext.Provider value={store}>
      <ConnectionMonitor wsClient={wsClient}>
        <SessionStream />
        <InboxNotifier route={route} />
        <QrDialogHost>
          <AppShell user={user} route={route} onSignedOut={onSignedOut}>
            <Suspense fallback={<LoadingBlock label={t('shell.loading')} />}>{screen}</Suspense>
          </AppShell>
        </QrDialogHost>
      </ConnectionMonitor>
    </LiveStoreContext.Provider>
  );
}
