import { Ban, Megaphone, Plus, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { pauseReasonLabel } from '../../lib/campaigns.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Campaign } from '../../lib/types.ts';
import { CampaignStream } from '../../live/campaign-stream.tsx';
import { useNow } from '../../live/use-now.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { CampaignStatusBadge, ProgressBar, SenderLabel } from './campaign-parts.tsx';

export const primaryLink = buttonClass('primary');
export const secondaryLink = buttonClass('secondary');

function NextStep({ campaign, now }: { campaign: Campaign; now: number }) {
  const { t } = useTranslation();
  if (campaign.status === 'paused' && campaign.pause)
    return (
      <span className="text-amber-700 dark:text-amber-400">{pauseReasonLabel(campaign.pause.reason)}</span>
    );
  if (campaign.status === 'completed' && campaign.completedAt)
    return <span>{t('campaigns.list.finished', { when: formatRelative(campaign.completedAt, now) })}</span>;
  if (campaign.nextSendAt && (campaign.status === 'running' || campaign.status === 'scheduled'))
    return (
      <span>
        {campaign.nextSendAt <= now + 60_000
          ? t('campaigns.list.nextSoon')
          : t('campaigns.list.nextAt', { when: formatDateTime(campaign.nextSendAt) })}
      </span>
    );
  if (campaign.status === 'draft')
    return <span>{t('campaigns.list.edited', { when: formatRelative(campaign.updatedAt, now) })}</span>;
  return <span>—</span>;
}

export function CampaignsScreen() {
  const { t } = useTranslation();
  const list = trpc.campaigns.list.useQuery({ limit: 100, offset: 0 });
  const pools = trpc.pools.list.useQuery();
  const { sessions } = useSessions();
  const now = useNow(30_000);
  const campaigns = list.data?.items;

  const newLink = (
    <Link to={{ name: 'campaign-edit', id: null, step: null }} className={primaryLink}>
      <Plus aria-hidden className="size-4" />
      {t('campaigns.list.new')}
    </Link>
  );

  return (
    <>
      <CampaignStream />
      <PageHeader
        title={t('campaigns.list.title')}
        description={t('campaigns.list.description')}
        action={
          <>
            <Link to={{ name: 'opt-outs', sessionId: null }} className={secondaryLink}>
              <Ban aria-hidden className="size-4" />
              {t('campaigns.list.optOuts')}
            </Link>
            <Link to={{ name: 'pools' }} className={secondaryLink}>
              <Users aria-hidden className="size-4" />
              {t('campaigns.list.pools')}
            </Link>
            {campaigns && campaigns.length > 0 ? newLink : null}
          </>
        }
      />
      {list.error ? <ErrorNotice>{errorMessage(list.error)}</ErrorNotice> : null}
      {list.isLoading ? <LoadingBlock label={t('campaigns.list.loading')} /> : null}
      {campaigns && campaigns.length === 0 ? (
        <EmptyState icon={Megaphone} title={t('campaigns.list.emptyTitle')} action={newLink}>
          {t('campaigns.list.emptyBody')}
        </EmptyState>
      ) : null}
      {campaigns && campaigns.length > 0 ? (
        <Card className="overflow-hidden">
          <table className="w-full table-fixed text-start text-sm" aria-label={t('campaigns.list.title')}>
            <thead className="border-b border-zinc-100 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th className="px-5 py-3 font-medium">{t('campaigns.list.campaign')}</th>
                <th className="hidden w-64 px-3 py-3 font-medium md:table-cell">
                  {t('campaigns.list.from')}
                </th>
                <th className="w-40 px-3 py-3 font-medium sm:w-56">{t('campaigns.list.progress')}</th>
                <th className="hidden w-52 px-5 py-3 font-medium lg:table-cell">
                  {t('campaigns.list.next')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {campaigns.map((c) => (
                <tr key={c.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                  <td className="px-5 py-3.5">
                    <div className="flex min-w-0 items-center gap-2">
                      <Link
                        to={
                          c.status === 'draft'
                            ? { name: 'campaign-edit', id: c.id, step: null }
                            : { name: 'campaign', id: c.id }
                        }
                        className="truncate font-medium text-zinc-900 hover:underline dark:text-zinc-100"
                      >
                        {c.name}
                      </Link>
                      <CampaignStatusBadge status={c.status} />
                    </div>
                  </td>
                  <td className="hidden px-3 py-3.5 md:table-cell">
                    <div className="flex min-w-0">
                      <SenderLabel campaign={c} sessions={sessions} pools={pools.data} />
                    </div>
                  </td>
                  <td className="px-3 py-3.5">
                    <ProgressBar counts={c.counts} />
                  </td>
                  <td className="hidden px-5 py-3.5 text-xs text-zinc-600 lg:table-cell dark:text-zinc-400">
                    <NextStep campaign={c} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
