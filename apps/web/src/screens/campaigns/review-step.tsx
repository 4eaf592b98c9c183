import { CalendarClock } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { takesCaption } from '../../lib/attachment.ts';
import { formatDuration } from '../../lib/campaigns.ts';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import type { Campaign } from '../../lib/types.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { navigate } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { CampaignFile, fileSummary } from './campaign-file.tsx';
import { SenderLabel } from './campaign-parts.tsx';
import { StepCard } from './step-card.tsx';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/** "2025-05-01T09:30" in the browser's time zone → ms since epoch, or null. */
const fromLocalInput = (value: string) => {
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
};

/** Everything at a glance with the estimated duration; start now or at a time. */
export function ReviewStep({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { sessions } = useSessions();
  const pools = trpc.pools.list.useQuery();
  const utils = trpc.useUtils();
  const [at, setAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const opened = (c: Campaign) => {
    utils.campaigns.byId.setData({ id: c.id }, c);
    void utils.campaigns.list.invalidate();
    navigate({ name: 'campaign', id: c.id });
  };
  const onError = (e: unknown) => setError(errorMessage(e));
  const start = trpc.campaigns.start.useMutation({ onSuccess: opened, onError });
  const resume = trpc.campaigns.resume.useMutation({ onSuccess: opened, onError });
  const schedule = trpc.campaigns.schedule.useMutation({ onSuccess: opened, onError });
  const { pacing, counts } = campaign;
  const recipients = counts.total - counts.opted_out - counts.skipped;
  const eta = campaign.estimatedFinishAt;
  const paused = campaign.status === 'paused';

  const scheduleAt = () => {
    const when = fromLocalInput(at);
    if (when === null || when <= Date.now()) return setError(t('editor.review.futureTime'));
    schedule.mutate({ id: campaign.id, at: when });
  };

  return (
    <StepCard
      title={t('editor.review.title')}
      description={t('editor.review.description')}
      submitLabel={paused ? t('editor.review.saveAndResume') : t('editor.review.startNow')}
      busy={start.isPending || resume.isPending}
      disabled={recipients === 0 || (campaign.variants.length === 0 && !campaign.media)}
      error={error}
      onSubmit={() => (paused ? resume.mutate({ id: campaign.id }) : start.mutate({ id: campaign.id }))}
    >
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row label={t('editor.review.from')}>
          <SenderLabel campaign={campaign} sessions={sessions} pools={pools.data} />
        </Row>
        <Row label={t('editor.review.recipients')}>
          <span className="font-medium tabular-nums" data-testid="review-recipients">
            {formatCount(recipients)}
          </span>
          {counts.opted_out > 0 ? (
            <span className="text-zinc-500">{t('editor.review.optedOut', { count: counts.opted_out })}</span>
          ) : null}
          {campaign.checkNumbers ? <span className="text-zinc-500">{t('editor.review.checked')}</span> : null}
        </Row>
        <Row label={t('editor.review.message')}>
          {campaign.variants.length === 0 ? (
            campaign.media ? (
              <span className="text-zinc-700 dark:text-zinc-300">{t('editor.review.fileAlone')}</span>
            ) : (
              <span className="text-red-700 dark:text-red-400">{t('editor.review.noWording')}</span>
            )
          ) : (
            <ul className="space-y-1.5">
              {campaign.variants.map((v, i) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: the saved wordings, in their order
                  key={i}
                  className="line-clamp-2 whitespace-pre-wrap text-zinc-700 dark:text-zinc-300"
                >
                  {v}
                </li>
              ))}
            </ul>
          )}
        </Row>
        {campaign.media ? (
          <Row label={t('editor.review.file')}>
            <div className="space-y-2">
              <p className="text-zinc-700 dark:text-zinc-300" data-testid="review-file">
                {fileSummary(campaign.media)}
                {campaign.variants.length > 0 && takesCaption(campaign.media.type)
                  ? t('editor.review.asCaption')
                  : ''}
              </p>
              <div className="max-w-48">
                <CampaignFile media={campaign.media} />
              </div>
            </div>
          </Row>
        ) : null}
        <Row label={t('editor.review.pacing')}>
          {t('editor.review.gaps', {
            min: formatCount(pacing.minGapSeconds),
            max: formatCount(pacing.maxGapSeconds),
          })}
          {pacing.batchSize > 0
            ? t('editor.review.batches', {
                minutes: formatCount(pacing.batchPauseMinutes),
                size: formatCount(pacing.batchSize),
              })
            : ''}
          {pacing.window
            ? t('editor.review.window', {
                start: pacing.window.start,
                end: pacing.window.end,
                timeZone: pacing.window.timeZone,
              })
            : t('editor.review.anyHour')}
          {t('editor.review.cap', { cap: formatCount(pacing.dailyCap) })}
          {pacing.warmup ? t('editor.review.warmup') : ''}
        </Row>
        <Row label={t('editor.review.takes')}>
          <span className="font-medium" data-testid="review-duration">
            {eta ? formatDuration(eta - Date.now()) : '—'}
          </span>
          {eta ? (
            <span className="text-zinc-500">{t('editor.review.doneBy', { when: formatDateTime(eta) })}</span>
          ) : null}
        </Row>
      </dl>
      {campaign.warnings.length > 0 ? (
        <ErrorNotice>
          {t('editor.review.looser', {
            warnings: campaign.warnings.map((w, i) => sayCoded(w, campaign.warningsCoded[i])).join(' '),
          })}
        </ErrorNotice>
      ) : null}
      {paused ? null : (
        <div className="flex flex-col gap-3 rounded-xl bg-zinc-50 p-4 sm:flex-row sm:items-end dark:bg-zinc-800/60">
          <div className="flex-1">
            <TextField
              label={t('editor.review.startAt')}
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          </div>
          <Button
            icon={CalendarClock}
            loading={schedule.isPending}
            disabled={!at || recipients === 0}
            onClick={scheduleAt}
          >
            {t('editor.review.schedule')}
          </Button>
        </div>
      )}
    </StepCard>
  );
}
