import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { TONE_DOT } from '../../components/tone.ts';
import { formatDuration, RECIPIENT_STATE_META, reached } from '../../lib/campaigns.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import type { Campaign } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { ProgressBar } from './campaign-parts.tsx';

const SHOWN = ['pending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'opted_out', 'unknown'] as const;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd> : null}
    </div>
  );
}

/** Where the campaign stands: the bar, counts by state, the pace and when it should be done. */
export function ProgressCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const { counts } = campaign;
  const eta = campaign.estimatedFinishAt;
  const finished = campaign.status === 'completed' || campaign.status === 'cancelled';
  return (
    <Card aria-labelledby="progress-title">
      <CardHeader title={t('campaigns.progress.title')} id="progress-title" />
      <div className="space-y-5 px-5 py-4">
        <ProgressBar counts={counts} />
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label={t('campaigns.progress.byState')}>
          {SHOWN.map((state) => (
            <li
              key={state}
              data-testid={`count-${state}`}
              className="flex items-center justify-between gap-2 rounded-lg bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-800/60"
            >
              <span className="flex items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
                <span
                  aria-hidden
                  className={cx('size-2 rounded-full', TONE_DOT[RECIPIENT_STATE_META[state].tone])}
                />
                {RECIPIENT_STATE_META[state].label}
              </span>
              <span className="font-semibold tabular-nums">{formatCount(counts[state])}</span>
            </li>
          ))}
        </ul>
        <dl className="grid grid-cols-2 gap-4 border-t border-zinc-100 pt-4 sm:grid-cols-4 dark:border-zinc-800">
          <Figure label={t('campaigns.progress.reached')} value={formatCount(reached(counts))} />
          <Figure label={t('campaigns.progress.replied')} value={formatCount(counts.replied)} />
          <Figure
            label={t('campaigns.progress.lastHour')}
            value={t('campaigns.progress.perHour', { rate: formatCount(campaign.perHour) })}
          />
          {finished ? (
            <Figure
              label={
                campaign.status === 'completed'
                  ? t('campaigns.progress.completed')
                  : t('campaigns.progress.ended')
              }
              value={campaign.completedAt ? formatDateTime(campaign.completedAt) : '—'}
            />
          ) : (
            <Figure
              label={t('campaigns.progress.doneIn')}
              value={eta ? formatDuration(Math.max(0, eta - now)) : '—'}
              hint={
                eta
                  ? campaign.pacing.window
                    ? t('campaigns.progress.byInHours', { when: formatDateTime(eta) })
                    : t('campaigns.progress.by', { when: formatDateTime(eta) })
                  : undefined
              }
            />
          )}
        </dl>
      </div>
    </Card>
  );
}
