import { FlaskConical, Globe } from 'lucide-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.tsx';
import { Phone } from '../../components/phone.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatRelative } from '../../lib/format.ts';
import { engineLabel } from '../../lib/session-status.ts';
import type { Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { DefaultSenderToggle } from './default-sender.tsx';
import { LimitBadge } from './limit-badge.tsx';
import { SessionActions } from './session-actions.tsx';
import { StatusNote } from './status-note.tsx';

/** Memoised: a live event re-renders only the card of the session it changed. */
export const SessionCard = memo(function SessionCard({ session, now }: { session: Session; now: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const EngineIcon = session.engine === 'sandbox' ? FlaskConical : Globe;

  return (
    <Card
      aria-labelledby={titleId}
      data-testid="session-card"
      data-session-id={session.id}
      className="flex flex-col"
    >
      <div className="flex items-start justify-between gap-3 px-5 pt-5">
        <div className="min-w-0">
          <h3 id={titleId} className="truncate text-base font-semibold">
            <Link to={{ name: 'session', id: session.id }} className="hover:underline">
              {session.name}
            </Link>
          </h3>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
            <bdi dir="ltr" className="font-mono">
              {session.id}
            </bdi>
            <span aria-hidden>·</span>
            <span className="inline-flex items-center gap-1">
              <EngineIcon aria-hidden className="size-3.5" />
              {engineLabel(session.engine)}
            </span>
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1.5">
          <div className="flex items-center gap-1.5">
            <DefaultSenderToggle session={session} />
            <StatusBadge status={session.status} />
          </div>
          {session.limited ? <LimitBadge limited={session.limited} now={now} /> : null}
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 px-5 pt-4 text-sm">
        <div className="min-w-0">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('sessions.card.phone')}</dt>
          <dd className="truncate font-medium tabular-nums">
            {session.phone ? (
              <Phone digits={session.phone} />
            ) : (
              <span className="text-zinc-400 dark:text-zinc-500">{t('sessions.card.notLinked')}</span>
            )}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('sessions.card.pushName')}</dt>
          <dd className="truncate font-medium">
            {session.pushName ?? <span className="text-zinc-400 dark:text-zinc-500">—</span>}
          </dd>
        </div>
        <div className="col-span-2 min-w-0">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('sessions.card.lastConnected')}</dt>
          <dd className="font-medium">
            {session.lastConnectedAt ? (
              <time dateTime={new Date(session.lastConnectedAt).toISOString()}>
                {session.status === 'connected'
                  ? t('sessions.card.onlineNow')
                  : formatRelative(session.lastConnectedAt, now)}
              </time>
            ) : (
              <span className="text-zinc-400 dark:text-zinc-500">{t('common.never')}</span>
            )}
          </dd>
        </div>
      </dl>

      <div className="px-5 pt-4">
        <StatusNote session={session} />
      </div>

      <div aria-hidden className="min-h-4 flex-1" />
      <div className="border-t border-zinc-100 px-5 py-3.5 dark:border-zinc-800">
        <SessionActions session={session} />
      </div>
    </Card>
  );
});
