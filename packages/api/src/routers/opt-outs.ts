import { z } from 'zod';
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
    .input(suppressionListInput)
    .output(suppressionPage)
    .query(({ ctx, input }) => ctx.services.optOuts.list(ctx.actor, input)),

  /** Adds numbers by hand; they leave every unfinished campaign of the account at once. */
  add: protectedProcedure
    .input(suppressionAddInput)
    .output(suppressionReport)
    .mutation(({ ctx, input }) => ctx.services.optOuts.add(ctx.actor, input)),

  /** Adds the numbers of a CSV file (its phone column, or its only column). */
  import: protectedProcedure
    .input(suppressionImportInput)
    .output(suppressionReport)
    .mutation(({ ctx, input }) => ctx.services.optOuts.import(ctx.actor, input)),

  remove: protectedProcedure
    .input(suppressionRemoveInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.optOuts.remove(ctx.actor, input);
      return { ok: true as const };
    }),

  settings: protectedProcedure
    .input(z.object({ sessionId }))
    .output(optOutSettings)
    .query(({ ctx, input }) => ctx.services.optOuts.settings(ctx.actor, input.sessionId)),

  /** The account's stop words (null: the defaults) and the confirmation sent back (null: none). */
  updateSettings: protectedProcedure
    .input(optOutSettingsInput)
    .output(optOutSettings)
    .mutation(({ ctx, input }) => ctx.services.optOuts.updateSettings(ctx.actor, input)),
});
