import { requireScope } from '@switchboard/core';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
import { rest } from '../rest/meta.ts';
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
    .meta(
      rest('GET', '/campaigns', {
        tag: 'Campaigns',
        summary: 'List campaigns, newest first',
        description: 'With counts by state, pace and an estimated finish; filter by `status` or `sessionId`.',
      }),
    )
    .input(campaignListInput)
    .output(campaignPage)
    .query(({ ctx, input }) => ctx.services.campaignQueries.list(ctx.actor, input)),

  byId: protectedProcedure
    .meta(rest('GET', '/campaigns/{id}', { tag: 'Campaigns', summary: 'Get a campaign, with its progress' }))
    .input(campaignIdInput)
    .output(campaign)
    .query(({ ctx, input }) => ctx.services.campaignQueries.get(ctx.actor, input.id)),

  /** A draft from one account (`sessionId`) or a pool (`poolId`); pacing starts from the safe defaults. */
  create: protectedProcedure
    .meta(
      rest('POST', '/campaigns', {
        tag: 'Campaigns',
        summary: 'Create a draft campaign',
        description:
          'From one session (`sessionId`) or a pool (`poolId`). Pacing starts from the safe defaults; anything given replaces its default.',
      }),
    )
    .input(campaignCreateInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.create(ctx.actor, input)),

  /** Changes a draft (anything) or a paused campaign (name, wordings, pacing, number check). */
  update: protectedProcedure
    .meta(
      rest('PATCH', '/campaigns/{id}', {
        tag: 'Campaigns',
        summary: 'Change a draft or paused campaign',
        description: 'A draft may change anything; a paused campaign anything but its session or pool.',
        errors: [412],
      }),
    )
    .input(campaignUpdateInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.update(ctx.actor, input)),

  /**
   * Attaches the file every recipient gets (an upload of the campaign's account, or a URL fetched once), the
   * wording as its caption; `media: null` removes it.
   */
  setMedia: protectedProcedure
    .meta(
      rest('PUT', '/campaigns/{id}/media', {
        tag: 'Campaigns',
        summary: 'Attach the file every recipient gets, or remove it',
        description:
          'An upload of the campaign’s session (`media.id`, from `POST /media`; for a pool, of one of its sessions) or an http(s) URL fetched once, now (`media.url`). Photos, videos and documents carry the wording as their caption; audio, voice messages and stickers go out alone, and are refused while the campaign has a wording. `media: null` removes the file.',
        errors: [408, 409, 412, 413, 415, 502],
      }),
    )
    .input(campaignMediaInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.setMedia(ctx.actor, input)),

  /** Adds recipients from the inbox's contacts (by tags), a CSV file, or pasted numbers. */
  addAudience: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/audience', {
        tag: 'Campaigns',
        summary: 'Add recipients: contacts by tag, a CSV file or pasted numbers',
        description:
          'The CSV file goes in the JSON body as text (`source.csv`). De-duplicated by number; opted-out numbers are left out and counted; rows that are not added are listed with the reason.',
        errors: [412],
      }),
    )
    .input(audienceInput)
    .output(importReport)
    .mutation(({ ctx, input }) => ctx.services.campaigns.addAudience(ctx.actor, input)),

  clearAudience: protectedProcedure
    .meta(
      rest('DELETE', '/campaigns/{id}/audience', {
        tag: 'Campaigns',
        summary: 'Remove every recipient of a draft',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.clearAudience(ctx.actor, input.id)),

  /** The wordings filled in for a sample recipient (the first, or the one named). */
  preview: protectedProcedure
    .meta(
      rest('GET', '/campaigns/{id}/preview', {
        tag: 'Campaigns',
        summary: 'The wordings filled in for a sample recipient',
        description:
          '`limit` is the longest a filled-in wording may be: the text limit, or a caption’s with a file.',
      }),
    )
    .input(previewInput)
    .output(preview)
    .query(({ ctx, input }) => ctx.services.campaigns.preview(ctx.actor, input)),

  /** Sends one wording, filled in for the sample recipient, to the operator's own number. */
  sendTest: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/test', {
        tag: 'Campaigns',
        summary: 'Send a test to your own number',
        description:
          'One wording (with the file, if any), filled in for the first recipient: an ordinary message, not a recipient.',
        errors: [412],
      }),
    )
    .input(testSendInput)
    .output(message)
    .mutation(({ ctx, input }) => ctx.services.campaigns.sendTest(ctx.actor, input)),

  /** Starts a draft at a time; `at: null` takes a scheduled campaign back to a draft. */
  schedule: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/schedule', {
        tag: 'Campaigns',
        summary: 'Schedule a draft, or unschedule it',
        errors: [412],
      }),
    )
    .input(scheduleInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.schedule(ctx.actor, input)),

  start: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/start', {
        tag: 'Campaigns',
        summary: 'Start a draft or scheduled campaign now',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.start(ctx.actor, input.id)),

  pause: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/pause', {
        tag: 'Campaigns',
        summary: 'Pause a running campaign',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.pause(ctx.actor, input.id)),

  resume: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/resume', {
        tag: 'Campaigns',
        summary: 'Resume a paused campaign',
        description: 'Nobody is messaged twice; if what paused it still holds, it pauses again saying why.',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.resume(ctx.actor, input.id)),

  cancel: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/cancel', {
        tag: 'Campaigns',
        summary: 'Cancel a campaign',
        description: 'Final: nobody still waiting gets the message.',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(campaign)
    .mutation(({ ctx, input }) => ctx.services.campaigns.cancel(ctx.actor, input.id)),

  /** Puts recipients whose message may or may not have arrived back in line: they may get it twice. */
  requeueUnknown: protectedProcedure
    .meta(
      rest('POST', '/campaigns/{id}/requeue-unknown', {
        tag: 'Campaigns',
        summary: 'Send the unknown recipients again',
        description:
          'Recipients whose message may or may not have arrived (the server stopped mid-send) go back in line: they may get it twice.',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(requeueResult)
    .mutation(({ ctx, input }) => ctx.services.campaigns.requeueUnknown(ctx.actor, input.id)),

  delete: protectedProcedure
    .meta(
      rest('DELETE', '/campaigns/{id}', {
        tag: 'Campaigns',
        summary: 'Delete a campaign that is not running',
        errors: [412],
      }),
    )
    .input(campaignIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.campaigns.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  /** In sending order, with each one's state; search by number or name, filter by state. */
  recipients: protectedProcedure
    .meta(
      rest('GET', '/campaigns/{id}/recipients', {
        tag: 'Campaigns',
        summary: 'A campaign’s recipients, in sending order',
        description: 'Search by number or name, filter by `state`; page with `offset`.',
      }),
    )
    .input(recipientListInput)
    .output(recipientPage)
    .query(({ ctx, input }) => ctx.services.campaignQueries.recipients(ctx.actor, input)),

  /** Every recipient and what became of them, as CSV. */
  export: protectedProcedure
    .meta(
      rest('GET', '/campaigns/{id}/export', {
        tag: 'Campaigns',
        summary: 'Every recipient and what became of them, as CSV text',
      }),
    )
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
