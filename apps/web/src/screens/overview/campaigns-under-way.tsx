import { ArrowUpRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { pauseReasonLabel, RECIPIENT_STATE_META } from '../../lib/campaigns.ts';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount } from '../../lib/format.ts';
import type { Campaign, CampaignRecipient } from '../../lib/types.ts';
import { CampaignStream } from '../../live/campaign-stream.tsx';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { CampaignStatusBadge, ProgressBar } from '../campaigns/campaign-parts.tsx';

/** The most the Overview lists; the campaigns screen has the rest. */
const SHOWN = 5;

/** Recipient states in the order a message goes through them, then the ways it may end elsewhere. */
const STATES: Array<CampaignRecipient['state']> = [
  'pending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'skipped',
  'opted_out',
];

/**
 * Running and paused campaigns (of one account, or all), live: their progress, their recipients by state and
 * why a paused one waits. Nothing is shown while there are none.
 */
export function CampaignsUnderWay({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  const list = trpc.campaigns.list.useQuery({ status: ['running', 'paused'], sessionId, limit: SHOWN });
  const campaigns = list.data?.items;
  const shown = Boolean(list.error) || (campaigns?.length ?? 0) > 0;

  const more =
    list.data?.nextOffset != null ? (
      <Link
        to={{ name: 'campaigns' }}
        className="text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400"
      >
        {t('overview.campaigns.all')}
      </Link>
    ) : null;

  return (
    <>
      <CampaignStream />
      {shown ? (
        <Card aria-labelledby="campaigns-under-way-title">
          <CardHeader title={t('overview.campaigns.title')} id="campaigns-under-way-title" action={more} />
          {list.error ? (
            <div className="p-5">
              <ErrorNotice>{errorMessage(list.error)}</ErrorNotice>
            </div>
          ) : null}
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {campaigns?.map((c) => (
              <CampaignRow key={c.id} campaign={c} />
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}

function CampaignRow({ campaign: c }: { campaign: Campaign }) {
  // Subscribed to the language: the state and pause labels are read from the catalogue shown now.
  useTranslation();
  const states = STATES.filter((state) => c.counts[state] > 0);
  return (
    <li className="px-5 py-4" data-testid="campaign-under-way" data-campaign-id={c.id}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-1 items-center gap-2">
          <Link
            to={{ name: 'campaign', id: c.id }}
            className="group inline-flex min-w-0 items-center gap-1 font-medium text-zinc-900 hover:underline dark:text-zinc-100"
          >
            <span className="truncate">{c.name}</span>
            <ArrowUpRight aria-hidden className="size-4 shrink-0 text-zinc-400 rtl:-scale-x-100" />
          </Link>
          <CampaignStatusBadge status={c.status} />
        </div>
        <ProgressBar counts={c.counts} className="w-full sm:w-72" />
      </div>
      {states.length > 0 ? (
        <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs" data-testid="campaign-counts">
          {states.map((state) => (
            <div key={state} className="flex gap-1">
              <dt className="text-zinc-500 dark:text-zinc-400">{RECIPIENT_STATE_META[state].label}</dt>
              <dd className="font-medium tabular-nums">{formatCount(c.counts[state])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {c.pause ? (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-300" data-testid="campaign-pause">
          <span className="font-medium">{pauseReasonLabel(c.pause.reason)}</span>
          {c.pause.detail ? ` · ${sayCoded(c.pause.detail, c.pause.detailCoded)}` : ''}
        </p>
      ) : null}
    </li>
  );
}
