import { z } from 'zod';
import { rest } from '../rest/meta.ts';
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
    .meta(rest('GET', '/stats/sessions', { tag: 'Stats', summary: 'Sessions by status', errors: [404] }))
    .input(statsSessionsInput)
    .output(statsSessions)
    .query(({ ctx, input }) => ctx.services.stats.sessions(ctx.actor, { sessionId: input?.sessionId })),

  /** Messages per day for the last `days` days in `timeZone` (`messages:read`). */
  messages: protectedProcedure
    .meta(
      rest('GET', '/stats/messages', {
        tag: 'Stats',
        summary: 'Messages sent, delivered, read, failed and received per day',
        description:
          'Counted per calendar day of `timeZone`, today included, with the delivery and read rates.',
        errors: [404],
      }),
    )
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
    .meta(rest('GET', '/stats/attention', { tag: 'Stats', summary: 'Sessions that need someone' }))
    .input(noInput)
    .output(z.array(attentionItem))
    .query(({ ctx }) => ctx.services.stats.attention(ctx.actor)),

  /** Webhook endpoints that fail or were turned off by the server (`webhooks:manage`). */
  webhooks: protectedProcedure
    .meta(rest('GET', '/stats/webhooks', { tag: 'Stats', summary: 'Webhook endpoints that are failing' }))
    .input(noInput)
    .output(z.array(failingWebhook))
    .query(({ ctx }) => ctx.services.stats.failingWebhooks(ctx.actor)),
});
