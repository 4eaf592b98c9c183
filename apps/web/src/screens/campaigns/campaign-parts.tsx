import { ArrowLeft, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { SessionTag } from '../../components/session-select.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { CAMPAIGN_STATUS_META, type Counts, progressOf } from '../../lib/campaigns.ts';
import { formatCount } from '../../lib/format.ts';
import type { Route } from '../../lib/route.ts';
import type { Campaign, CampaignStatus, Pool, Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const meta = CAMPAIGN_STATUS_META[status];
  return (
    <span
      data-testid="campaign-status"
      data-status={status}
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE[meta.tone],
      )}
    >
      {status === 'running' ? (
        <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {meta.label}
    </span>
  );
}

/** Done out of all, as a bar with the numbers beside it. */
export function ProgressBar({ counts, className }: { counts: Counts; className?: string }) {
  const { t } = useTranslation();
  const { done, total, percent } = progressOf(counts);
  return (
    <div className={cx('flex items-center gap-3', className)}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={t('common.progress')}
        className="h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
      >
        <div
          className="h-full rounded-full bg-emerald-500 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {formatCount(done)} / {formatCount(total)}
      </span>
    </div>
  );
}

/** Who sends: the account (name, number, live status) or the pool's name. */
export function SenderLabel({
  campaign,
  sessions,
  pools,
}: {
  campaign: Pick<Campaign, 'sessionId' | 'poolId'>;
  sessions: readonly Session[] | undefined;
  pools: readonly Pool[] | undefined;
}) {
  const { t } = useTranslation();
  if (campaign.poolId) {
    const pool = pools?.find((p) => p.id === campaign.poolId);
    return (
      <span className="inline-flex min-w-0 items-center gap-1.5">
        <Users aria-hidden className="size-3.5 shrink-0 text-zinc-500" />
        <span className="truncate font-medium text-zinc-800 dark:text-zinc-200">
          {pool ? pool.name : t('campaigns.pool')}
        </span>
        {pool ? (
          <span className="shrink-0 text-zinc-500">
            {t('campaigns.poolAccounts', { count: pool.sessionIds.length })}
          </span>
        ) : null}
      </span>
    );
  }
  const session = sessions?.find((s) => s.id === campaign.sessionId);
  return session ? (
    <SessionTag session={session} />
  ) : (
    <bdi dir="ltr" className="text-zinc-500">
      {campaign.sessionId}
    </bdi>
  );
}

/** The way back, above a page's title. */
export function BackLink({ to, children }: { to: Route; children: ReactNode }) {
  return (
    <Link
      to={to}
      className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <ArrowLeft aria-hidden className="size-4 rtl:-scale-x-100" />
      {children}
    </Link>
  );
}
