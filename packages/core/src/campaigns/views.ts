import {
  type Account,
  accounts,
  type Campaign,
  type CampaignRecipient,
  campaignRecipients,
  type Db,
} from '@switchboard/db';
import {
  type CampaignStatus,
  type Coded,
  estimateFinish,
  type MediaType,
  type Pacing,
  type PauseReason,
  pacingWarnings,
  type RecipientState,
  SELF_RESUMING_PAUSES,
  type SessionStatus,
  said,
} from '@switchboard/validators';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { MediaService, MediaView } from '../media/service.ts';
import type { AccountUse, PacingGate } from './pacing.ts';
import type { CampaignStore, RecipientCounts } from './store.ts';

export interface CampaignAccountView extends AccountUse {
  name: string;
  phone: string | null;
  status: SessionStatus;
}

export interface CampaignView {
  id: string;
  name: string;
  ownerId: string;
  /** The account it sends from; null when it sends from a pool. */
  sessionId: string | null;
  poolId: string | null;
  status: CampaignStatus;
  pause: {
    reason: PauseReason;
    detail: string;
    detailCoded: Coded | null;
    resumeAt: number | null;
    resumesByItself: boolean;
  } | null;
  variants: string[];
  /** The file every recipient gets, the wording as its caption; null for text only (or once the file is gone). */
  media: (MediaView & { type: MediaType }) | null;
  pacing: Pacing;
  checkNumbers: boolean;
  scheduledAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
  updatedAt: number;
  counts: RecipientCounts;
  /** Messages sent in the last hour. */
  perHour: number;
  /** When the next message is due, while it runs (or when a pause should end, or the scheduled start). */
  nextSendAt: number | null;
  /** When the rest would be sent at this pacing, sending hours and caps; null when it cannot tell. */
  estimatedFinishAt: number | null;
  /** Where it is riskier than the safe defaults. */
  warnings: string[];
  /** The same, each as a code with its values. */
  warningsCoded: Coded[];
  /** Each account it sends from, with its share of the daily caps used. */
  accounts: CampaignAccountView[];
}

export interface RecipientView {
  id: number;
  phone: string;
  name: string | null;
  state: RecipientState;
  /** The account that sent it. */
  sessionId: string | null;
  messageId: string | null;
  variant: number | null;
  error: string | null;
  errorCoded: Coded | null;
  sentAt: number | null;
  repliedAt: number | null;
  variables: Record<string, string>;
}

const HOUR_MS = 60 * 60 * 1000;

/** Campaigns as people and integrators see them: the row with counts, pace, caps used and an estimate. */
export class CampaignViews {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      store: CampaignStore;
      gate: PacingGate;
      media: MediaService;
      /** When the runner will send the campaign's next message, while it runs. */
      nextSendAt: (campaign: Campaign) => number | null;
    },
  ) {}

  many(rows: Campaign[]): CampaignView[] {
    const counts = this.deps.store.countsOf(rows.map((r) => r.id));
    return rows.map((row) => this.#view(row, counts.get(row.id)!));
  }

  one(row: Campaign): CampaignView {
    return this.#view(row, this.deps.store.counts(row.id));
  }

  #view(row: Campaign, counts: RecipientCounts): CampaignView {
    const now = this.deps.clock.now();
    const accountRows = this.#accounts(row);
    const uses = accountRows.map((a) => ({
      ...this.deps.gate.usage(row.pacing, a),
      name: a.name,
      phone: a.phone,
      status: a.status,
    }));
    const perHour = this.deps.store.countWhere(
      and(eq(campaignRecipients.campaignId, row.id), gt(campaignRecipients.claimedAt, now - HOUR_MS)),
    );
    const nextSendAt =
      row.status === 'running'
        ? this.deps.nextSendAt(row)
        : row.status === 'paused'
          ? row.resumeAt
          : row.status === 'scheduled'
            ? row.scheduledAt
            : null;
    const remaining = counts.pending + counts.sending;
    const first = uses[0];
    const estimatedFinishAt =
      remaining === 0 || !first || row.status === 'completed' || row.status === 'cancelled'
        ? null
        : estimateFinish({
            from: Math.max(now, nextSendAt ?? now),
            remaining,
            accounts: Math.max(1, uses.filter((u) => u.status === 'connected').length),
            averageGapMs: ((row.pacing.minGapSeconds + row.pacing.maxGapSeconds) / 2) * 1000,
            batchSize: row.pacing.batchSize,
            batchPauseMs: row.pacing.batchPauseMinutes * 60_000,
            window: row.pacing.window,
            dailyCap: Math.min(...uses.map((u) => u.cap)),
            usedToday: first.sentToday,
          });
    const warnings = pacingWarnings(row.pacing);
    if (row.variants.length === 1 && counts.total > 1)
      warnings.push(
        said(
          'Everyone gets the same wording: add a second one so the messages are not identical.',
          'campaign.same_wording',
        ),
      );
    return {
      id: row.id,
      name: row.name,
      ownerId: row.ownerId,
      sessionId: row.accountId,
      poolId: row.poolId,
      status: row.status,
      pause:
        row.status === 'paused' && row.pauseReason
          ? {
              reason: row.pauseReason,
              detail: row.pauseDetail ?? '',
              detailCoded: row.pauseDetailCoded,
              resumeAt: row.resumeAt,
              resumesByItself: SELF_RESUMING_PAUSES.includes(row.pauseReason),
            }
          : null,
      variants: row.variants,
      media: this.#media(row),
      pacing: row.pacing,
      checkNumbers: row.checkNumbers,
      scheduledAt: row.scheduledAt,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      counts,
      perHour,
      nextSendAt,
      estimatedFinishAt,
      warnings: warnings.map((w) => w.text),
      warningsCoded: warnings.map((w) => w.coded),
      accounts: uses,
    };
  }

  #media({ mediaId, mediaType }: Campaign): CampaignView['media'] {
    const file = mediaId && mediaType ? this.deps.media.view(mediaId) : null;
    return file && mediaType ? { ...file, type: mediaType } : null;
  }

  #accounts(row: Campaign): Account[] {
    const ids = this.deps.store.accountIdsOf(row);
    if (ids.length === 0) return [];
    return this.deps.db.select().from(accounts).where(inArray(accounts.id, ids)).all();
  }
}

export const recipientView = (r: CampaignRecipient): RecipientView => ({
  id: r.id,
  phone: r.phone,
  name: r.name,
  state: r.state,
  sessionId: r.accountId,
  messageId: r.messageId,
  variant: r.variant,
  error: r.error,
  errorCoded: r.errorCoded,
  sentAt: r.claimedAt,
  repliedAt: r.repliedAt,
  variables: r.variables,
});

/** What a recipient's placeholders are filled with: its variables, name and number. */
export function valuesOf(r: Pick<RecipientView, 'phone' | 'name' | 'variables'>): Record<string, string> {
  return { phone: `+${r.phone}`, ...(r.name ? { name: r.name } : {}), ...r.variables };
}
