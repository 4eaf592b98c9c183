import { z } from 'zod';
import { ok } from '../schemas/common.ts';
import {
  deliveryListInput,
  deliveryPage,
  replayInput,
  replayResult,
  webhook,
  webhookCreateInput,
  webhookIdInput,
  webhookListInput,
  webhookTestResult,
  webhookUpdateInput,
  webhookWithSecret,
} from '../schemas/webhooks.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const webhooksRouter = router({
  /** Endpoints the user may manage: their accounts' (admins: all, including global ones). */
  list: protectedProcedure
    .input(webhookListInput)
    .output(z.array(webhook))
    .query(({ ctx, input }) => ctx.services.webhooks.list(ctx.actor, { sessionId: input?.sessionId })),

  /** `sessionId: null` makes a global endpoint (admins only). The secret is in this answer only. */
  create: protectedProcedure
    .input(webhookCreateInput)
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.create(ctx.actor, input)),

  update: protectedProcedure
    .input(webhookUpdateInput)
    .output(webhook)
    .mutation(({ ctx, input }) => ctx.services.webhooks.update(ctx.actor, input)),

  delete: protectedProcedure
    .input(webhookIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.webhooks.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  /** A new secret (shown once); the previous one keeps signing beside it for 24 h. */
  rotateSecret: protectedProcedure
    .input(webhookIdInput)
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.rotateSecret(ctx.actor, input.id)),

  /** Sends a signed `webhook.test` event now and says what the endpoint answered. */
  test: protectedProcedure
    .input(webhookIdInput)
    .output(webhookTestResult)
    .mutation(({ ctx, input }) => ctx.services.webhooks.test(ctx.actor, input.id)),

  /** The delivery log, newest first, with every attempt; pass `nextCursor` back as `cursor`. */
  deliveries: protectedProcedure
    .input(deliveryListInput)
    .output(deliveryPage)
    .query(({ ctx, input }) => ctx.services.webhooks.deliveries(ctx.actor, input)),

  /** Sends again one delivery, or every failed delivery of an endpoint, freshly signed. */
  replay: protectedProcedure
    .input(replayInput)
    .output(replayResult)
    .mutation(({ ctx, input }) => ctx.services.webhooks.replay(ctx.actor, input)),
});
