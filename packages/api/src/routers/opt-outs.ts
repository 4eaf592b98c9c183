import { z } from 'zod';
import { rest } from '../rest/meta.ts';
import {
  optOutSettings,
  optOutSettingsInput,
  suppressionAddInput,
  suppressionImportInput,
  suppressionListInput,
  suppressionPage,
  suppressionRemoveInput,
  suppressionReport,
} from '../schemas/campaigns.ts';
import { ok, sessionId } from '../schemas/common.ts';
import { protectedProcedure, router } from '../trpc.ts';

/** Each account's opt-out list and how replies opt people out. */
export const optOutsRouter = router({
  list: protectedProcedure
    .meta(
      rest('GET', '/opt-outs', {
        tag: 'Opt-outs',
        summary: 'A session’s opted-out numbers',
        description: 'Newest first; `search` by number.',
      }),
    )
    .input(suppressionListInput)
    .output(suppressionPage)
    .query(({ ctx, input }) => ctx.services.optOuts.list(ctx.actor, input)),

  /** Adds numbers by hand; they leave every unfinished campaign of the account at once. */
  add: protectedProcedure
    .meta(
      rest('POST', '/opt-outs', {
        tag: 'Opt-outs',
        summary: 'Opt numbers out by hand',
        description: 'They leave every unfinished campaign of the session at once.',
      }),
    )
    .input(suppressionAddInput)
    .output(suppressionReport)
    .mutation(({ ctx, input }) => ctx.services.optOuts.add(ctx.actor, input)),

  /** Adds the numbers of a CSV file (its phone column, or its only column). */
  import: protectedProcedure
    .meta(
      rest('POST', '/opt-outs/import', {
        tag: 'Opt-outs',
        summary: 'Opt out the numbers of a CSV file',
        description: 'The file goes in the JSON body as text (`csv`): its phone column, or its only column.',
      }),
    )
    .input(suppressionImportInput)
    .output(suppressionReport)
    .mutation(({ ctx, input }) => ctx.services.optOuts.import(ctx.actor, input)),

  remove: protectedProcedure
    .meta(
      rest('DELETE', '/opt-outs/{phone}', {
        tag: 'Opt-outs',
        summary: 'Take a number off a session’s opt-out list',
      }),
    )
    .input(suppressionRemoveInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.optOuts.remove(ctx.actor, input);
      return { ok: true as const };
    }),

  settings: protectedProcedure
    .meta(
      rest('GET', '/opt-outs/settings', {
        tag: 'Opt-outs',
        summary: 'A session’s stop words and opt-out confirmation',
      }),
    )
    .input(z.object({ sessionId }))
    .output(optOutSettings)
    .query(({ ctx, input }) => ctx.services.optOuts.settings(ctx.actor, input.sessionId)),

  /** The account's stop words (null: the defaults) and the confirmation sent back (null: none). */
  updateSettings: protectedProcedure
    .meta(
      rest('PUT', '/opt-outs/settings', {
        tag: 'Opt-outs',
        summary: 'Set a session’s stop words and opt-out confirmation',
        description: '`stopWords: null` goes back to the defaults; `confirmation: null` sends none.',
      }),
    )
    .input(optOutSettingsInput)
    .output(optOutSettings)
    .mutation(({ ctx, input }) => ctx.services.optOuts.updateSettings(ctx.actor, input)),
});
