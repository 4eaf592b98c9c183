import { accounts, campaignRecipients, campaigns, type Db } from '@switchboard/db';
import { type CampaignStatus, csvCell, type RecipientState } from '@switchboard/validators';
import { and, asc, count, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { type Actor, hasScope } from '../access.ts';
import type { CampaignEvent } from '../events.ts';
import type { CampaignAccess } from './campaign-access.ts';
import { type CampaignView, type CampaignViews, type RecipientView, recipientView } from './views.ts';

/** Campaigns and their recipients as the actor may see them; the results as a CSV file. */
export class CampaignQueries {
  constructor(private readonly deps: { db: Db; campaignAccess: CampaignAccess; views: CampaignViews }) {}

  /** Newest first; filtered by status (one, or any of several) or by the account they send from. */
  list(
    actor: Actor,
    input: {
      status?: CampaignStatus | readonly CampaignStatus[] | null;
      sessionId?: string | null;
      limit: number;
      offset?: number;
    },
  ): { items: CampaignView[]; nextOffset: number | null } {
    const offset = input.offset ?? 0;
    const rows = this.deps.db
      .select()
      .from(campaigns)
      .where(
        and(
          this.deps.campaignAccess.filter(actor, 'campaigns:read'),
          statusIs(input.status),
          input.sessionId ? eq(campaigns.accountId, input.sessionId) : undefined,
        ),
      )
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(input.limit + 1)
      .offset(offset)
      .all();
    return {
      items: this.deps.views.many(rows.slice(0, input.limit)),
      nextOffset: rows.length > input.limit ? offset + input.limit : null,
    };
  }

  get(actor: Actor, id: string): CampaignView {
    return this.deps.views.one(this.deps.campaignAccess.campaign(actor, id, 'campaigns:read'));
  }

  /**
   * What a campaign event means for this actor: the campaign as it is now, that it was deleted, or nothing
   * (it may not see it). A deleted one is judged by its account or pool, which outlive it.
   */
  change(
    actor: Actor,
    event: Pick<CampaignEvent, 'campaignId' | 'sessionId' | 'poolId'>,
  ): { type: 'campaign'; campaign: CampaignView } | { type: 'deleted'; campaignId: string } | null {
    if (!hasScope(actor, 'campaigns:read')) return null;
    const row = this.deps.db.select().from(campaigns).where(eq(campaigns.id, event.campaignId)).get();
    if (row)
      return this.deps.campaignAccess.sees(actor, row, 'campaigns:read')
        ? { type: 'campaign', campaign: this.deps.views.one(row) }
        : null;
    const owner = { accountId: event.sessionId, poolId: event.poolId };
    return this.deps.campaignAccess.sees(actor, owner, 'campaigns:read')
      ? { type: 'deleted', campaignId: event.campaignId }
      : null;
  }

  /** In sending order; `search` matches the number's digits or the name, `state` one state. */
  recipients(
    actor: Actor,
    input: {
      id: string;
      state?: RecipientState | null;
      search?: string | null;
      limit: number;
      offset?: number;
    },
  ): { items: RecipientView[]; nextOffset: number | null; total: number } {
    const campaign = this.deps.campaignAccess.campaign(actor, input.id, 'campaigns:read');
    const search = input.search?.trim();
    const digits = search?.replace(/\D/g, '');
    const where = and(
      eq(campaignRecipients.campaignId, campaign.id),
      input.state ? eq(campaignRecipients.state, input.state) : undefined,
      search
        ? or(
            sql`${campaignRecipients.name} like ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
            ...(digits ? [like(campaignRecipients.phone, `%${digits}%`)] : []),
          )
        : undefined,
    );
    const offset = input.offset ?? 0;
    const rows = this.deps.db
      .select()
      .from(campaignRecipients)
      .where(where)
      .orderBy(asc(campaignRecipients.id))
      .limit(input.limit + 1)
      .offset(offset)
      .all();
    const total = this.deps.db.select({ n: count() }).from(campaignRecipients).where(where).get()?.n ?? 0;
    return {
      items: rows.slice(0, input.limit).map(recipientView),
      nextOffset: rows.length > input.limit ? offset + input.limit : null,
      total,
    };
  }

  /** Every recipient with what became of them, as a CSV file a spreadsheet opens. */
  export(actor: Actor, id: string): { filename: string; csv: string } {
    const campaign = this.deps.campaignAccess.campaign(actor, id, 'campaigns:read');
    const rows = this.deps.db
      .select({ recipient: campaignRecipients, phone: accounts.phone })
      .from(campaignRecipients)
      .leftJoin(accounts, eq(accounts.id, campaignRecipients.accountId))
      .where(eq(campaignRecipients.campaignId, campaign.id))
      .orderBy(asc(campaignRecipients.id))
      .all();
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r.recipient.variables)))].filter(
      (k) => k !== 'name',
    );
    const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
    const lines = [
      ['phone', 'name', 'state', 'sent_from', 'wording', 'sent_at', 'replied_at', 'error', ...keys].join(','),
      ...rows.map(({ recipient: r, phone }) =>
        [
          `+${r.phone}`,
          r.name,
          r.state,
          phone ? `+${phone}` : r.accountId,
          r.variant === null ? null : r.variant + 1,
          iso(r.claimedAt),
          iso(r.repliedAt),
          r.error,
          ...keys.map((k) => r.variables[k]),
        ]
          .map(csvCell)
          .join(','),
      ),
    ];
    const slug =
      campaign.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'campaign';
    return { filename: `${slug}-results.csv`, csv: `${lines.join('\r\n')}\r\n` };
  }
}

function statusIs(status: CampaignStatus | readonly CampaignStatus[] | null | undefined) {
  if (!status) return undefined;
  return typeof status === 'string' ? eq(campaigns.status, status) : inArray(campaigns.status, [...status]);
}
