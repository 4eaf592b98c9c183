import type { TRPCWebSocketClient } from '@trpc/client';
import { useState } from 'react';
import { AppShell } from './layout/app-shell.tsx';
import type { User } from './lib/types.ts';
import { ConnectionMonitor } from './live/connection.tsx';
import { InboxNotifier } from './live/inbox-notifier.tsx';
import { LiveStore, LiveStoreContext } from './live/live-store.ts';
import { SessionStream } from './live/session-stream.tsx';
import { useRoute } from './router.tsx';
import { ApiKeysScreen } from './screens/api-keys/api-keys-screen.tsx';
import { CampaignEditor } from './screens/campaigns/campaign-editor.tsx';
import { CampaignScreen } from './screens/campaigns/campaign-screen.tsx';
import { CampaignsScreen } from './screens/campaigns/campaigns-screen.tsx';
import { OptOutsScreen } from './screens/campaigns/opt-outs-screen.tsx';
import { PoolsScreen } from './screens/campaigns/pools-screen.tsx';
import { ContactsScreen } from './screens/contacts/contacts-screen.tsx';
import { EventMonitorScreen } from './screens/events/event-monitor-screen.tsx';
import { InboxScreen } from './screens/inbox/inbox-screen.tsx';
import { MessagesScreen } from './screens/messages/messages-screen.tsx';
import { NotFoundScreen } from './screens/not-found-screen.tsx';
import { OverviewScreen } from './screens/overview/overview-screen.tsx';
import { QrDialogHost } from './screens/sessions/qr-dialog-host.tsx';
import { SessionDetailScreen } from './screens/sessions/session-detail-screen.tsx';
import { SessionsScreen } from './screens/sessions/sessions-screen.tsx';
import { UsersScreen } from './screens/users/users-screen.tsx';
import { ServerWebhooksScreen } from './screens/webhooks/server-webhooks-screen.tsx';

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
            {screen}
          </AppShell>
        </QrDialogHost>
      </ConnectionMonitor>
    </LiveStoreContext.Provider>
  );
}
