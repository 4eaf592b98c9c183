import { z } from 'zod';
import { noInput } from '../schemas/common.ts';
import {
  attentionItem,
  failingWebhook,
  statsMessages,
  statsMessagesInput,
  statsSessions,
  statsSessionsInput,
} from '../schemas/stats.ts';
import { protectedProcedure, router } from '../trpc.ts';

/** The overview's figures over the accounts the caller sees; each needs the scope its data does. */
export const statsRouter = router({
  /** Sessions by status (`sessions:read`). */
  sessions: protectedProcedure
    .input(statsSessionsInput)
    .output(statsSessions)
    .query(({ ctx, input }) => ctx.services.stats.sessions(ctx.actor, { sessionId: input?.sessionId })),

  /** Messages per day for the last `days` days in `timeZone` (`messages:read`). */
  messages: protectedProcedure
    .input(statsMessagesInput)
    .output(statsMessages)
    .query(({ ctx, input }) =>
      ctx.services.stats.messages(ctx.actor, {
        sessionId: input?.sessionId,
        days: input?.days,
        timeZone: input?.timeZone,
      }),
    ),

  /** Accounts that need someone: failed, logged out, stuck starting or reconnecting, limited (`sessions:read`). */
  attention: protectedProcedure
    .input(noInput)
    .output(z.array(attentionItem))
    .query(({ ctx }) => ctx.services.stats.attention(ctx.actor)),

  /** Webhook endpoints that fail or were turned off by the server (`webhooks:manage`). */
  webhooks: protectedProcedure
    .input(noInput)
    .output(z.array(failingWebhook))
    .query(({ ctx }) => ctx.services.stats.failingWebhooks(ctx.actor)),
});
