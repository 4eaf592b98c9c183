import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../components/toaster.tsx';
import { sayCoded } from '../lib/coded.ts';
import { errorCode } from '../lib/errors.ts';
import { SessionAlerts } from '../lib/session-alerts.ts';
import type { Session, SessionEvent } from '../lib/types.ts';
import { navigate } from '../router.tsx';
import { trpc } from '../trpc.ts';
import { useLiveStore } from './live-store.ts';

const RESUBSCRIBE_MS = 2000;

/**
 * The one subscription to `sessions.onEvent` (all visible sessions): it feeds the live store, and fetches
 * the list again when a session appears that the list does not know yet (created in another tab).
 * If the server ends the stream because the sign-in ended, the sign-in check takes the user to the login
 * form; after any other error the stream is opened again shortly.
 */
export function SessionStream() {
  const [attempt, setAttempt] = useState(0);
  return <SessionSubscription key={attempt} onEnded={() => setAttempt((n) => n + 1)} />;
}

/** The ids in a fetched list, computed once per list (a snapshot names every session: no scan per event). */
const idsOf = new WeakMap<readonly Session[], ReadonlySet<string>>();
function knownIds(list: readonly Session[]): ReadonlySet<string> {
  let ids = idsOf.get(list);
  if (!ids) {
    ids = new Set(list.map((s) => s.id));
    idsOf.set(list, ids);
  }
  return ids;
}

function SessionSubscription({ onEnded }: { onEnded: () => void }) {
  const store = useLiveStore();
  const utils = trpc.useUtils();
  const { t } = useTranslation();
  const toast = useToast();
  const refetchTimer = useRef<number | undefined>(undefined);
  const retryTimer = useRef<number | undefined>(undefined);
  const alerts = useRef(new SessionAlerts());

  /** A phone unlinking the device, or a session failing, is told wherever the operator is. */
  const tellChange = (event: Extract<SessionEvent, { type: 'status' }>) => {
    const { sessionId, status } = event;
    if (!alerts.current.heard(sessionId, status)) return;
    const name = utils.sessions.list.getData()?.find((s) => s.id === sessionId)?.name ?? sessionId;
    const reason = sayCoded(event.reason, event.reasonCoded);
    toast.error(
      status === 'logged_out'
        ? t('shell.alerts.loggedOut', { name })
        : reason
          ? t('shell.alerts.failedBecause', { name, reason })
          : t('shell.alerts.failed', { name }),
      { label: t('shell.alerts.open'), onClick: () => navigate({ name: 'session', id: sessionId }) },
    );
  };

  useEffect(
    () => () => {
      window.clearTimeout(refetchTimer.current);
      window.clearTimeout(retryTimer.current);
    },
    [],
  );

  // The starting state arrives as one `snapshot` message, applied in one go however many sessions it names.
  trpc.sessions.onEvent.useSubscription(
    { batchSnapshot: true },
    {
      onData: ({ data }) => {
        const events = data.type === 'snapshot' ? data.events : [data];
        store.apply(events);
        for (const e of events) if (e.type === 'status') tellChange(e);
        const known = utils.sessions.list.getData();
        const ids = known && knownIds(known);
        // A transfer adds the session to the new owner's list and takes it from the previous owner's.
        const gone = events.some((e) => e.type === 'deleted' || e.type === 'transferred');
        const unknown = ids && events.some((e) => !ids.has(e.sessionId));
        if (unknown || gone) {
          // Coalesce bursts (a snapshot of many new sessions) into one fetch.
          window.clearTimeout(refetchTimer.current);
          refetchTimer.current = window.setTimeout(() => void utils.sessions.list.invalidate(), 150);
        }
      },
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') void utils.auth.me.invalidate();
        window.clearTimeout(retryTimer.current);
        retryTimer.current = window.setTimeout(onEnded, RESUBSCRIBE_MS);
      },
    },
  );
  return null;
}
