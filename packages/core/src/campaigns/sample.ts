import { campaignRecipients, type Db } from '@switchboard/db';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { type RecipientView, recipientView } from './views.ts';

/** The recipient a preview or a test send fills the wordings in for: the one named, else the first. */
export function sampleRecipient(
  db: Db,
  campaignId: string,
  recipientId: number | null,
): RecipientView | null {
  const row = db
    .select()
    .from(campaignRecipients)
    .where(
      recipientId === null
        ? eq(campaignRecipients.campaignId, campaignId)
        : and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.id, recipientId)),
    )
    .orderBy(asc(campaignRecipients.id))
    .limit(1)
    .get();
  if (!row && recipientId !== null) throw new AppError('NOT_FOUND', `Recipient ${recipientId} not found`);
  return row ? recipientView(row) : null;
}
