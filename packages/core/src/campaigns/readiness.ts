import { type Campaign, campaignRecipients, type Db } from '@switchboard/db';
import { pacingProblems, renderTemplate, templateProblem } from '@switchboard/validators';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { CampaignStore } from './store.ts';
import { valuesOf } from './views.ts';

/**
 * Whether a campaign can start: an account to send from, wordings that fill in, a usable pacing, someone to
 * send to, and no message too long once filled in for its recipient. Throws naming the first problem.
 */
export function checkReady(db: Db, store: CampaignStore, campaign: Campaign, maxTextLength: number): void {
  if (store.accountIdsOf(campaign).length === 0)
    throw new AppError('PRECONDITION_FAILED', 'The campaign has no account to send from: choose one');
  if (campaign.variants.every((v) => !v.trim())) throw new AppError('BAD_REQUEST', 'Write the message first');
  for (const [i, v] of campaign.variants.entries()) {
    const problem = templateProblem(v);
    if (problem) throw new AppError('BAD_REQUEST', `Wording ${i + 1}: ${problem}`);
  }
  const problems = pacingProblems(campaign.pacing);
  if (problems.length > 0) throw new AppError('BAD_REQUEST', problems.join(' '));
  const pending = db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.state, 'pending')))
    .all();
  if (pending.length === 0)
    throw new AppError('BAD_REQUEST', 'The campaign has nobody to send to: add recipients');
  for (const r of pending)
    for (const [i, v] of campaign.variants.entries()) {
      const length = renderTemplate(v, valuesOf(r)).length;
      if (length > maxTextLength)
        throw new AppError(
          'BAD_REQUEST',
          `Wording ${i + 1} filled in for +${r.phone}: Message text is ${length} characters long; the limit is ${maxTextLength}`,
        );
    }
}
