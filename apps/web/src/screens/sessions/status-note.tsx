import { CircleAlert, Hourglass, Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sayCoded } from '../../lib/coded.ts';
import { formatDateTime } from '../../lib/format.ts';
import { STATUS_META } from '../../lib/session-status.ts';
import type { Session } from '../../lib/types.ts';

/** What the status means right now, and WhatsApp's reach-out limit when one holds (it is no status). */
export function StatusNote({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (!session.limited) return <StatusMeaning session={session} />;
  const { reason, until } = session.limited;
  return (
    <div className="space-y-2">
      <StatusMeaning session={session} />
      <p
        className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
        data-testid="limit-note"
      >
        <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span className="min-w-0 break-words">
          {until
            ? t('sessions.limit.noteUntil', { reason, until: formatDateTime(until) })
            : t('sessions.limit.noteLifted', { reason })}
        </span>
      </p>
    </div>
  );
}

/**
 * A failure reason in red, an automatic retry in amber, otherwise the plain explanation of the status (a
 * reason that only repeats the status, like "Logged out", adds nothing).
 */
function StatusMeaning({ session }: { session: Session }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const meta = STATUS_META[session.status];
  const said = sayCoded(session.statusReason, session.statusReasonCoded);
  const reason = said && said !== meta.label ? said : null;
  if (reason && (session.status === 'failed' || session.status === 'reconnecting')) {
    const failed = session.status === 'failed';
    return (
      <p
        className={
          failed
            ? 'flex gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200'
            : 'flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200'
        }
      >
        {failed ? (
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        ) : (
          <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
        )}
        <span className="min-w-0 break-words" data-testid="status-reason">
          {reason}
        </span>
      </p>
    );
  }
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {reason ? (
        <>
          <span data-testid="status-reason">
            {reason}
            {/[.!?]$/.test(reason) ? '' : '.'}
          </span>{' '}
        </>
      ) : null}
      {meta.description}
    </p>
  );
}
