import { type Campaign, campaignRecipients, type Db } from '@switchboard/db';
import { pacingProblems, renderTemplate, templateProblem } from '@switchboard/validators';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { MediaService } from '../media/service.ts';
import { checkWordingsFit, currentFile, wordingLimit } from './campaign-media.ts';
import type { CampaignStore } from './store.ts';
import { valuesOf } from './views.ts';

/**
 * Whether a campaign can start: an account to send from, wordings that fill in (none needed with a file), a
 * usable pacing, someone to send to, and no message (or caption) too long once filled in for its recipient.
 * Throws naming the first problem.
 */
export function checkReady(
  {
    db,
    store,
    media,
    maxTextLength,
  }: { db: Db; store: CampaignStore; media: MediaService; maxTextLength: number },
  campaign: Campaign,
): void {
  const accountIds = store.accountIdsOf(campaign);
  if (accountIds.length === 0)
    throw new AppError('PRECONDITION_FAILED', 'The campaign has no account to send from: choose one');
  if (currentFile(media, campaign, accountIds)) checkWordingsFit(campaign.mediaType, campaign.variants);
  else if (campaign.variants.every((v) => !v.trim()))
    throw new AppError('BAD_REQUEST', 'Write the message first');
  for (const [i, v] of campaign.variants.entries()) {
    if (campaign.mediaId && !v.trim()) continue;
    const problem = templateProblem(v);
    if (problem) throw new AppError('BAD_REQUEST', `Wording ${i + 1}: ${problem.text}`);
  }
  const problems = pacingProblems(campaign.pacing);
  if (problems.length > 0) throw new AppError('BAD_REQUEST', problems.map((p) => p.text).join(' '));
  const pending = db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.state, 'pending')))
    .all();
  if (pending.length === 0)
    throw new AppError('BAD_REQUEST', 'The campaign has nobody to send to: add recipients');
  const limit = wordingLimit(campaign, maxTextLength);
  const what = campaign.mediaId ? 'The caption' : 'Message text';
  for (const r of pending)
    for (const [i, v] of campaign.variants.entries()) {
      const length = renderTemplate(v, valuesOf(r)).length;
      if (length > limit)
        throw new AppError(
          'BAD_REQUEST',
          `Wording ${i + 1} filled in for +${r.phone}: ${what} is ${length} characters long; the limit is ${limit}`,
        );
    }
}
