import { z } from 'zod';
import {
  deliveryStatus,
  ok,
  sessionId,
  webhook,
  webhookDelivery,
  webhookEvent,
  webhookWithSecret,
} from '../schemas.ts';
import { protectedProcedure, router } from '../trpc.ts';

const webhookId = z.string().min(1).max(100);
const url = z.string().trim().min(1, 'URL is required').max(2048, 'URL must be at most 2048 characters');
const description = z.string().trim().max(500, 'Description must be at most 500 characters');
const events = z.array(webhookEvent).min(1, 'Choose at least one event');

export const webhooksRouter = router({
  /** Endpoints the user may manage: their accounts' (admins: all, including global ones). */
  list: protectedProcedure
    .input(z.object({ sessionId: sessionId.nullish() }).optional())
    .output(z.array(webhook))
    .query(({ ctx, input }) => ctx.services.webhooks.list(ctx.actor, { sessionId: input?.sessionId })),

  /** `sessionId: null` makes a global endpoint (admins only). The secret is in this answer only. */
  create: protectedProcedure
    .input(
      z.object({
        sessionId: sessionId.nullable(),
        url,
        description: description.optional(),
        events: events.optional().describe('Default: every event except session.qr'),
        enabled: z.boolean().optional(),
      }),
    )
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.create(ctx.actor, input)),

  update: protectedProcedure
    .input(
      z.object({
        id: webhookId,
        url: url.optional(),
        description: description.optional(),
        events: events.optional(),
        enabled: z.boolean().optional(),
      }),
    )
    .output(webhook)
    .mutation(({ ctx, input }) => ctx.services.webhooks.update(ctx.actor, input)),

  delete: protectedProcedure
    .input(z.object({ id: webhookId }))
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.webhooks.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  /** A new secret (shown once); the previous one keeps signing beside it for 24 h. */
  rotateSecret: protectedProcedure
    .input(z.object({ id: webhookId }))
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.rotateSecret(ctx.actor, input.id)),

  /** Sends a signed `webhook.test` event now and says what the endpoint answered. */
  test: protectedProcedure
    .input(z.object({ id: webhookId }))
    .output(
      z.object({
        ok: z.boolean(),
        statusCode: z.number().nullable(),
        durationMs: z.number(),
        error: z.string().nullable(),
        responseExcerpt: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.webhooks.test(ctx.actor, input.id)),

  /** The delivery log, newest first, with every attempt; pass `nextCursor` back as `cursor`. */
  deliveries: protectedProcedure
    .input(
      z.object({
        webhookId: webhookId.nullish(),
        status: deliveryStatus.nullish(),
        eventType: z.string().max(50).nullish(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.number().int().positive().nullish(),
      }),
    )
    .output(z.object({ items: z.array(webhookDelivery), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) => ctx.services.webhooks.deliveries(ctx.actor, input)),

  /** Sends again one delivery, or every failed delivery of an endpoint, freshly signed. */
  replay: protectedProcedure
    .input(z.union([z.object({ deliveryId: z.string().min(1).max(100) }), z.object({ webhookId })]))
    .output(z.object({ replayed: z.number() }))
    .mutation(({ ctx, input }) => ctx.services.webhooks.replay(ctx.actor, input)),
});
