import { formatBytes } from '@switchboard/validators';
import { ArrowLeft, MessageSquarePlus, QrCode, SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Phone } from '../../components/phone.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { usePageName } from '../../layout/page-name.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { engineLabel } from '../../lib/session-status.ts';
import { useNow } from '../../live/use-now.ts';
import { useSession } from '../../live/use-sessions.ts';
import { Link, navigate } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { WebhooksSection } from '../webhooks/webhooks-section.tsx';
import { DefaultSenderToggle } from './default-sender.tsx';
import { LimitBadge } from './limit-badge.tsx';
import { useOpenQr } from './qr-dialog-host.tsx';
import { SessionActions } from './session-actions.tsx';
import { SessionSettings } from './session-settings.tsx';
import { SessionTimeline } from './session-timeline.tsx';
import { StatusNote } from './status-note.tsx';
import { VirtualPhoneCard } from './virtual-phone/virtual-phone-card.tsx';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link
      to={{ name: 'sessions' }}
      className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
    >
      <ArrowLeft aria-hidden className="size-4 rtl:-scale-x-100" />
      {t('sessions.detail.back')}
    </Link>
  );
}

export function SessionDetailScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session, live, deleted, isLoading, error } = useSession(id);
  const openQr = useOpenQr();
  const now = useNow(15_000);
  usePageName(session?.name);

  if (isLoading) return <LoadingBlock label={t('sessions.detail.loading')} />;
  if (deleted || error || !session) {
    return (
      <>
        <BackLink />
        <EmptyState
          icon={SearchX}
          title={deleted ? t('sessions.detail.deletedTitle') : t('sessions.detail.notFound')}
        >
          {deleted ? t('sessions.detail.deletedBody') : error ? errorMessage(error) : null}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={session.name}
        badge={
          <>
            <StatusBadge status={session.status} />
            {session.limited ? <LimitBadge limited={session.limited} now={now} /> : null}
            <DefaultSenderToggle session={session} />
          </>
        }
        description={
          <span className="text-xs">
            <bdi dir="ltr" className="font-mono">
              {session.id}
            </bdi>{' '}
            · {engineLabel(session.engine)}
          </span>
        }
        action={
          session.status === 'connected' ? (
            <Link
              to={{ name: 'messages', sessionId: session.id }}
              className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:ring-zinc-700 dark:hover:bg-zinc-800"
            >
              <MessageSquarePlus aria-hidden className="size-4" />
              {t('sessions.detail.send')}
            </Link>
          ) : null
        }
      >
        <BackLink />
      </PageHeader>

      <div className="space-y-6">
        <Card className="space-y-4 p-5">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 flex-1">
              <StatusNote session={session} />
            </div>
            {session.status === 'qr' ? (
              <Button
                variant="primary"
                icon={QrCode}
                onClick={() => openQr(session.id)}
                className="self-start"
              >
                {t('sessions.detail.scan')}
              </Button>
            ) : null}
          </div>
          <SessionActions
            session={session}
            onDeleted={() => navigate({ name: 'sessions' }, { replace: true })}
          />
        </Card>

        {session.engine === 'sandbox' ? (
          <VirtualPhoneCard
            session={session}
            qr={session.status === 'qr' ? (live?.qr?.qr ?? session.qr?.qr ?? null) : null}
            pairingCode={session.status === 'qr' ? (live?.pairingCode?.code ?? null) : null}
          />
        ) : null}

        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card aria-labelledby="details-title">
            <CardHeader title={t('sessions.detail.details')} id="details-title" />
            <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              <Row label={t('sessions.detail.id')}>
                <bdi dir="ltr" className="font-mono">
                  {session.id}
                </bdi>
              </Row>
              <Row label={t('sessions.detail.engine')}>{engineLabel(session.engine)}</Row>
              <Row label={t('sessions.card.phone')}>
                {session.phone ? (
                  <Phone digits={session.phone} />
                ) : (
                  <Muted>{t('sessions.card.notLinked')}</Muted>
                )}
              </Row>
              <Row label={t('sessions.card.pushName')}>{session.pushName ?? <Muted>—</Muted>}</Row>
              {session.limited ? (
                <Row label={t('sessions.detail.reachOutLimit')}>
                  {session.limited.until ? (
                    <time dateTime={new Date(session.limited.until).toISOString()}>
                      {t('sessions.detail.until', { until: formatDateTime(session.limited.until) })}
                    </time>
                  ) : (
                    t('sessions.detail.untilLifted')
                  )}
                </Row>
              ) : null}
              <Row label={t('sessions.detail.statusSince')}>
                <Time at={session.statusChangedAt} now={now} />
              </Row>
              <Row label={t('sessions.card.lastConnected')}>
                {session.lastConnectedAt ? (
                  <Time at={session.lastConnectedAt} now={now} />
                ) : (
                  <Muted>{t('common.never')}</Muted>
                )}
              </Row>
              {session.resources ? (
                <Row label={t('sessions.detail.resources')}>
                  {t('sessions.detail.resourcesValue', {
                    size: formatBytes(session.resources.rssBytes),
                    count: session.resources.processes,
                  })}
                </Row>
              ) : null}
              <Row label={t('sessions.detail.autoStart')}>
                {session.autoStart ? t('sessions.detail.yes') : t('sessions.detail.no')}
              </Row>
              <Row label={t('sessions.detail.created')}>
                <Time at={session.createdAt} now={now} />
              </Row>
            </dl>
          </Card>

          <SessionTimeline sessionId={session.id} />
        </div>

        <SessionSettings
          key={`${session.id}:${session.name}:${session.autoStart}:${session.proxy}`}
          session={session}
        />

        <WebhooksSection sessionId={session.id} />
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 px-5 py-2.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words font-medium">{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="font-normal text-zinc-400 dark:text-zinc-500">{children}</span>;
}

function Time({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatDateTime(at)}{' '}
      <span className="font-normal text-zinc-500 dark:text-zinc-400">({formatRelative(at, now)})</span>
    </time>
  );
}
