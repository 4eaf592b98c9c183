import { ChevronDown, Smartphone } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { WebhookStream } from '../../live/webhook-stream.tsx';
import { Link, navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { AttentionList } from './attention-list.tsx';
import { CampaignsUnderWay } from './campaigns-under-way.tsx';
import { FailingWebhooks } from './failing-webhooks.tsx';
import { MessageActivity } from './message-activity.tsx';
import { SessionTiles } from './session-tiles.tsx';
import { useOverview } from './use-overview.ts';

/**
 * The landing page: how the accounts are doing, what they sent and received, the campaigns under way, and
 * what needs a look.
 */
export function OverviewScreen({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  const { sessions } = useSessions();
  // An account that is gone (or never was visible) falls back to all of them rather than to an error.
  const chosen = sessionId && sessions?.some((s) => s.id === sessionId) ? sessionId : null;
  const {
    sessions: sessionStats,
    messages,
    attention,
    webhooks,
    refreshWebhooks,
  } = useOverview(sessions ? chosen : null);
  const selectId = useId();
  const nameOf = (id: string) => sessions?.find((s) => s.id === id)?.name ?? id;

  const picker =
    sessions && sessions.length > 0 ? (
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {t('overview.account')}
        </label>
        <div className="relative w-56 max-w-full">
          <select
            id={selectId}
            className={selectClass}
            value={chosen ?? ''}
            onChange={(e) =>
              navigate({ name: 'overview', sessionId: e.target.value || null }, { replace: true })
            }
          >
            <option value="">{t('overview.allAccounts')}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <ChevronDown
            aria-hidden
            className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
          />
        </div>
      </div>
    ) : null;

  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.description')} action={picker} />
      {sessionStats.error ? <ErrorNotice>{errorMessage(sessionStats.error)}</ErrorNotice> : null}
      {sessions?.length === 0 ? (
        <EmptyState
          icon={Smartphone}
          title={t('overview.noMessagesTitle')}
          action={
            <Link to={{ name: 'sessions', add: true }} className={buttonClass('primary')}>
              {t('overview.addAccount')}
            </Link>
          }
        >
          <p>{t('overview.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <SessionTiles stats={sessionStats.data} />
          <MessageActivity
            stats={messages.data}
            error={messages.error}
            hasSessions={(sessions?.length ?? 0) > 0}
          />
          <CampaignsUnderWay sessionId={chosen} />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <AttentionList items={attention.data} error={attention.error} />
            <FailingWebhooks endpoints={webhooks.data} error={webhooks.error} accountName={nameOf} />
            <WebhookStream
              sessionId={null}
              onStarted={refreshWebhooks}
              onData={refreshWebhooks}
              onEndpoint={refreshWebhooks}
            />
          </div>
        </div>
      )}
    </>
  );
}
