import { type Campaign, campaignRecipients, campaigns, type Db } from '@switchboard/db';
import {
  type CampaignStatus,
  coded,
  DEFAULT_PACING,
  FINISHED_CAMPAIGN_STATUSES,
  missingVariables,
  type Pacing,
  renderTemplate,
  templateProblem,
} from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import type { Access, Actor } from '../access.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { MediaService } from '../media/service.ts';
import type { MessageView } from '../message-view.ts';
import type { MessageService } from '../messages/service.ts';
import type { PoolService } from '../pools/service.ts';
import type { AudienceImporter, AudienceSource, ImportReport } from './audience.ts';
import type { CampaignAccess } from './campaign-access.ts';
import {
  attachFile,
  type CampaignMediaInput,
  checkWordingsFit,
  currentFile,
  testSend,
  wordingLimit,
} from './campaign-media.ts';
import { checkedName, checkedPacing, checkedVariants, expectEditable } from './drafts.ts';
import { checkReady } from './readiness.ts';
import type { CampaignRunner } from './runner.ts';
import { sampleRecipient } from './sample.ts';
import type { CampaignStore } from './store.ts';
import { type CampaignView, type CampaignViews, type RecipientView, valuesOf } from './views.ts';

export interface CampaignDraft {
  name?: string;
  sessionId?: string | null;
  poolId?: string | null;
  variants?: string[];
  pacing?: Partial<Pacing>;
  checkNumbers?: boolean;
}

/** A rendered wording for one recipient, with the variables it lacks. */
export interface CampaignPreview {
  recipient: RecipientView | null;
  /** How long a filled-in wording may be: the text limit, or a caption's when the message carries a file. */
  limit: number;
  variants: Array<{ text: string; missing: string[]; length: number }>;
}

/**
 * Campaign commands: drafts (account or pool, wordings, pacing, audience), the way through
 * `draft → scheduled → running ⇄ paused → completed | cancelled`, a test send and a requeue of unknowns.
 * The runner does the sending; every command wakes it.
 */
export class CampaignService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      access: Access;
      campaignAccess: CampaignAccess;
      pools: PoolService;
      messages: MessageService;
      media: MediaService;
      store: CampaignStore;
      views: CampaignViews;
      audience: AudienceImporter;
      runner: CampaignRunner;
      maxTextLength: number;
    },
  ) {}

  create(actor: Actor, input: CampaignDraft & { name: string }): CampaignView {
    const source = this.#source(actor, input.sessionId ?? null, input.poolId ?? null);
    const now = this.deps.clock.now();
    const row = this.deps.db
      .insert(campaigns)
      .values({
        id: newId(),
        ownerId: actor.id,
        ...source,
        name: checkedName(input.name),
        variants: checkedVariants(input.variants ?? [], this.deps.maxTextLength),
        pacing: checkedPacing({ ...DEFAULT_PACING, ...input.pacing }),
        checkNumbers: input.checkNumbers ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.deps.store.publish(row);
    return this.deps.views.one(row);
  }

  /** Drafts change freely; a paused campaign may change its name, wordings, pacing and number check. */
  update(actor: Actor, input: CampaignDraft & { id: string }): CampaignView {
    const current = this.#managed(actor, input.id);
    const moving = input.sessionId !== undefined || input.poolId !== undefined;
    expectEditable(current, moving);
    if (input.variants !== undefined) checkWordingsFit(current.mediaType, input.variants);
    const source = moving ? this.#source(actor, input.sessionId ?? null, input.poolId ?? null) : null;
    // A file belongs to an account: one that the new account or pool cannot send is dropped, not kept dangling.
    const keepsFile = !source || this.#fileSendableFrom(current, source);
    const row = this.deps.db
      .update(campaigns)
      .set({
        ...(source ?? {}),
        ...(keepsFile ? {} : { mediaId: null, mediaType: null }),
        ...(input.name !== undefined ? { name: checkedName(input.name) } : {}),
        ...(input.variants !== undefined
          ? { variants: checkedVariants(input.variants, this.deps.maxTextLength) }
          : {}),
        ...(input.pacing !== undefined
          ? { pacing: checkedPacing({ ...current.pacing, ...input.pacing }) }
          : {}),
        ...(input.checkNumbers !== undefined ? { checkNumbers: input.checkNumbers } : {}),
        updatedAt: this.deps.clock.now(),
      })
      .where(eq(campaigns.id, current.id))
      .returning()
      .get()!;
    this.deps.store.publish(row);
    this.deps.runner.wake();
    return this.deps.views.one(row);
  }

  /**
   * Attaches the file every recipient gets (the wording becomes its caption), or removes it with `null`. An
   * upload must be one of the campaign's accounts'; a URL is fetched now, once, never per recipient.
   */
  async setMedia(
    actor: Actor,
    input: { id: string; media: CampaignMediaInput | null },
  ): Promise<CampaignView> {
    const row = await attachFile(this.deps, actor, () => this.#managed(actor, input.id), input.media);
    this.deps.store.publish(row);
    return this.deps.views.one(row);
  }

  /** Adds recipients (while the campaign has not finished), de-duplicated and without the opted-out. */
  addAudience(actor: Actor, input: { id: string; source: AudienceSource }): ImportReport {
    const campaign = this.#managed(actor, input.id);
    if (FINISHED_CAMPAIGN_STATUSES.includes(campaign.status))
      throw new AppError('PRECONDITION_FAILED', `Campaign ${campaign.name} is ${campaign.status}`);
    const report = this.deps.audience.import(campaign, this.deps.store.accountIdsOf(campaign), input.source);
    this.deps.store.publish(campaign);
    this.deps.runner.wake();
    return report;
  }

  clearAudience(actor: Actor, id: string): CampaignView {
    const campaign = this.#managed(actor, id);
    if (campaign.status !== 'draft')
      throw new AppError('PRECONDITION_FAILED', 'Only a draft’s audience can be cleared');
    this.deps.db.delete(campaignRecipients).where(eq(campaignRecipients.campaignId, id)).run();
    this.deps.store.publish(campaign);
    return this.deps.views.one(campaign);
  }

  /** The wordings filled in for one recipient (the first still to send, or the one named). */
  preview(
    actor: Actor,
    input: { id: string; recipientId?: number | null; variants?: string[] },
  ): CampaignPreview {
    const campaign = this.deps.campaignAccess.campaign(actor, input.id, 'campaigns:read');
    const recipient = sampleRecipient(this.deps.db, campaign.id, input.recipientId ?? null);
    const values = recipient ? valuesOf(recipient) : {};
    return {
      recipient,
      limit: wordingLimit(campaign, this.deps.maxTextLength),
      variants: (input.variants ?? campaign.variants).map((template) => {
        const text = renderTemplate(template, values);
        return { text, missing: missingVariables(template, values), length: text.length };
      }),
    };
  }

  /**
   * Sends one wording, filled in for the sample recipient, to a number of the operator's: an ordinary message,
   * with the campaign's file (from the account the file belongs to, when the campaign sends from a pool).
   */
  sendTest(actor: Actor, input: { id: string; to: string; variant?: number }): Promise<MessageView> {
    const campaign = this.#managed(actor, input.id);
    const file = currentFile(this.deps.media, campaign, this.deps.store.accountIdsOf(campaign));
    const template = campaign.variants[input.variant ?? 0] ?? (file && !input.variant ? '' : undefined);
    if (template === undefined)
      throw new AppError(
        'BAD_REQUEST',
        `Campaign ${campaign.name} has no wording ${(input.variant ?? 0) + 1}`,
      );
    const problem = file && template.trim() === '' ? null : templateProblem(template);
    if (problem) throw new AppError('BAD_REQUEST', problem.text);
    const sample = sampleRecipient(this.deps.db, campaign.id, null);
    const text = renderTemplate(template, sample ? valuesOf(sample) : {});
    return this.deps.messages.send(actor, { ...testSend(campaign, file, text), to: input.to });
  }

  /** Schedules a draft to start at `at`; `at: null` takes a scheduled campaign back to a draft. */
  schedule(actor: Actor, input: { id: string; at: number | null }): CampaignView {
    const campaign = this.#managed(actor, input.id);
    if (input.at === null) {
      this.#expect(campaign, ['scheduled'], 'unscheduled');
      return this.#moved(campaign, 'draft', { scheduledAt: null });
    }
    this.#expect(campaign, ['draft', 'scheduled'], 'scheduled');
    if (input.at <= this.deps.clock.now())
      throw new AppError(
        'BAD_REQUEST',
        'The start time has passed: pick a time in the future, or start it now',
      );
    checkReady(this.deps, campaign);
    return this.#moved(campaign, 'scheduled', { scheduledAt: input.at });
  }

  start(actor: Actor, id: string): CampaignView {
    const campaign = this.#managed(actor, id);
    this.#expect(campaign, ['draft', 'scheduled'], 'started');
    checkReady(this.deps, campaign);
    return this.#moved(campaign, 'running', { startedAt: this.deps.clock.now() });
  }

  pause(actor: Actor, id: string): CampaignView {
    const campaign = this.#managed(actor, id);
    if (
      campaign.status !== 'running' &&
      !(campaign.status === 'paused' && campaign.pauseReason !== 'operator')
    )
      this.#expect(campaign, ['running'], 'paused');
    const row = this.deps.store.transition(campaign, 'paused', {
      reason: 'operator',
      detail: 'Paused by the operator. Resume it to go on where it stopped; nobody is messaged twice.',
      detailCoded: coded('campaign.operator'),
      until: null,
    });
    return this.deps.views.one(row);
  }

  /** Resumes a paused campaign; if what paused it still holds, the runner pauses it again saying so. */
  resume(actor: Actor, id: string): CampaignView {
    const campaign = this.#managed(actor, id);
    this.#expect(campaign, ['paused'], 'resumed');
    return this.#moved(campaign, 'running', { failureStreak: 0 });
  }

  cancel(actor: Actor, id: string): CampaignView {
    const campaign = this.#managed(actor, id);
    this.#expect(campaign, ['draft', 'scheduled', 'running', 'paused'], 'cancelled');
    return this.#moved(campaign, 'cancelled');
  }

  /**
   * Puts recipients whose message may or may not have arrived (`unknown`) back in line. They may get the
   * message twice: the operator decides that, never the server.
   */
  requeueUnknown(actor: Actor, id: string): { requeued: number; campaign: CampaignView } {
    const campaign = this.#managed(actor, id);
    this.#expect(campaign, ['running', 'paused', 'completed'], 'given its unknown recipients again');
    const requeued = this.deps.runner.requeueUnknown(id);
    const row =
      requeued > 0 && campaign.status === 'completed'
        ? this.deps.store.transition(campaign, 'running', null, { completedAt: null })
        : campaign;
    this.deps.store.publish(row);
    this.deps.runner.wake();
    return { requeued, campaign: this.deps.views.one(row) };
  }

  delete(actor: Actor, id: string): void {
    const campaign = this.#managed(actor, id);
    if (campaign.status === 'running')
      throw new AppError(
        'PRECONDITION_FAILED',
        `Campaign ${campaign.name} is running: pause or cancel it first`,
      );
    this.deps.db.delete(campaigns).where(eq(campaigns.id, id)).run();
    this.deps.store.publish(campaign);
  }

  #managed(actor: Actor, id: string): Campaign {
    return this.deps.campaignAccess.campaign(actor, id, 'campaigns:manage');
  }

  /** Exactly one of an account and a pool, which the actor may manage campaigns of. */
  #source(actor: Actor, sessionId: string | null, poolId: string | null) {
    if (Boolean(sessionId) === Boolean(poolId))
      throw new AppError('BAD_REQUEST', 'Choose the session to send from, or a pool: one of them');
    if (sessionId)
      return { accountId: this.deps.access.account(actor, sessionId, 'campaigns:manage').id, poolId: null };
    return { accountId: null, poolId: this.deps.pools.get(actor, poolId!, 'campaigns:manage').id };
  }

  #fileSendableFrom(campaign: Campaign, source: Pick<Campaign, 'accountId' | 'poolId'>): boolean {
    const file = campaign.mediaId ? this.deps.media.view(campaign.mediaId) : null;
    return file !== null && this.deps.store.accountIdsOf(source).includes(file.accountId);
  }

  #expect(campaign: Campaign, from: CampaignStatus[], what: string): void {
    if (!from.includes(campaign.status))
      throw new AppError(
        'PRECONDITION_FAILED',
        `Campaign ${campaign.name} is ${campaign.status}: it cannot be ${what}`,
      );
  }

  #moved(
    campaign: Campaign,
    status: CampaignStatus,
    extra: Parameters<CampaignStore['transition']>[3] = {},
  ): CampaignView {
    const row = this.deps.store.transition(campaign, status, null, extra);
    this.deps.runner.wake();
    return this.deps.views.one(row);
  }
}
