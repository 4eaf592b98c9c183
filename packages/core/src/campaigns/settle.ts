import { type Campaign, type CampaignRecipient, campaigns, type Db } from '@switchboard/db';
import { coded, plainText, type Said } from '@switchboard/validators';
import { eq, sql } from 'drizzle-orm';
import type { SendResult } from '../messages/service.ts';
import type { RecipientLedger } from './recipients.ts';
import type { CampaignStore } from './store.ts';

/**
 * What a send's end means for the campaign: `sent`, `failed` (counts towards the failure streak), `later`
 * (never reached WhatsApp: the recipient waits again) or `skipped` (not a failure, not a message either).
 */
export type SendEnd = 'sent' | 'failed' | 'later' | 'skipped';

/** Records on the recipient (and the campaign's failure streak) how its message's send ended. */
export function settleSend(
  deps: { db: Db; store: CampaignStore },
  ledger: RecipientLedger,
  campaign: Campaign,
  recipient: CampaignRecipient,
  result: SendResult,
): SendEnd {
  const reason = result.reason;
  const error: Said | null = result.error
    ? { text: result.error, coded: result.errorCoded ?? plainText(result.error).coded }
    : null;
  if (result.outcome === 'sent') {
    ledger.advance(recipient.id, 'sent', null);
    if (campaign.failureStreak > 0)
      deps.db.update(campaigns).set({ failureStreak: 0 }).where(eq(campaigns.id, campaign.id)).run();
    return 'sent';
  }
  if (result.outcome === 'unknown') {
    ledger.advance(recipient.id, 'unknown', error);
  } else if (reason === 'not_connected' || reason === 'reach_out_limited') {
    // Never reached WhatsApp: it is sent later, when the account can (the next look pauses the campaign).
    ledger.release(recipient.id, error);
    return 'later';
  } else if (reason === 'not_on_whatsapp' || reason === 'no_lid') {
    ledger.advance(recipient.id, 'skipped', error);
    return 'skipped';
  } else {
    ledger.advance(recipient.id, 'failed', error);
  }
  return 'failed';
}

/** Counts one more failure in a row; at the campaign's limit it pauses, saying what failed last. */
export function countFailure(
  deps: { db: Db; store: CampaignStore },
  campaignId: string,
  result: SendResult,
): void {
  const streak = deps.db
    .update(campaigns)
    .set({ failureStreak: sql`${campaigns.failureStreak} + 1` })
    .where(eq(campaigns.id, campaignId))
    .returning()
    .get();
  if (streak?.status !== 'running' || streak.failureStreak < streak.pacing.failureStreak) return;
  const cause = result.error ? (result.errorCoded ?? plainText(result.error).coded) : null;
  deps.store.transition(streak, 'paused', {
    reason: 'failure_streak',
    detail: `${streak.failureStreak} messages in a row failed (the last: ${result.error ?? 'no reason given'}). Check the account and the numbers, then resume.`,
    detailCoded: {
      ...coded('campaign.failure_streak', { streak: streak.failureStreak }),
      cause: cause ?? coded('message.reported_failed'),
    },
    until: null,
  });
}
