import { Plus, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { countSessions } from '../../lib/session-status.ts';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { PageHeader } from '../page-header.tsx';
import { AddSessionDialog } from './add-session-dialog.tsx';
import { Counters } from './counters.tsx';
import { useOpenQr } from './qr-dialog-host.tsx';
import { SessionCard } from './session-card.tsx';

export function SessionsScreen() {
  const { sessions, isLoading, error } = useSessions();
  const [adding, setAdding] = useState(false);
  const openQr = useOpenQr();
  const now = useNow(30_000);
  // Tailwind's `lg`: the grid shows two cards to a row from there on.
  const twoColumns = useMediaQuery('(min-width: 64rem)');

  const addButton = (
    <Button variant="primary" icon={Plus} onClick={() => setAdding(true)}>
      Add session
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Each session is one WhatsApp account linked to this gateway."
        action={sessions && sessions.length > 0 ? addButton : null}
      />
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {isLoading ? <LoadingBlock label="Loading sessions…" /> : null}
      {sessions ? (
        sessions.length === 0 ? (
          <EmptyState icon={Smartphone} title="No sessions yet" action={addButton}>
            <p>
              A session connects one WhatsApp account. Add one, then scan its QR code with the phone:{' '}
              <strong className="font-medium text-zinc-800 dark:text-zinc-200">
                WhatsApp → Linked devices → Link a device
              </strong>
              .
            </p>
          </EmptyState>
        ) : (
          <div className="space-y-6">
            <Counters counters={countSessions(sessions)} />
            <VirtualList
              label="Sessions"
              items={sessions}
              columns={twoColumns ? 2 : 1}
              rowClassName="grid gap-4 lg:grid-cols-2"
              estimateRowHeight={290}
              getKey={(session) => session.id}
              renderItem={(session) => (
                <div className="w-full [&>section]:h-full">
                  <SessionCard session={session} now={now} />
                </div>
              )}
            />
          </div>
        )
      ) : null}
      {adding ? (
        <AddSessionDialog
          takenIds={sessions?.map((s) => s.id) ?? []}
          onClose={() => setAdding(false)}
          onCreated={(session) => {
            setAdding(false);
            openQr(session.id);
          }}
        />
      ) : null}
    </>
  );
}
