import { Check, CircleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { CAMPAIGN_STEPS, type CampaignStep } from '../../lib/route.ts';
import type { Campaign } from '../../lib/types.ts';
import { Link, navigate } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { AccountStep } from './account-step.tsx';
import { AudienceStep } from './audience-step.tsx';
import { BackLink } from './campaign-parts.tsx';
import { MessageStep } from './message-step.tsx';
import { PacingStep } from './pacing-step.tsx';
import { ReviewStep } from './review-step.tsx';

/** Where a step's "continue" leads. */
export function goToStep(id: string, step: CampaignStep) {
  navigate({ name: 'campaign-edit', id, step });
}

export const nextStep = (step: CampaignStep): CampaignStep =>
  CAMPAIGN_STEPS[Math.min(CAMPAIGN_STEPS.indexOf(step) + 1, CAMPAIGN_STEPS.length - 1)] ?? 'review';

function Stepper({ id, current }: { id: string | null; current: CampaignStep }) {
  const { t } = useTranslation();
  const index = CAMPAIGN_STEPS.indexOf(current);
  return (
    <nav aria-label={t('editor.steps.nav')} className="mb-6">
      <ol className="flex flex-wrap gap-2">
        {CAMPAIGN_STEPS.map((step, i) => {
          const done = i < index;
          const content = (
            <>
              <span
                aria-hidden
                className={cx(
                  'flex size-6 items-center justify-center rounded-full text-xs font-semibold',
                  step === current
                    ? 'bg-emerald-600 text-white dark:bg-emerald-500 dark:text-emerald-950'
                    : done
                      ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
                      : 'bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400',
                )}
              >
                {done ? <Check className="size-3.5" /> : i + 1}
              </span>
              {t(`editor.steps.${step}`)}
            </>
          );
          const className = cx(
            'flex items-center gap-2 rounded-full py-1 ps-1 pe-3 text-sm font-medium',
            step === current
              ? 'bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10'
              : 'text-zinc-600 dark:text-zinc-400',
          );
          return (
            <li key={step}>
              {id ? (
                <Link
                  to={{ name: 'campaign-edit', id, step }}
                  className={cx(
                    className,
                    step !== current && 'hover:text-zinc-900 dark:hover:text-zinc-100',
                  )}
                  aria-current={step === current ? 'step' : undefined}
                >
                  {content}
                </Link>
              ) : (
                <span className={className} aria-current={step === current ? 'step' : undefined}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepBody({ campaign, step }: { campaign: Campaign; step: CampaignStep }) {
  switch (step) {
    case 'account':
      return <AccountStep campaign={campaign} />;
    case 'audience':
      return <AudienceStep campaign={campaign} />;
    case 'message':
      return <MessageStep campaign={campaign} />;
    case 'pacing':
      return <PacingStep campaign={campaign} />;
    case 'review':
      return <ReviewStep campaign={campaign} />;
  }
}

/**
 * The creation flow, account → audience → message → pacing → review. The first step creates the draft; every
 * later one saves it, so an operator can leave and come back to any step.
 */
export function CampaignEditor({ id, step }: { id: string | null; step: CampaignStep | null }) {
  const { t } = useTranslation();
  const query = trpc.campaigns.byId.useQuery({ id: id ?? '' }, { enabled: id !== null, retry: false });
  const current: CampaignStep = id === null ? 'account' : (step ?? 'audience');
  const campaign = query.data;

  const header = (
    <PageHeader
      title={campaign ? campaign.name : t('editor.newCampaign')}
      description={t('editor.description')}
    >
      <BackLink to={campaign ? { name: 'campaign', id: campaign.id } : { name: 'campaigns' }}>
        {campaign ? t('editor.backToCampaign') : t('editor.backToCampaigns')}
      </BackLink>
    </PageHeader>
  );

  if (id === null)
    return (
      <>
        {header}
        <Stepper id={null} current="account" />
        <AccountStep campaign={null} />
      </>
    );
  if (query.isLoading) return <LoadingBlock label={t('campaigns.detail.loading')} />;
  if (!campaign)
    return (
      <EmptyState icon={CircleAlert} title={t('campaigns.detail.notFound')}>
        {errorCode(query.error) === 'NOT_FOUND'
          ? t('campaigns.detail.notFoundBody')
          : errorMessage(query.error)}
      </EmptyState>
    );
  if (campaign.status !== 'draft' && campaign.status !== 'paused')
    return (
      <EmptyState
        icon={CircleAlert}
        title={t('editor.locked')}
        action={
          <Link
            to={{ name: 'campaign', id: campaign.id }}
            className="text-sm font-medium text-emerald-700 hover:underline"
          >
            {t('editor.open')}
          </Link>
        }
      >
        {t('editor.lockedBody')}
      </EmptyState>
    );
  return (
    <>
      {header}
      <Stepper id={campaign.id} current={current} />
      <StepBody campaign={campaign} step={current} />
    </>
  );
}
