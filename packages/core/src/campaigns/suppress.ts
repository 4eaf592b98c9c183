import {
  campaignRecipients,
  campaigns,
  type Db,
  poolAccounts,
  type SuppressionSource,
  suppressions,
} from '@switchboard/db';
import { FINISHED_CAMPAIGN_STATUSES, said } from '@switchboard/validators';
import { and, eq, inArray, notInArray, or } from 'drizzle-orm';

/** Why a recipient is never messaged: the number opted out of the account's campaigns. */
export const OPTED_OUT = said('On the opt-out list', 'message.opted_out');

/**
 * In one transaction: adds numbers to an account's opt-out list, and marks them opted out in every unfinished
 * campaign of the account (its own and its pools') still to reach them. Returns the numbers new to the list
 * and the campaigns that changed.
 */
export function suppressNumbers(
  db: Db,
  input: { accountId: string; phones: string[]; source: SuppressionSource; note: string | null },
): { added: string[]; touched: Set<string> } {
  const { accountId, phones, source, note } = input;
  const now = Date.now();
  const added: string[] = [];
  const touched = new Set<string>();
  db.transaction(() => {
    for (const phone of phones) {
      const inserted = db
        .insert(suppressions)
        .values({ accountId, phone, source, note, createdAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes > 0) added.push(phone);
    }
    const ofAccount = db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(
          notInArray(campaigns.status, [...FINISHED_CAMPAIGN_STATUSES]),
          or(
            eq(campaigns.accountId, accountId),
            inArray(
              campaigns.poolId,
              db
                .select({ id: poolAccounts.poolId })
                .from(poolAccounts)
                .where(eq(poolAccounts.accountId, accountId)),
            ),
          ),
        ),
      );
    for (let i = 0; i < phones.length; i += 500) {
      const rows = db
        .update(campaignRecipients)
        .set({ state: 'opted_out', error: OPTED_OUT.text, errorCoded: OPTED_OUT.coded, updatedAt: now })
        .where(
          and(
            inArray(campaignRecipients.phone, phones.slice(i, i + 500)),
            eq(campaignRecipients.state, 'pending'),
            inArray(campaignRecipients.campaignId, ofAccount),
          ),
        )
        .returning({ campaignId: campaignRecipients.campaignId })
        .all();
      for (const r of rows) touched.add(r.campaignId);
    }
  });
  return { added, touched };
}
