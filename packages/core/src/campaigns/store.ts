import { type Campaign, campaignRecipients, campaigns, type Db, poolAccounts } from '@switchboard/db';
import {
  type CampaignStatus,
  type Coded,
  coded,
  type PauseReason,
  RECIPIENT_STATES,
  type RecipientState,
} from '@switchboard/validators';
import { and, count, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';

export type RecipientCounts = Record<RecipientState, number> & { total: number; replied: number };

/** Why a campaign cannot send right now, for people; `until` when it ends by itself, if known. */
export interface Blocker {
  reason: PauseReason;
  detail: string;
  /** `detail` as a code with its values, for the dashboard to say in the operator's language. */
  detailCoded: Coded;
  until: number | null;
}

/**
 * Of the reasons a campaign's accounts cannot send, the one to pause with: one that ends by itself soonest,
 * else the first.
 */
export function mainBlocker(blockers: Blocker[]): Blocker {
  if (blockers.length === 0)
    return {
      reason: 'disconnected',
      detail: 'The campaign has no account to send from: its session or every session of its pool is gone.',
      detailCoded: coded('campaign.no_account'),
      until: null,
    };
  const timed = blockers.filter((b) => b.until !== null).sort((a, b) => a.until! - b.until!);
  return timed[0] ?? blockers[0]!;
}

/** Progress is told at most this often per campaign; status changes at once. */
const PROGRESS_EVERY_MS = 250;

/**
 * Campaign rows and what is told about them: a status change is written with its webhook deliveries in one
 * transaction, then published; progress (recipients moving on) is published coalesced.
 */
export class CampaignStore {
  readonly #progressTimers = new Map<string, NodeJS.Timeout>();
  /** Set from shutdown until the next start: a late receipt's progress has nobody left to tell. */
  #closed = false;

  // Prepared once: the runner asks these for every message it sends.
  readonly #row;
  readonly #active;
  readonly #anyIn;
  readonly #poolMembers;

  constructor(private readonly deps: { db: Db; bus: EventBus; outbox: WebhookOutbox; clock: Clock }) {
    const { db } = deps;
    this.#row = db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, sql.placeholder('id')))
      .prepare();
    this.#active = db
      .select()
      .from(campaigns)
      .where(inArray(campaigns.status, ['scheduled', 'running', 'paused']))
      .orderBy(campaigns.createdAt)
      .prepare();
    this.#anyIn = db
      .select({ id: campaignRecipients.id })
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.campaignId, sql.placeholder('campaignId')),
          eq(campaignRecipients.state, sql.placeholder('state')),
        ),
      )
      .limit(1)
      .prepare();
    this.#poolMembers = db
      .select({ id: poolAccounts.accountId })
      .from(poolAccounts)
      .where(eq(poolAccounts.poolId, sql.placeholder('poolId')))
      .prepare();
  }

  row(id: string): Campaign | undefined {
    return this.#row.get({ id });
  }

  /** Campaigns that may still send (scheduled, running, paused), oldest first. */
  active(): Campaign[] {
    return this.#active.all();
  }

  /**
   * Moves a campaign to `status` (with the pause's reason when pausing), writing its webhook deliveries in
   * the same transaction; `campaign.completed` goes out too when it completes. Returns the row as written.
   */
  transition(
    campaign: Campaign,
    status: CampaignStatus,
    pause: Blocker | null = null,
    extra: Partial<Pick<Campaign, 'startedAt' | 'completedAt' | 'scheduledAt' | 'failureStreak'>> = {},
  ): Campaign {
    const now = this.deps.clock.now();
    const written = this.deps.db.transaction(() => {
      const row = this.deps.db
        .update(campaigns)
        .set({
          status,
          pauseReason: pause?.reason ?? null,
          pauseDetail: pause?.detail ?? null,
          pauseDetailCoded: pause?.detailCoded ?? null,
          resumeAt: pause?.until ?? null,
          updatedAt: now,
          ...(status === 'completed' || status === 'cancelled' ? { completedAt: now } : {}),
          ...extra,
        })
        .where(eq(campaigns.id, campaign.id))
        .returning()
        .get();
      if (!row) return undefined;
      const changed = campaign.status !== status || campaign.pauseReason !== row.pauseReason;
      if (changed) this.#tell(row, campaign.status, now);
      return row;
    });
    if (!written) return campaign;
    this.publish(written);
    return written;
  }

  /** A pause whose reason stays the same but whose detail or expected end changed: no event for webhooks. */
  repause(campaign: Campaign, pause: Blocker): Campaign {
    if (campaign.pauseDetail === pause.detail && campaign.resumeAt === pause.until) return campaign;
    const row = this.deps.db
      .update(campaigns)
      .set({
        pauseDetail: pause.detail,
        pauseDetailCoded: pause.detailCoded,
        resumeAt: pause.until,
        updatedAt: this.deps.clock.now(),
      })
      .where(eq(campaigns.id, campaign.id))
      .returning()
      .get();
    if (row) this.publish(row);
    return row ?? campaign;
  }

  counts(campaignId: string): RecipientCounts {
    return this.countsOf([campaignId]).get(campaignId) ?? emptyCounts();
  }

  /** Recipient counts of several campaigns at once (for lists). */
  countsOf(campaignIds: string[]): Map<string, RecipientCounts> {
    const result = new Map<string, RecipientCounts>();
    if (campaignIds.length === 0) return result;
    const { db } = this.deps;
    const inList = inArray(campaignRecipients.campaignId, campaignIds);
    for (const id of campaignIds) result.set(id, emptyCounts());
    const byState = db
      .select({ campaignId: campaignRecipients.campaignId, state: campaignRecipients.state, n: count() })
      .from(campaignRecipients)
      .where(inList)
      .groupBy(campaignRecipients.campaignId, campaignRecipients.state)
      .all();
    for (const { campaignId, state, n } of byState) {
      const counts = result.get(campaignId)!;
      counts[state] = n;
      counts.total += n;
    }
    const replied = db
      .select({ campaignId: campaignRecipients.campaignId, n: count() })
      .from(campaignRecipients)
      .where(and(inList, isNotNull(campaignRecipients.repliedAt)))
      .groupBy(campaignRecipients.campaignId)
      .all();
    for (const { campaignId, n } of replied) result.get(campaignId)!.replied = n;
    return result;
  }

  /** Whether any recipient of the campaign is in `state` (cheaper than counting them all). */
  has(campaignId: string, state: RecipientState): boolean {
    return this.#anyIn.get({ campaignId, state }) !== undefined;
  }

  countWhere(where: SQL | undefined): number {
    return this.deps.db.select({ n: count() }).from(campaignRecipients).where(where).get()?.n ?? 0;
  }

  /** The accounts a campaign sends from: its own, or its pool's. */
  accountIdsOf(campaign: Pick<Campaign, 'accountId' | 'poolId'>): string[] {
    if (campaign.accountId) return [campaign.accountId];
    if (!campaign.poolId) return [];
    return this.#poolMembers.all({ poolId: campaign.poolId }).map((r) => r.id);
  }

  /** Tells subscribers the campaign changed, now. */
  publish(campaign: Pick<Campaign, 'id' | 'ownerId' | 'accountId' | 'poolId'>): void {
    const pending = this.#progressTimers.get(campaign.id);
    if (pending) {
      clearTimeout(pending);
      this.#progressTimers.delete(campaign.id);
    }
    this.deps.bus.publishCampaign({
      type: 'campaign',
      campaignId: campaign.id,
      ownerId: campaign.ownerId,
      sessionId: campaign.accountId,
      poolId: campaign.poolId,
    });
  }

  /** Tells subscribers the campaign's recipients moved on, at most every quarter second. */
  progress(campaignId: string): void {
    if (this.#closed || this.#progressTimers.has(campaignId)) return;
    const timer = setTimeout(() => {
      this.#progressTimers.delete(campaignId);
      const row = this.row(campaignId);
      if (row) this.publish(row);
    }, PROGRESS_EVERY_MS);
    timer.unref();
    this.#progressTimers.set(campaignId, timer);
  }

  /**
   * At shutdown: publishes what is still waiting and starts no timer afterwards, so none fires once the
   * database is closed.
   */
  close(): void {
    this.#closed = true;
    for (const [id, timer] of [...this.#progressTimers]) {
      clearTimeout(timer);
      this.#progressTimers.delete(id);
      const row = this.row(id);
      if (row) this.publish(row);
    }
  }

  open(): void {
    this.#closed = false;
  }

  #tell(row: Campaign, previous: CampaignStatus, at: number): void {
    const counts = this.counts(row.id);
    const base = {
      campaignId: row.id,
      name: row.name,
      sessionId: row.accountId,
      poolId: row.poolId,
      counts,
    };
    const target = { accountId: row.accountId, accountIds: this.accountIdsOf(row), at };
    this.deps.outbox.enqueue({
      ...target,
      type: 'campaign.status',
      data: {
        ...base,
        status: row.status,
        previousStatus: previous,
        pauseReason: row.pauseReason,
        pauseDetail: row.pauseDetail,
      },
    });
    if (row.status === 'completed')
      this.deps.outbox.enqueue({
        ...target,
        type: 'campaign.completed',
        data: {
          ...base,
          startedAt: row.startedAt === null ? null : new Date(row.startedAt).toISOString(),
          completedAt: new Date(row.completedAt ?? at).toISOString(),
        },
      });
  }
}

export function emptyCounts(): RecipientCounts {
  const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<RecipientState, number>;
  return { ...counts, total: 0, replied: 0 };
}
