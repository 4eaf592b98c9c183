import { requireScope } from '@switchboard/core';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
import {
  audienceInput,
  campaign,
  campaignCreateInput,
  campaignIdInput,
  campaignListInput,
  campaignMediaInput,
  campaignPage,
  campaignStreamInput,
  campaignUpdateInput,
  exportResult,
  importReport,
  preview,
  previewInput,
  recipientListInput,
  recipientPage,
  requeueResult,
  scheduleInput,
  testSendInput,
} from '../schemas/campaigns.ts';
import { ok } from '../schemas/common.ts';
import { message } from '../schemas/messages.ts';
import { protectedProcedure, router } from '../trpc.ts';

const campaignChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('campaign'), campaign }),
  z.object({ type: z.literal('deleted'), campaignId: z.string() }),
]);

export const campaignsRouter = router({
  /** Newest first, with counts, pace and an estimate; by status or by account. */
  list: protectedProcedure
    .input(campaignListInput)
    .output(campaignPage)
    .query(({ ctx, input }) => ctx.services.campaignQueries.list(ctx.actor, input)),

  byId: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .query(({ ctx, input }) => ctx.services.campaignQueries.get(ctx.actor, input.id)),

  /** A draft from one account (`sessionId`) or a pool (`poolId`); pacing starts from the safe defaults. */
  create: protectedProcedure
    .input(campaignCreateInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.create(ctx.actor, input)),

  /** Changes a draft (anything) or a paused campaign (name, wordings, pacing, number check). */
  update: protectedProcedure
    .input(campaignUpdateInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.update(ctx.actor, input)),

  /**
   * Attaches the file every recipient gets (an upload of the campaign's account, or a URL fetched once), the
   * wording as its caption; `media: null` removes it.
   */
  setMedia: protectedProcedure
    .input(campaignMediaInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.setMedia(ctx.actor, input)),

  /** Adds recipients from the inbox's contacts (by tags), a CSV file, or pasted numbers. */
  addAudience: protectedProcedure
    .input(audienceInput)
    .output(importReport)
    .mutation(({ ctx, input }) => ctx.services.campaigns.addAudience(ctx.actor, input)),

  clearAudience: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.clearAudience(ctx.actor, input.id)),

  /** The wordings filled in for a sample recipient (the first, or the one named). */
  preview: protectedProcedure
    .input(previewInput)
    .output(preview)
    .query(({ ctx, input }) => ctx.services.campaigns.preview(ctx.actor, input)),

  /** Sends one wording, filled in for the sample recipient, to the operator's own number. */
  sendTest: protectedProcedure
    .input(testSendInput)
    .output(message)
    .mutation(({ ctx, input }) => ctx.services.campaigns.sendTest(ctx.actor, input)),

  /** Starts a draft at a time; `at: null` takes a scheduled campaign back to a draft. */
  schedule: protectedProcedure
    .input(scheduleInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.schedule(ctx.actor, input)),

  start: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.start(ctx.actor, input.id)),

  pause: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.pause(ctx.actor, input.id)),

  resume: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.resume(ctx.actor, input.id)),

  cancel: protectedProcedure
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.cancel(ctx.actor, input.id)),

  /** Puts recipients whose message may or may not have arrived back in line: they may get it twice. */
  requeueUnknown: protectedProcedure
    .input(campaignIdInput)
    .output(requeueResult)
    .mutation(({ ctx, input }) => ctx.services.campaigns.requeueUnknown(ctx.actor, input.id)),

  delete: protectedProcedure
    .input(campaignIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.campaigns.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  /** In sending order, with each one's state; search by number or name, filter by state. */
  recipients: protectedProcedure
    .input(recipientListInput)
    .output(recipientPage)
    .query(({ ctx, input }) => ctx.services.campaignQueries.recipients(ctx.actor, input)),

  /** Every recipient and what became of them, as CSV. */
  export: protectedProcedure
    .input(campaignIdInput)
    .output(exportResult)
    .query(({ ctx, input }) => ctx.services.campaignQueries.export(ctx.actor, input.id)),

  /**
   * Live progress: each change of the campaigns the user may see (or of one, with `id`, which is sent as it
   * is first). Deleted campaigns are announced so lists can drop them.
   */
  onProgress: protectedProcedure.input(campaignStreamInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const { bus, campaignQueries } = ctx.services;
    const actor = currentActor(ctx);
    const id = input?.id;
    check(() => (id ? campaignQueries.get(actor, id) : requireScope(actor, 'campaigns:read')));
    const live = bus.stream('campaign', signal);
    if (id) {
      const first = campaignQueries.change(actor, { campaignId: id, sessionId: null, poolId: null });
      if (first) yield tracked(bus.lastId, campaignChange.parse(first));
    }
    for await (const event of live) {
      if (id && event.campaignId !== id) continue;
      const change = campaignQueries.change(currentActor(ctx), event);
      if (change) yield tracked(event.id, campaignChange.parse(change));
    }
  }),
});
