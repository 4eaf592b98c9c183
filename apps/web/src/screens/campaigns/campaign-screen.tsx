import { CircleAlert, Download, Pause, Pencil, Play, RotateCcw, XCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { pauseReasonLabel } from '../../lib/campaigns.ts';
import { sayCoded } from '../../lib/coded.ts';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Campaign } from '../../lib/types.ts';
import { CampaignStream } from '../../live/campaign-stream.tsx';
import { useSessions } from '../../live/use-sessions.ts';
import { navigate } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { AccountsCard } from './accounts-card.tsx';
import { MessageCard } from './campaign-file.tsx';
import { BackLink, CampaignStatusBadge, SenderLabel } from './campaign-parts.tsx';
import { ProgressCard } from './progress-card.tsx';
import { RecipientsTable } from './recipients-table.tsx';

/** Saves a text as a file the browser downloads. */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function PauseNotice({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  if (campaign.status !== 'paused' || !campaign.pause) return null;
  const { reason, detail, detailCoded, resumeAt, resumesByItself } = campaign.pause;
  return (
    <div
      role="status"
      data-testid="pause-notice"
      className="mb-6 flex gap-3 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-400/20"
    >
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-semibold">{pauseReasonLabel(reason)}</p>
        <p className="mt-0.5">{sayCoded(detail, detailCoded)}</p>
        {resumesByItself ? (
          <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
            {resumeAt
              ? t('campaigns.detail.resumesAt', { when: formatDateTime(resumeAt) })
              : t('campaigns.detail.resumesSoon')}
          </p>
        ) : null}
      </div>
    </div>
  );
}

type Pending = 'cancel' | 'requeue' | null;

export function CampaignScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = trpc.campaigns.byId.useQuery({ id }, { retry: false });
  const pools = trpc.pools.list.useQuery();
  const { sessions } = useSessions();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const campaign = query.data;

  const onDone = (updated: Campaign) => {
    utils.campaigns.byId.setData({ id }, updated);
    void utils.campaigns.list.invalidate();
    setActionError(null);
  };
  const onError = (error: unknown) => setActionError(errorMessage(error));
  const pause = trpc.campaigns.pause.useMutation({ onSuccess: onDone, onError });
  const resume = trpc.campaigns.resume.useMutation({ onSuccess: onDone, onError });
  const start = trpc.campaigns.start.useMutation({ onSuccess: onDone, onError });
  const cancel = trpc.campaigns.cancel.useMutation({ onSuccess: onDone });
  const requeue = trpc.campaigns.requeueUnknown.useMutation({ onSuccess: (r) => onDone(r.campaign) });
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await utils.campaigns.export.fetch({ id });
      download(file.filename, file.csv);
    } catch (error) {
      onError(error);
    } finally {
      setExporting(false);
    }
  };

  if (query.isLoading) return <LoadingBlock label={t('campaigns.detail.loading')} />;
  if (!campaign)
    return (
      <EmptyState icon={CircleAlert} title={t('campaigns.detail.notFound')}>
        {errorCode(query.error) === 'NOT_FOUND'
          ? t('campaigns.detail.notFoundBody')
          : errorMessage(query.error)}
      </EmptyState>
    );

  const { status } = campaign;
  const actions = (
    <>
      {status === 'draft' || status === 'paused' ? (
        <Button
          icon={Pencil}
          onClick={() =>
            navigate({ name: 'campaign-edit', id, step: status === 'paused' ? 'message' : null })
          }
        >
          {t('campaigns.detail.edit')}
        </Button>
      ) : null}
      {status === 'scheduled' ? (
        <Button variant="primary" icon={Play} loading={start.isPending} onClick={() => start.mutate({ id })}>
          {t('campaigns.detail.startNow')}
        </Button>
      ) : null}
      {status === 'running' ? (
        <Button icon={Pause} loading={pause.isPending} onClick={() => pause.mutate({ id })}>
          {t('campaigns.detail.pause')}
        </Button>
      ) : null}
      {status === 'paused' ? (
        <Button
          variant="primary"
          icon={Play}
          loading={resume.isPending}
          onClick={() => resume.mutate({ id })}
        >
          {t('campaigns.detail.resume')}
        </Button>
      ) : null}
      {status === 'running' || status === 'paused' || status === 'scheduled' ? (
        <Button variant="danger-ghost" icon={XCircle} onClick={() => setPending('cancel')}>
          {t('campaigns.detail.cancel')}
        </Button>
      ) : null}
      {status !== 'draft' ? (
        <Button icon={Download} loading={exporting} onClick={() => void exportCsv()}>
          {t('campaigns.detail.export')}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <CampaignStream id={id} />
      <PageHeader title={campaign.name} badge={<CampaignStatusBadge status={status} />} action={actions}>
        <BackLink to={{ name: 'campaigns' }}>{t('campaigns.detail.back')}</BackLink>
        <p className="mb-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="me-1">{t('campaigns.detail.from')}</span>
          <SenderLabel campaign={campaign} sessions={sessions} pools={pools.data} />
        </p>
      </PageHeader>
      {actionError ? <ErrorNotice className="mb-6">{actionError}</ErrorNotice> : null}
      <PauseNotice campaign={campaign} />
      {campaign.counts.unknown > 0 ? (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-3 text-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
          <p className="text-zinc-700 dark:text-zinc-300">
            {t('campaigns.detail.unknown', { count: campaign.counts.unknown })}
          </p>
          <Button size="sm" icon={RotateCcw} onClick={() => setPending('requeue')}>
            {t('campaigns.detail.sendAgain')}
          </Button>
        </div>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ProgressCard campaign={campaign} />
        <div className="space-y-6">
          <AccountsCard campaign={campaign} sessions={sessions} />
          <MessageCard campaign={campaign} />
        </div>
      </div>
      <RecipientsTable campaignId={id} className="mt-6" />
      {pending === 'cancel' ? (
        <ConfirmDialog
          title={t('campaigns.detail.cancelTitle')}
          confirmLabel={t('campaigns.detail.cancelConfirm')}
          confirmIcon={XCircle}
          onConfirm={() =>
            cancel.mutateAsync({ id }).then(() => toast.success(t('campaigns.detail.cancelled')))
          }
          onClose={() => setPending(null)}
        >
          {t('campaigns.detail.cancelBody')}
        </ConfirmDialog>
      ) : null}
      {pending === 'requeue' ? (
        <ConfirmDialog
          title={t('campaigns.detail.requeueTitle')}
          confirmLabel={t('campaigns.detail.requeueConfirm')}
          confirmIcon={RotateCcw}
          onConfirm={() =>
            requeue
              .mutateAsync({ id })
              .then((r) => toast.success(t('campaigns.detail.requeued', { count: r.requeued })))
          }
          onClose={() => setPending(null)}
        >
          {t('campaigns.detail.requeueBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
