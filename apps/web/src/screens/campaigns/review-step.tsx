import { CalendarClock } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { takesCaption } from '../../lib/attachment.ts';
import { formatDuration } from '../../lib/campaigns.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
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
    if (when === null || when <= Date.now()) return setError('Choose a time in the future.');
    schedule.mutate({ id: campaign.id, at: when });
  };

  return (
    <StepCard
      title="Review"
      description="Check it once more. Starting sends the first message at once (within sending hours)."
      submitLabel={paused ? 'Save and resume' : 'Start now'}
      busy={start.isPending || resume.isPending}
      disabled={recipients === 0 || (campaign.variants.length === 0 && !campaign.media)}
      error={error}
      onSubmit={() => (paused ? resume.mutate({ id: campaign.id }) : start.mutate({ id: campaign.id }))}
    >
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row label="From">
          <SenderLabel campaign={campaign} sessions={sessions} pools={pools.data} />
        </Row>
        <Row label="Recipients">
          <span className="font-medium tabular-nums" data-testid="review-recipients">
            {recipients.toLocaleString('en')}
          </span>
          {counts.opted_out > 0 ? (
            <span className="text-zinc-500"> · {counts.opted_out} opted out, left out</span>
          ) : null}
          {campaign.checkNumbers ? (
            <span className="text-zinc-500"> · numbers checked on WhatsApp first</span>
          ) : null}
        </Row>
        <Row label="Message">
          {campaign.variants.length === 0 ? (
            campaign.media ? (
              <span className="text-zinc-700 dark:text-zinc-300">The file alone, without a wording.</span>
            ) : (
              <span className="text-red-700 dark:text-red-400">No wording yet.</span>
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
          <Row label="File">
            <div className="space-y-2">
              <p className="text-zinc-700 dark:text-zinc-300" data-testid="review-file">
                {fileSummary(campaign.media)}
                {campaign.variants.length > 0 && takesCaption(campaign.media.type)
                  ? ', with the wording as its caption'
                  : ''}
              </p>
              <div className="max-w-48">
                <CampaignFile media={campaign.media} />
              </div>
            </div>
          </Row>
        ) : null}
        <Row label="Pacing">
          {pacing.minGapSeconds}–{pacing.maxGapSeconds} s between messages
          {pacing.batchSize > 0 ? `, ${pacing.batchPauseMinutes} min pause every ${pacing.batchSize}` : ''}
          {pacing.window
            ? `, ${pacing.window.start}–${pacing.window.end} (${pacing.window.timeZone})`
            : ', at any hour'}
          , at most {pacing.dailyCap} a day{pacing.warmup ? ' (less while warming up)' : ''}
        </Row>
        <Row label="Takes about">
          <span className="font-medium" data-testid="review-duration">
            {eta ? formatDuration(eta - Date.now()) : '—'}
          </span>
          {eta ? (
            <span className="text-zinc-500"> · done by {formatDateTime(eta)} if started now</span>
          ) : null}
        </Row>
      </dl>
      {campaign.warnings.length > 0 ? (
        <ErrorNotice>Looser than the safe defaults: {campaign.warnings.join(' ')}</ErrorNotice>
      ) : null}
      {paused ? null : (
        <div className="flex flex-col gap-3 rounded-xl bg-zinc-50 p-4 sm:flex-row sm:items-end dark:bg-zinc-800/60">
          <div className="flex-1">
            <TextField
              label="Or start at"
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
            Schedule
          </Button>
        </div>
      )}
    </StepCard>
  );
}
